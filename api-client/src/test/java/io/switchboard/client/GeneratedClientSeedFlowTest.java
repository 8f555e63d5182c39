package io.switchboard.client;

import io.switchboard.client.api.AgentsApi;
import io.switchboard.client.api.AssignmentApi;
import io.switchboard.client.api.GatewayApi;
import io.switchboard.client.api.TasksApi;
import io.switchboard.client.model.Agent;
import io.switchboard.client.model.AgentTasks;
import io.switchboard.client.model.AssignmentAnswer;
import io.switchboard.client.model.CurrentCaller;
import io.switchboard.client.model.DelegationReportAnswer;
import io.switchboard.client.model.Error;
import io.switchboard.client.model.FailureReport;
import io.switchboard.client.model.NewAgent;
import io.switchboard.client.model.NewTask;
import io.switchboard.client.model.ProgressUpdate;
import io.switchboard.client.model.Task;
import io.switchboard.client.model.TaskAnswer;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's flow driven through the client generated from docs/openapi.json, against the whole system with security
 * on: register an agent, create a task, assign it, report progress, fail it, list the agents and the agent's tasks,
 * read the delegation report; an error comes back in the documented Error shape. What a team that generates its client
 * from the document gets.
 */
@WithKafka
class GeneratedClientSeedFlowTest {

    private static ApiClient client;

    @BeforeAll
    static void start() {
        client = new ApiClient();
        client.updateBaseUri(ApiStack.shared().url("gateway"));
        client.setRequestInterceptor(request -> request.header("X-API-Key", ApiStack.ADMIN_KEY));
    }

    @Test
    void theSeedsFlowWorksThroughTheGeneratedClient() throws ApiException {
        TasksApi tasks = new TasksApi(client);
        AgentsApi agents = new AgentsApi(client);
        AssignmentApi assignment = new AssignmentApi(client);

        Agent agent = agents.registerAgent(new NewAgent().id("gen-agent").name("Generated client agent")
                .capabilities(List.of("generated")).maxConcurrentTasks(2).heartbeatIntervalMs(0L)).getAgent();
        assertThat(agent.getId()).isEqualTo("gen-agent");

        TaskAnswer created = tasks.createTask(new NewTask().id("GEN-1").name("Through the generated client")
                .priority(NewTask.PriorityEnum.P1).requiredCapabilities(List.of("generated"))
                .assignmentMode(NewTask.AssignmentModeEnum.MANUAL), null);
        assertThat(created.getTask().getStatus()).isEqualTo(Task.StatusEnum.PENDING);
        assertThat(created.getTask().getVersion()).isEqualTo(1L);

        AssignmentAnswer assigned = assignment.assignTask("GEN-1", null);
        assertThat(assigned.getMessage()).startsWith("Task assigned to");
        assertThat(assigned.getAgent().getId()).isEqualTo("gen-agent");
        assertThat(assigned.getTask().getStatus()).isEqualTo(Task.StatusEnum.ASSIGNED);

        AgentTasks held = agents.listAgentTasks("gen-agent");
        assertThat(held.getTasks()).extracting(task -> task.getId()).containsExactly("GEN-1");

        Task progressed = tasks.updateTaskProgress("GEN-1", new ProgressUpdate().progress(40), null).getTask();
        assertThat(progressed.getStatus()).isEqualTo(Task.StatusEnum.IN_PROGRESS);
        assertThat(progressed.getProgress()).isEqualTo(40);

        Task failed = tasks.failTask("GEN-1", new FailureReport().reason("the generated client says so"), null)
                .getTask();
        assertThat(failed.getFailureReason()).isEqualTo("the generated client says so");
        assertThat(failed.getStatus()).as("failed, or back in the queue for a retry")
                .isIn(Task.StatusEnum.FAILED, Task.StatusEnum.PENDING);

        assertThat(agents.listAgents(null, null).getAgents()).extracting(Agent::getId).contains("gen-agent");
        assertThat(agents.listAgentTasks("gen-agent").getTasks()).isEmpty();

        DelegationReportAnswer report = assignment.getDelegationReport();
        assertThat(report.getReport().getSummary().getTotalTasks()).isEqualTo(report.getTotals().getTasks());
        assertThat(report.getReport().getAgents()).anySatisfy(line -> {
            assertThat(line.getId()).isEqualTo("gen-agent");
            assertThat(line.getCurrentLoad()).isEqualTo("0/2");
        });

        assertThat(new GatewayApi(client).getCurrentCaller().getRole()).isEqualTo(CurrentCaller.RoleEnum.ADMIN);
    }

    @Test
    void anErrorComesBackInTheDocumentedShape() {
        TasksApi tasks = new TasksApi(client);
        assertThatThrownBy(() -> tasks.getTask("NO-SUCH-TASK", null)).isInstanceOfSatisfying(ApiException.class,
                error -> {
                    assertThat(error.getCode()).isEqualTo(404);
                    Error body = parse(error.getResponseBody());
                    assertThat(body.getError()).isEqualTo("Task not found");
                    assertThat(body.getTaskId()).isEqualTo("NO-SUCH-TASK");
                });
        assertThatThrownBy(() -> tasks.createTask(new NewTask().name(""), null)).isInstanceOfSatisfying(
                ApiException.class, error -> {
                    assertThat(error.getCode()).isEqualTo(400);
                    assertThat(parse(error.getResponseBody()).getField()).isEqualTo("name");
                });
    }

    private static Error parse(String body) {
        try {
            return client.getObjectMapper().readValue(body, Error.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not the Error shape: " + body, e);
        }
    }
}
