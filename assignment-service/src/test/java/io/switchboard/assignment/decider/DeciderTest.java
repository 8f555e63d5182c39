package io.switchboard.assignment.decider;

import io.switchboard.events.MessageType;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.assignment.AssignmentRequest;
import io.switchboard.events.assignment.AssignmentResult;
import io.switchboard.events.command.AssignTask;
import io.switchboard.events.command.ReleaseTask;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.switchboard.assignment.decider.Tasks.ACK_TIMEOUT;
import static io.switchboard.assignment.decider.Tasks.T0;
import static io.switchboard.assignment.decider.Tasks.agent;
import static io.switchboard.assignment.decider.Tasks.next;
import static io.switchboard.assignment.decider.Tasks.pending;
import static org.assertj.core.api.Assertions.assertThat;

class DeciderTest {

    private final Decider decider = Tasks.decider(Map.of());

    private Decider.Decisions round(Instant now) {
        return decider.round(List.of(), now, id -> null);
    }

    private static List<String> assigned(Decider.Decisions decisions) {
        return decisions.messages().stream().filter(m -> m.type() == MessageType.ASSIGN_TASK)
                .map(m -> ((AssignTask) m.payload()).meta().taskId() + "->" + ((AssignTask) m.payload()).agent().id())
                .toList();
    }

    @Test
    void aWaitingTaskGoesToAnAgentWithRoomOnceAndTheAgentsLoadCountsItUntilItIsDone() {
        decider.onAgent(agent("a-1", 1, 0.9, "docs"));
        Task t1 = pending("T1", Priority.P1, "docs");
        decider.onTask(t1);
        Decider.Decisions first = round(T0);
        assertThat(assigned(first)).containsExactly("T1->a-1");
        assertThat(first.messages()).extracting(Decider.Message::type)
                .containsExactly(MessageType.ASSIGNMENT_DECIDED, MessageType.ASSIGN_TASK);
        decider.committed(first);

        decider.onTask(pending("T2", Priority.P0, "docs"));
        assertThat(assigned(round(T0))).as("T1 is in flight: a-1 has no room, T1 is not decided again").isEmpty();
        Task held = next(t1, TaskStatus.ASSIGNED, "a-1");
        decider.onTask(held);
        assertThat(assigned(round(T0))).as("applied: a-1 holds T1").isEmpty();
        decider.onTask(next(next(held, TaskStatus.IN_PROGRESS, "a-1"), TaskStatus.COMPLETED, "a-1"));
        assertThat(assigned(round(T0))).containsExactly("T2->a-1");
    }

    @Test
    void aRoundThatWasNotCommittedIsForgotten() {
        decider.onAgent(agent("a-1", 1, 0.9));
        decider.onTask(pending("T1", Priority.P2));
        assertThat(assigned(round(T0))).containsExactly("T1->a-1");
        assertThat(assigned(round(T0))).containsExactly("T1->a-1");
    }

    @Test
    void finishedTasksCostTheDeciderNothing() {
        decider.onAgent(agent("a-1", 5, 0.9));
        for (int i = 0; i < 1_000; i++) {
            Task task = pending("T" + i, Priority.P2);
            decider.onTask(task);
            Task held = next(task, TaskStatus.ASSIGNED, "a-1");
            decider.onTask(held);
            decider.onTask(next(held, TaskStatus.COMPLETED, "a-1"));
        }
        assertThat(decider.state().unfinishedCount()).isZero();
        assertThat(decider.state().waitingCount()).isZero();
        assertThat(assigned(round(T0))).isEmpty();
    }

    @Test
    void anAgentThatDoesNotStartItsTaskInTimeLosesItAndIsAvoidedOnTheRetry() {
        decider.onAgent(agent("a-1", 2, 1.0));
        decider.onAgent(agent("a-2", 2, 0.5));
        Task held = next(pending("T1", Priority.P1), TaskStatus.ASSIGNED, "a-1");
        decider.onTask(held);
        assertThat(round(T0).messages()).as("the count starts when the decider first sees it").isEmpty();
        assertThat(round(T0.plus(ACK_TIMEOUT).minusMillis(1)).messages()).isEmpty();
        Decider.Decisions timedOut = round(T0.plus(ACK_TIMEOUT));
        assertThat(timedOut.messages()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(MessageType.RELEASE_TASK);
            assertThat(((ReleaseTask) m.payload()).agent()).isEqualTo("a-1");
        });
        decider.committed(timedOut);
        assertThat(round(T0.plus(ACK_TIMEOUT.multipliedBy(2))).messages()).as("taken back once").isEmpty();

        decider.onTask(next(held, TaskStatus.PENDING, null));
        assertThat(assigned(round(T0.plus(ACK_TIMEOUT.multipliedBy(2)))))
                .as("a-1 scores higher but let it go: a-2 gets it").containsExactly("T1->a-2");
    }

    @Test
    void aRequestForAFinishedTaskSaysWhatItIs() {
        decider.onAgent(agent("a-1", 2, 1.0));
        Task done = next(next(pending("T1", Priority.P1), TaskStatus.ASSIGNED, "a-1"), TaskStatus.COMPLETED, "a-1");
        decider.onTask(done);
        AssignmentRequest request = new AssignmentRequest("r-1", AssignmentRequest.Kind.ASSIGN, "T1", null, "api",
                T0, "instance-0");
        Decider.Decisions decisions = decider.round(List.of(request), T0, id -> id.equals("T1") ? done : null);
        assertThat(decisions.messages()).singleElement().satisfies(m -> {
            AssignmentResult result = (AssignmentResult) m.payload();
            assertThat(result.outcome()).isEqualTo(AssignmentResult.Outcome.NOT_PENDING);
            assertThat(result.message()).isEqualTo("Task T1 is COMPLETED, not PENDING");
        });
        AssignmentRequest unknown = new AssignmentRequest("r-2", AssignmentRequest.Kind.ASSIGN, "T9", null, "api",
                T0, "instance-0");
        assertThat(((AssignmentResult) decider.round(List.of(unknown), T0, id -> null).messages().get(0).payload())
                .outcome()).isEqualTo(AssignmentResult.Outcome.TASK_NOT_FOUND);
    }

    @Test
    void takingOverForgetsDecisionsInFlightAndOffersTheirTasksAgain() {
        decider.onAgent(agent("a-1", 1, 0.9));
        decider.onTask(pending("T1", Priority.P1));
        decider.committed(round(T0));
        assertThat(assigned(round(T0))).isEmpty();
        decider.state().clearInFlight();
        assertThat(assigned(round(T0))).containsExactly("T1->a-1");
    }

    @Test
    void anAgentTheRegistryStillCountsFullTakesWorkOnceItsTaskEndedButNotOneThatSaysItIsOverloaded() {
        decider.onAgent(agent("a-1", AgentStatus.OVERLOADED, 1, 0.9, 2, "docs"));
        AgentState selfOverloaded = agent("a-2", AgentStatus.OVERLOADED, 1, 0.9, 2, "docs");
        decider.onAgent(new AgentState(selfOverloaded.agent(), Map.of(), null, true, false, true, false, List.of()));
        decider.onTask(pending("T1", Priority.P1, "docs"));
        assertThat(assigned(round(T0))).as("a-1 has room by the tasks; a-2 said it is overloaded")
                .containsExactly("T1->a-1");
    }
}
