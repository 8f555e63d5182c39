package io.switchboard.sla.clock;

import io.switchboard.aggregate.Decision;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.ReprioritiseTask;
import io.switchboard.events.sla.SlaClock;
import io.switchboard.events.sla.SlaTimerDue;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskSlaWarning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A task's SLA clock. It follows the task lifecycle ({@code task.created}, {@code task.updated}): the deadline is the
 * task's {@code dueAt}, else its start (creation, or assignment when so configured) plus its priority's budget, and
 * moves when the priority changes; a task that ends stops its clock (its deadline stays, for the compliance
 * report). Its timers (a warning at a share of the budget,
 * a violation at the deadline) fire once per task and deadline: what fired is part of the clock's state, kept in
 * Kafka. Pure: the caller supplies the time.
 */
public final class SlaClocks {

    static final String ACTOR = "sla-monitor";

    private final SlaPolicy policy;

    public SlaClocks(SlaPolicy policy) {
        this.policy = policy;
    }

    public Decision<SlaClock> decide(SlaClock current, Object input, Instant now) {
        if (input instanceof TaskArchived archived) {
            return forget(current, archived);
        }
        if (input instanceof TaskEvent event) {
            return follow(current, event);
        }
        return fire(current, (SlaTimerDue) input, now);
    }

    /**
     * An archived task's clock goes with it (a tombstone on {@code sla.state}; the compliance report counts the tasks
     * still kept), once the clock has seen the task end: a clock still behind is kept rather than started again by
     * an older event read after the archive.
     */
    private static Decision<SlaClock> forget(SlaClock current, TaskArchived archived) {
        if (current == null || !current.stopped() || current.version() < archived.version()) {
            return new Decision.Unchanged<>(current);
        }
        return new Decision.Removed<>(current, List.of());
    }

    /** A task changed: a newer version moves the clock (or stops it); an older or equal one changes nothing. */
    private Decision<SlaClock> follow(SlaClock current, TaskEvent event) {
        if (current != null && event.version() <= current.version()) {
            return new Decision.Unchanged<>(current);
        }
        Task task = event.task();
        boolean stopped = task.status().isFinal();
        Instant start = policy.fromAssignment() ? task.assignedAt() : task.createdAt();
        Instant deadline = null;
        Instant warnAt = null;
        if (start != null) {
            deadline = task.dueAt() != null ? task.dueAt() : budgetEnd(start, task.priority());
            if (deadline != null) {
                Duration budget = Duration.between(start, deadline);
                warnAt = start.plusMillis((long) (Math.max(0, budget.toMillis()) * policy.warnAt()));
            }
        }
        SlaClock previous = current == null ? new SlaClock(task.id(), 0, task, null, null, null, null, false) : current;
        Instant warnedFor = previous.warnedFor();
        Instant violatedFor = previous.violatedFor();
        if (deadline != null && violatedFor != null && !deadline.isAfter(violatedFor)) {
            // Already flagged late for a later deadline (an escalation moved it earlier): the same lateness is not
            // flagged again, and the escalation does not chain.
            warnedFor = deadline;
            violatedFor = deadline;
        }
        if (current != null && sameForTheClock(current, task, deadline, warnAt, warnedFor, violatedFor, stopped)) {
            // A change the clock does not see (progress, a label): nothing written. The clock keeps the task as
            // it last mattered here, and its version, so a later change is still newer.
            return new Decision.Unchanged<>(current);
        }
        // A stopped clock fires nothing, so only the report and the change check read its task again: its summary
        // (the fields both compare and count) is all it keeps.
        return new Decision.Applied<>(new SlaClock(task.id(), event.version(), stopped ? task.summary() : task,
                deadline, warnAt, warnedFor, violatedFor, stopped), List.of());
    }

    /**
     * Whether the clock would come out the same, and the task the same in every field the monitor reads (its
     * standing, its report and its events' headline: name, priority, status, agent, and when it was made, assigned,
     * due and ended).
     */
    private static boolean sameForTheClock(SlaClock clock, Task task, Instant deadline, Instant warnAt,
                                           Instant warnedFor, Instant violatedFor, boolean stopped) {
        Task seen = clock.task();
        return stopped == clock.stopped() && Objects.equals(deadline, clock.deadline())
                && Objects.equals(warnAt, clock.warnAt()) && Objects.equals(warnedFor, clock.warnedFor())
                && Objects.equals(violatedFor, clock.violatedFor()) && seen != null
                && Objects.equals(task.name(), seen.name()) && task.priority() == seen.priority()
                && task.status() == seen.status() && Objects.equals(task.agent(), seen.agent())
                && Objects.equals(task.createdAt(), seen.createdAt())
                && Objects.equals(task.assignedAt(), seen.assignedAt()) && Objects.equals(task.dueAt(), seen.dueAt())
                && Objects.equals(task.completedAt(), seen.completedAt())
                && Objects.equals(task.failedAt(), seen.failedAt())
                && Objects.equals(task.cancelledAt(), seen.cancelledAt());
    }

