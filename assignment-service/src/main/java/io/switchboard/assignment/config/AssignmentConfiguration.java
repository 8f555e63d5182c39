package io.switchboard.assignment.config;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.KafkaServiceConfiguration;
import io.switchboard.aggregate.RequestChannel;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.aggregate.StateView;
import io.switchboard.assignment.decider.AssignmentDecider;
import io.switchboard.assignment.decider.DeciderLoop;
import io.switchboard.assignment.decider.DeciderSettings;
import io.switchboard.assignment.decider.SlaDeadlines;
import io.switchboard.assignment.queue.AssignmentQueue;
import io.switchboard.assignment.queue.QueuePolicy;
import io.switchboard.assignment.selection.AgentScorer;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.DefaultAgentScorer;
import io.switchboard.assignment.selection.ScoringWeights;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.assignment.AssignmentRequest;
import io.switchboard.events.assignment.AssignmentResult;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Wires assignment-service: views of tasks and agents, the queue and selector, the decider, the request channel. */
@Configuration(proxyBeanMethods = false)
@Import(KafkaServiceConfiguration.class)
@EnableConfigurationProperties(AssignmentProperties.class)
public class AssignmentConfiguration {

    /**
     * Tasks as task-service keeps them, without their history: the decider and the answers here never look at it,
     * and it is most of a task's state (its lines are skipped unread, not decoded).
     */
    @Bean
    StateView<TaskState> taskView(KafkaClients clients, MessageCodec codec, ServiceProperties properties) {
        return new StateView<>(clients, codec, MessageType.TASK_STATE, state -> state.task().id(), TaskState::version,
                properties.startTimeout(), value -> readModel(
                        codec.decodeAs(MessageType.TASK_STATE, value, TaskOnly.class).task()));
    }

    /**
     * What the view keeps of a task: an open one whole (the decider matches, orders and caps it), a finished one as
     * its summary, since here it is only counted and listed (the delegation report's totals and recent activity, a
     * manual assignment refused as not pending), and finished tasks are most of those kept until archived.
     */
    static TaskState readModel(Task task) {
        return new TaskState(task.status().isFinal() ? task.summary() : task, List.of(), null);
    }

    /** The part of a {@code task.state} record this service reads. */
    record TaskOnly(Task task) {
    }

    @Bean
    StateView<AgentState> agentView(KafkaClients clients, MessageCodec codec, ServiceProperties properties) {
        return new StateView<>(clients, codec, MessageType.AGENT_STATE, state -> state.agent().id(),
                AgentState::version, properties.startTimeout());
    }

    /** The plug-in point: a deployment's own {@link AgentScorer} bean replaces this one. */
    @Bean
    @ConditionalOnMissingBean
    AgentScorer agentScorer(AssignmentProperties assignment) {
        AssignmentProperties.Scoring scoring = assignment.scoring();
        return new DefaultAgentScorer(new ScoringWeights(scoring.preferred(), scoring.reliability(),
                scoring.freeCapacity()));
    }

    @Bean
    AgentSelector agentSelector(AgentScorer scorer) {
        return new AgentSelector(scorer);
    }

    @Bean
    AssignmentQueue assignmentQueue(AssignmentProperties assignment) {
        return new AssignmentQueue(new QueuePolicy(assignment.agingStep(), assignment.fairnessWeights()));
    }

    @Bean
    SlaDeadlines slaDeadlines(AssignmentProperties assignment) {
        Map<Priority, Duration> budgets = new EnumMap<>(Priority.class);
        assignment.slaBudgets().forEach((priority, budget) -> budgets.put(Priority.valueOf(priority), budget));
        return new SlaDeadlines(budgets);
    }

    @Bean
    AssignmentDecider assignmentDecider(KafkaClients clients, MessageCodec codec, Clock clock,
                                        StateView<TaskState> taskView, StateView<AgentState> agentView,
                                        AssignmentQueue queue, AgentSelector selector, SlaDeadlines deadlines,
                                        AssignmentProperties assignment) {
        return new AssignmentDecider(clients, codec, clock, taskView, agentView, queue, selector, deadlines,
                new DeciderSettings(assignment.mode(), assignment.ackTimeout(), assignment.maxPerRound(),
                        assignment.recheck(), assignment.concurrencyLimits(), assignment.taskServiceGroup(),
                        assignment.takeoverTimeout()));
    }

    /** Runs the decider's loop once the views have read everything (they start in an earlier phase). */
    @Bean
    DeciderLoop deciderLoop(AssignmentDecider decider) {
        return new DeciderLoop(decider);
    }

    @Bean
    RequestChannel<AssignmentRequest, AssignmentResult> assignmentRequests(KafkaClients clients, MessageCodec codec,
                                                                           ServiceProperties properties, Clock clock) {
        return new RequestChannel<>(clients, codec, Topics.ASSIGNMENT_REQUESTS, MessageType.ASSIGNMENT_RESULT,
                AssignmentRequest::requestId, AssignmentRequest::requestId, properties.commandTimeout(), clock);
    }

    /**
     * Ready when the views have read their topics to the end at start (OUT_OF_SERVICE until then) and they and the
     * answer listener run; {@code activeDecider} says whether this instance decides now.
     */
    @Bean
    HealthIndicator assignmentHealthIndicator(StateView<TaskState> taskView, StateView<AgentState> agentView,
                                              RequestChannel<AssignmentRequest, AssignmentResult> assignmentRequests,
                                              AssignmentDecider decider, DeciderLoop deciderLoop) {
        return () -> (!taskView.caughtUp() || !agentView.caughtUp() ? Health.outOfService()
                : taskView.healthy() && agentView.healthy() && assignmentRequests.healthy() && deciderLoop.healthy()
                ? Health.up() : Health.down())
                .withDetail("caughtUp", taskView.caughtUp() && agentView.caughtUp())
                .withDetail("activeDecider", decider.active()).build();
    }
}
