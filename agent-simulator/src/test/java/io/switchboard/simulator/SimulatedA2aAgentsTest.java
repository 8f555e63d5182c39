package io.switchboard.simulator;

import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.spec.AgentCard;
import io.a2a.spec.EventKind;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Task;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;
import io.a2a.util.Utils;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulator's A2A agents, read and called with the A2A SDK's own client. */
class SimulatedA2aAgentsTest {

    private static SimulationOptions options(double failRate) {
        return new SimulationOptions(URI.create("http://localhost:1"), null, 2, 3, List.of("sim-a", "sim-b"), 1,
                Duration.ofSeconds(1), 0, failRate, Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofSeconds(1), "t1", 7);
    }

    private static MessageSendParams message() {
        return new MessageSendParams.Builder().message(new Message.Builder().role(Message.Role.USER)
                .messageId("m-1").parts(List.of(new TextPart("Do it"))).build()).build();
    }

    @Test
    void eachAgentServesACardWithItsCapabilitiesAndWorksATaskToItsEnd() throws Exception {
        AgentPlan plan = new AgentPlan(options(0));
        try (SimulatedA2aAgents agents = new SimulatedA2aAgents(plan, "127.0.0.1", 0)) {
            AgentPlan.Agent first = plan.agents().get(0);
            String cardUrl = agents.cardUrl(first.id());
            // Read by its full URL, as the registry does (the SDK's resolver takes the card's path from the host).
            String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cardUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            AgentCard card = Utils.OBJECT_MAPPER.readValue(json, AgentCard.class);
            assertThat(card.skills()).extracting(s -> s.id()).containsExactlyElementsOf(first.capabilities());
            JSONRPCTransport a2a = new JSONRPCTransport(card.url());
            EventKind sent = a2a.sendMessage(message(), null);
            Task task = (Task) sent;
            assertThat(task.getStatus().state()).isEqualTo(TaskState.WORKING);
            await().atMost(Duration.ofSeconds(5)).until(() -> a2a.getTask(new TaskQueryParams(task.getId()), null)
                    .getStatus().state() == TaskState.COMPLETED);
            Task done = a2a.getTask(new TaskQueryParams(task.getId()), null);
            assertThat(done.getArtifacts()).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("result"));
        }
    }

    @Test
    void aFailingAttemptFailsWithAReasonAndACancelledTaskIsCanceled() throws Exception {
        AgentPlan plan = new AgentPlan(options(1));
        try (SimulatedA2aAgents agents = new SimulatedA2aAgents(plan, "127.0.0.1", 0)) {
            String cardUrl = agents.cardUrl(plan.agents().get(1).id());
            JSONRPCTransport a2a = new JSONRPCTransport(cardUrl.replace("/.well-known/agent-card.json", "/a2a"));
            Task failing = (Task) a2a.sendMessage(message(), null);
            await().atMost(Duration.ofSeconds(5)).until(() -> a2a.getTask(new TaskQueryParams(failing.getId()), null)
                    .getStatus().state() == TaskState.FAILED);
            Task cancelled = (Task) a2a.sendMessage(message(), null);
            assertThat(a2a.cancelTask(new TaskIdParams(cancelled.getId()), null).getStatus().state())
                    .isEqualTo(TaskState.CANCELED);
        }
    }
}