    private Instant budgetEnd(Instant start, Priority priority) {
        Duration budget = policy.budgets().get(priority);
        return budget == null ? null : start.plus(budget);
    }

    /** A timer came due: publish the warning or the violation, unless done already or the deadline moved. */
    private Decision<SlaClock> fire(SlaClock clock, SlaTimerDue timer, Instant now) {
        if (clock == null || clock.stopped() || !timer.deadline().equals(clock.deadline())) {
            return new Decision.Unchanged<>(clock);
        }
        boolean late = timer.dueAt() != null && Duration.between(timer.dueAt(), timer.issuedAt()).compareTo(
                policy.lateAfter()) > 0;
        Task task = clock.task();
        if (timer.kind() == SlaTimerDue.Kind.WARNING) {
            if (clock.deadline().equals(clock.warnedFor())) {
                return new Decision.Unchanged<>(clock);
            }
            Duration remaining = Duration.between(now, clock.deadline());
            return new Decision.Applied<>(with(clock, clock.deadline(), clock.violatedFor()), List.of(
                    new TaskSlaWarning(task.id(), clock.version(), now, task, clock.deadline(),
                            remaining.isNegative() ? Duration.ZERO : remaining, late)));
        }
        if (clock.deadline().equals(clock.violatedFor())) {
            return new Decision.Unchanged<>(clock);
        }
        List<Object> messages = new ArrayList<>();
        String escalation = null;
        if (policy.raisePriority() && task.priority() != Priority.P0) {
            Priority raised = Priority.values()[task.priority().ordinal() - 1];
            escalation = "priority raised from " + task.priority() + " to " + raised;
            messages.add(new ReprioritiseTask(new CommandMeta("sla-escalate-" + task.id() + "-" + clock.deadline(),
                    task.id(), ACTOR, now, null, null), raised, "SLA violated: escalated from " + task.priority()));
        }
        messages.add(0, new TaskSlaViolation(task.id(), clock.version(), now, task, clock.deadline(), late,
                escalation));
        // The warning is implied by the violation: one that had not fired will not fire for this deadline.
        return new Decision.Applied<>(with(clock, clock.deadline(), clock.deadline()), messages);
    }

    /** The timers due at {@code now}: a warning once its time came, a violation once the deadline passed. */
    public List<SlaTimerDue> due(SlaClock clock, Instant now) {
        if (clock.stopped() || clock.deadline() == null) {
            return List.of();
        }
        List<SlaTimerDue> due = new ArrayList<>();
        if (!clock.deadline().equals(clock.violatedFor()) && !now.isBefore(clock.deadline())) {
            due.add(timer(clock, SlaTimerDue.Kind.VIOLATION, clock.deadline(), now));
        } else if (!clock.deadline().equals(clock.warnedFor()) && clock.warnAt() != null
                && !now.isBefore(clock.warnAt())) {
            due.add(timer(clock, SlaTimerDue.Kind.WARNING, clock.warnAt(), now));
        }
        return due;
    }

    /** When the clock's next timer falls due; null when it has none left. */
    public Instant nextDue(SlaClock clock) {
        if (clock.stopped() || clock.deadline() == null || clock.deadline().equals(clock.violatedFor())) {
            return null;
        }
        if (!clock.deadline().equals(clock.warnedFor()) && clock.warnAt() != null) {
            return clock.warnAt();
        }
        return clock.deadline();
    }

    private static SlaTimerDue timer(SlaClock clock, SlaTimerDue.Kind kind, Instant dueAt, Instant now) {
        return new SlaTimerDue(clock.taskId() + "/" + kind + "/" + clock.deadline(), clock.taskId(), kind,
                clock.deadline(), dueAt, now);
    }

    private static SlaClock with(SlaClock clock, Instant warnedFor, Instant violatedFor) {
        return new SlaClock(clock.taskId(), clock.version(), clock.task(), clock.deadline(), clock.warnAt(),
                Objects.requireNonNull(warnedFor), violatedFor, clock.stopped());
    }
}
