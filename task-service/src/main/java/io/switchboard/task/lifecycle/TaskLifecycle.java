package io.switchboard.task.lifecycle;

import io.switchboard.aggregate.Decision;
import io.switchboard.aggregate.Decision.Applied;
import io.switchboard.aggregate.Decision.Rejected;
import io.switchboard.aggregate.Decision.Removed;
import io.switchboard.aggregate.Decision.Unchanged;
import io.switchboard.events.command.ArchiveTask;
import io.switchboard.events.command.AssignTask;
import io.switchboard.events.command.CancelTask;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.CompleteTask;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.command.FailTask;
import io.switchboard.events.command.ImportTask;
import io.switchboard.events.command.RejectionReason;
import io.switchboard.events.command.ReleaseTask;
import io.switchboard.events.command.ReprioritiseTask;
import io.switchboard.events.command.StartTask;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.command.UpdateProgress;
import io.switchboard.events.task.AgentRef;
import io.switchboard.events.task.ImportedState;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskAssigned;
import io.switchboard.events.task.TaskCancelled;
import io.switchboard.events.task.TaskCompleted;
import io.switchboard.events.task.TaskCreated;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskFailed;
import io.switchboard.events.task.TaskSpec;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.events.task.TaskTransition;
import io.switchboard.events.task.TaskUpdated;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The task state machine: PENDING → ASSIGNED → IN_PROGRESS → COMPLETED, FAILED and CANCELLED from any state that is
 * not final, and a failed attempt back to PENDING while the retry policy allows. It is a pure function of the
 * current state, a command and the time, so the one place that applies commands (the owner of the task's
 * partition) and the tests agree on every answer.
 */
public final class TaskLifecycle {

    private final TaskDefaults defaults;

    public TaskLifecycle(TaskDefaults defaults) {
        this.defaults = defaults;
    }

    public TaskRetention retention() {
        return defaults.retention();
    }

    public Decision<TaskState> decide(TaskState current, TaskCommand command, Instant now) {
        CommandMeta meta = command.meta();
        Optional<TaskRules.Violation> badId = TaskRules.taskId(meta.taskId()).or(() -> TaskRules.actor(meta.actor()));
        if (badId.isPresent()) {
            return invalid(badId.get());
        }
        if (command instanceof CreateTask create) {
            return create(current, meta, create.spec(), null, now);
        }
        if (command instanceof ImportTask importTask) {
            return create(current, meta, importTask.spec(), importTask.state(), now);
        }
        if (current == null) {
            return new Rejected<>(RejectionReason.NOT_FOUND, "Task not found", "taskId");
        }
        Long expected = meta.expectedVersion();
        if (expected != null && expected != current.version()) {
            return new Rejected<>(RejectionReason.VERSION_MISMATCH, "Task " + meta.taskId() + " is at version "
                    + current.version() + ", not " + expected, "If-Match");
        }
        if (command instanceof ArchiveTask) {
            return archive(current, now);
        }
        Change change = new Change(current, meta, now, defaults.historyLimit());
        if (command instanceof AssignTask assign) {
            return assign(change, assign);
        }
        if (command instanceof StartTask) {
            return start(change);
        }
        if (command instanceof UpdateProgress progress) {
            return progress(change, progress);
        }
        if (command instanceof CompleteTask) {
            return complete(change);
        }
        if (command instanceof FailTask fail) {
            return fail(change, fail);
        }
        if (command instanceof ReleaseTask release) {
            return release(change, release);
        }
        if (command instanceof ReprioritiseTask reprioritise) {
            return reprioritise(change, reprioritise);
        }
        return cancel(change, (CancelTask) command);
    }

    private Decision<TaskState> create(TaskState current, CommandMeta meta, TaskSpec spec, ImportedState imported,
                            Instant now) {
        String fingerprint = Fingerprint.of(spec, imported);
        if (current != null) {
            return fingerprint.equals(current.createFingerprint())
                    ? new Unchanged<>(current)
                    : new Rejected<>(RejectionReason.ALREADY_EXISTS,
                    "Task " + meta.taskId() + " already exists with different content", "id");
        }
        Optional<TaskRules.Violation> violation = TaskRules.check(spec).or(() -> TaskRules.dueAt(spec.dueAt(), now));
        if (violation.isPresent()) {
            return invalid(violation.get());
        }
        Task.Builder task = new Task.Builder();
        task.id = meta.taskId();
        task.name = spec.name();
        task.description = spec.description();
        task.priority = spec.priority() == null ? defaults.priority() : spec.priority();
        task.eta = spec.eta();
        task.requiredCapabilities = spec.requiredCapabilities();
        task.preferredCapabilities = spec.preferredCapabilities();
        task.labels = spec.labels();
        task.fairnessKey = spec.fairnessKey();
        task.concurrencyKey = spec.concurrencyKey();
        task.assignmentMode = spec.assignmentMode();
        task.dueAt = spec.dueAt();
        task.retryPolicy = spec.retryPolicy() == null ? defaults.retryPolicy() : spec.retryPolicy();
        task.status = TaskStatus.PENDING;
        task.createdAt = now;
        task.updatedAt = now;
        task.version = 1;
        if (imported != null) {
            Optional<Rejected<TaskState>> refused = applyImported(task, imported, now);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        Task created = task.build();
        TaskTransition line = new TaskTransition(now, null, created.status(), meta.actor(),
                imported == null ? "created" : "imported", 1);
        return new Applied<>(new TaskState(created, List.of(line), fingerprint),
                List.<Object>of(new TaskCreated(created.id(), 1, now, created, imported != null)));
    }

    private static Optional<Rejected<TaskState>> applyImported(Task.Builder task, ImportedState state, Instant now) {
        if (state.status() == null) {
            return Optional.of(new Rejected<>(RejectionReason.INVALID, "status must be given to import a task", "status"));
        }
        Optional<TaskRules.Violation> badProgress = TaskRules.progress(state.progress());
        if (badProgress.isPresent()) {
            return Optional.of(invalid(badProgress.get()));
        }
        boolean hadAgent = state.status() != TaskStatus.PENDING && state.agent() != null && !state.agent().isBlank();
        if (hadAgent && TaskRules.agentId(state.agent()).isPresent()) {
            return Optional.of(invalid(TaskRules.agentId(state.agent()).get()));
        }
        if (state.status().isOpen() && !hadAgent) {
            return Optional.of(new Rejected<>(RejectionReason.INVALID,
                    "agent must be given to import a task in status " + state.status(), "agent"));
        }
        task.status = state.status();
        task.agent = hadAgent ? state.agent() : null;
        task.progress = state.status() == TaskStatus.COMPLETED ? 100 : state.progress();
        task.attempts = hadAgent ? 1 : 0;
        task.createdAt = orElse(state.createdAt(), now);
        task.assignedAt = hadAgent ? orElse(state.assignedAt(), now) : null;
        boolean started = state.status() == TaskStatus.IN_PROGRESS || (hadAgent && state.status().isFinal());
        task.startedAt = started ? orElse(state.startedAt(), now) : null;
        task.completedAt = state.status() == TaskStatus.COMPLETED ? orElse(state.completedAt(), now) : null;
        task.failedAt = state.status() == TaskStatus.FAILED ? orElse(state.failedAt(), now) : null;
        task.cancelledAt = state.status() == TaskStatus.CANCELLED ? now : null;
        task.failureReason = state.status() == TaskStatus.FAILED ? state.failureReason() : null;
        return Optional.empty();
    }

    private Decision<TaskState> assign(Change change, AssignTask command) {
        AgentRef agent = command.agent();
        if (agent == null || TaskRules.agentId(agent.id()).isPresent()) {
            return new Rejected<>(RejectionReason.INVALID, "agent must be given as an agent id", "agent");
        }
        if (change.status() != TaskStatus.PENDING) {
            return change.illegal(TaskStatus.ASSIGNED);
        }
        Task.Builder task = change.task;
        task.agent = agent.id();
        task.attempts = task.attempts + 1;
        task.assignedAt = change.now;
        task.startedAt = null;
        task.progress = 0;
        task.nextAttemptAt = null;
        change.moveTo(TaskStatus.ASSIGNED, command.reason());
        return change.applied(t -> List.of(
                new TaskAssigned(t.id(), t.version(), change.now, t, agent, command.reason()),
                new TaskUpdated(t.id(), t.version(), change.now, t, "ASSIGNED")));
    }

    private Decision<TaskState> start(Change change) {
        if (change.status() == TaskStatus.IN_PROGRESS) {
            return new Unchanged<>(change.current);
        }
        if (change.status() != TaskStatus.ASSIGNED) {
            return change.illegal(TaskStatus.IN_PROGRESS);
        }
        change.start();
        return change.applied(t -> List.of(new TaskUpdated(t.id(), t.version(), change.now, t, "STARTED")));
    }

    private Decision<TaskState> progress(Change change, UpdateProgress command) {
        Optional<TaskRules.Violation> badProgress = TaskRules.progress(command.progress());
        if (badProgress.isPresent()) {
            return invalid(badProgress.get());
        }
        TaskStatus asked = command.status();
        if (asked != null && asked != TaskStatus.IN_PROGRESS && asked != TaskStatus.COMPLETED) {
            return new Rejected<>(RejectionReason.INVALID, "status in a progress update must be IN_PROGRESS or "
                    + "COMPLETED; use the fail or cancel endpoint to end a task otherwise", "status");
        }
        boolean completes = command.progress() == 100 || asked == TaskStatus.COMPLETED;
        TaskStatus target = completes ? TaskStatus.COMPLETED : TaskStatus.IN_PROGRESS;
        if (!change.status().isOpen()) {
            return change.illegal(target);
        }
        if (!completes && change.status() == TaskStatus.IN_PROGRESS
                && change.task.progress == command.progress()) {
            return new Unchanged<>(change.current);
        }
        if (change.status() == TaskStatus.ASSIGNED) {
            change.start();
        }
        if (completes) {
            return completeNow(change);
        }
        change.task.progress = command.progress();
        return change.applied(t -> List.of(new TaskUpdated(t.id(), t.version(), change.now, t, "PROGRESS")));
    }

    private Decision<TaskState> complete(Change change) {
        if (change.status() == TaskStatus.COMPLETED) {
            return new Unchanged<>(change.current);
        }
        if (!change.status().isOpen()) {
            return change.illegal(TaskStatus.COMPLETED);
        }
        if (change.status() == TaskStatus.ASSIGNED) {
            change.start();
        }
        return completeNow(change);
    }

    private static Decision<TaskState> completeNow(Change change) {
        change.task.progress = 100;
        change.task.completedAt = change.now;
        change.moveTo(TaskStatus.COMPLETED, null);
        return change.applied(t -> List.of(
                new TaskUpdated(t.id(), t.version(), change.now, t, "COMPLETED"),
                new TaskCompleted(t.id(), t.version(), change.now, t)));
    }

    private Decision<TaskState> fail(Change change, FailTask command) {
        Optional<TaskRules.Violation> badReason = TaskRules.reason(command.reason(), true);
        if (badReason.isPresent()) {
            return invalid(badReason.get());
        }
        if (change.status().isFinal()) {
            return change.illegal(TaskStatus.FAILED);
        }
        Task.Builder task = change.task;
        String agent = task.agent;
        int attempt = task.attempts;
        boolean retry = change.status().isOpen() && task.retryPolicy != null
                && attempt < task.retryPolicy.maxAttempts();
        task.failureReason = command.reason();
        task.failedAt = change.now;
        if (retry) {
            task.agent = null;
            task.progress = 0;
            task.nextAttemptAt = change.now.plus(jittered(task.retryPolicy.backoffBeforeAttempt(attempt + 1), task.id,
                    attempt));
            change.moveTo(TaskStatus.PENDING, command.reason());
        } else {
            change.moveTo(TaskStatus.FAILED, command.reason());
        }
        return change.applied(t -> List.of(
                new TaskFailed(t.id(), t.version(), change.now, t, command.reason(), agent, attempt, retry),
                new TaskUpdated(t.id(), t.version(), change.now, t, retry ? "RETRY_SCHEDULED" : "FAILED")));
    }

    /** An agent that stopped beating gives its task back: to PENDING at once, the attempt counted. */
    private Decision<TaskState> release(Change change, ReleaseTask command) {
        if (!change.status().isOpen()) {
            return change.illegal(TaskStatus.PENDING);
        }
        Task.Builder task = change.task;
        if (!command.agent().equals(task.agent)) {
            return new Rejected<>(RejectionReason.ILLEGAL_TRANSITION, "Task " + task.id + " is held by "
                    + task.agent + ", not " + command.agent(), "agent");
        }
        String reason = command.reason() == null || command.reason().isBlank() ? "agent offline" : command.reason();
        int attempt = task.attempts;
        task.agent = null;
        task.progress = 0;
        task.failureReason = reason;
        task.nextAttemptAt = change.now;
        change.moveTo(TaskStatus.PENDING, reason);
        return change.applied(t -> List.of(
                new TaskFailed(t.id(), t.version(), change.now, t, reason, command.agent(), attempt, true),
                new TaskUpdated(t.id(), t.version(), change.now, t, "RELEASED")));
    }

    /** A new priority (an operator's, or an SLA escalation); the history says from what to what and why. */
    private Decision<TaskState> reprioritise(Change change, ReprioritiseTask command) {
        Optional<TaskRules.Violation> badReason = TaskRules.reason(command.reason(), false);
        if (badReason.isPresent()) {
            return invalid(badReason.get());
        }
        if (change.status().isFinal()) {
            return new Rejected<>(RejectionReason.ILLEGAL_TRANSITION, "Task " + change.task.id + " is "
                    + change.status() + ": its priority can no longer change", "status");
        }
        if (change.task.priority == command.priority()) {
            return new Unchanged<>(change.current);
        }
        String note = "priority " + change.task.priority + " -> " + command.priority()
                + (command.reason() == null || command.reason().isBlank() ? "" : ": " + command.reason());
        change.task.priority = command.priority();
        change.moveTo(change.status(), note);
        return change.applied(t -> List.of(new TaskUpdated(t.id(), t.version(), change.now, t, "PRIORITY")));
    }

    /** A finished task whose retention ran out leaves, carried out on {@code task.archived} as it was last. */
    private Decision<TaskState> archive(TaskState current, Instant now) {
        if (!defaults.retention().expired(current, now)) {
            return new Rejected<>(RejectionReason.ILLEGAL_TRANSITION, current.task().status().isFinal()
                    ? "Task " + current.task().id() + " is kept until " + defaults.retention().expiresAt(current)
                    : "Task " + current.task().id() + " is not finished", "status");
        }
        Task task = current.task();
        return new Removed<>(current, List.of(new TaskArchived(task.id(), current.version(), now, task)));
    }

    private Decision<TaskState> cancel(Change change, CancelTask command) {
        Optional<TaskRules.Violation> badReason = TaskRules.reason(command.reason(), false);
        if (badReason.isPresent()) {
            return invalid(badReason.get());
        }
        if (change.status() == TaskStatus.CANCELLED) {
            return new Unchanged<>(change.current);
        }
        if (change.status().isFinal()) {
            return change.illegal(TaskStatus.CANCELLED);
        }
        String agent = change.task.agent;
        change.task.cancelledAt = change.now;
        change.moveTo(TaskStatus.CANCELLED, command.reason());
        return change.applied(t -> List.of(
                new TaskCancelled(t.id(), t.version(), change.now, t, command.reason(), agent),
                new TaskUpdated(t.id(), t.version(), change.now, t, "CANCELLED")));
    }

    /**
     * The backoff spread by up to 20 % either way, so that tasks that failed together (an outage) do not all come back
     * at the same instant. Derived from the task and attempt, not a random source: deciding stays a pure function.
     */
    static Duration jittered(Duration backoff, String taskId, int attempt) {
        int spread = Math.floorMod((taskId + "#" + attempt).hashCode(), 401) - 200;
        return backoff.plus(backoff.multipliedBy(spread).dividedBy(1000));
    }

    private static Rejected<TaskState> invalid(TaskRules.Violation violation) {
        return new Rejected<>(RejectionReason.INVALID, violation.message(), violation.field());
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** One change in the making: a mutable copy of the task and the history lines it adds. */
    private static final class Change {
        final TaskState current;
        final CommandMeta meta;
        final Instant now;
        final Task.Builder task;
        final int historyLimit;
        final List<TaskTransition> lines = new ArrayList<>();

        Change(TaskState current, CommandMeta meta, Instant now, int historyLimit) {
            this.current = current;
            this.meta = meta;
            this.now = now;
            this.task = current.task().toBuilder();
            this.historyLimit = historyLimit;
        }

        TaskStatus status() {
            return task.status;
        }

        Rejected<TaskState> illegal(TaskStatus target) {
            return new Rejected<>(RejectionReason.ILLEGAL_TRANSITION, "Illegal transition from " + task.status
                    + " to " + target + " for task " + task.id, "status");
        }

        void start() {
            task.startedAt = now;
            moveTo(TaskStatus.IN_PROGRESS, null);
        }

        void moveTo(TaskStatus to, String reason) {
            lines.add(new TaskTransition(now, task.status, to, meta.actor(), reason, current.version() + 1));
            task.status = to;
        }

        Decision<TaskState> applied(Function<Task, List<TaskEvent>> events) {
            task.version = current.version() + 1;
            task.updatedAt = now;
            Task changed = task.build();
            List<TaskTransition> history = new ArrayList<>(current.history());
            history.addAll(lines);
            if (history.size() > historyLimit) {
                history = history.subList(history.size() - historyLimit, history.size());
            }
            return new Applied<>(new TaskState(changed, history, current.createFingerprint()),
                    List.copyOf(Objects.requireNonNull(events.apply(changed))));
        }
    }
}
