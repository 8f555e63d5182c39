package io.switchboard.gateway;

import io.a2a.client.http.A2ACardResolver;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.EventKind;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.StreamingEventKind;
import io.a2a.spec.Task;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskNotCancelableError;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.a2a.spec.TextPart;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.switchboard.gateway.WholeSystem.agent;
import static io.switchboard.gateway.WholeSystem.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Another agent delegates to Switchboard over A2A, with the A2A Java SDK's own JSON-RPC client: it reads the agent
 * card, sends a message that becomes a task, follows the task's stream while a Switchboard agent takes it, starts
 * and completes it, and gets, cancels and is refused as the protocol says.
 */
@WithKafka
class A2aDelegationTest {

    private static Api api;
    private static String gatewayUrl;
    private static AgentCard card;
    private static JSONRPCTransport a2a;

    @BeforeAll
    static void start() throws Exception {
        api = WholeSystem.gateway();
        gatewayUrl = WholeSystem.shared().url("gateway");
        card = new A2ACardResolver(gatewayUrl).getAgentCard();
        a2a = new JSONRPCTransport(card);
    }

    private static MessageSendParams message(String text, Map<String, Object> metadata) {
        return new MessageSendParams.Builder().message(new Message.Builder().role(Message.Role.USER)
                .messageId(UUID.randomUUID().toString()).contextId(unique("ctx"))
                .parts(List.of(new TextPart(text))).metadata(metadata).build()).build();
    }

    @Test
    void theCardDescribesSwitchboardAndASkillPerCapabilityOfItsAgents() throws Exception {
        String capability = unique("a2a-card");
        agent(unique("card-agent"), capability);
        AgentCard fresh = new A2ACardResolver(gatewayUrl).getAgentCard();
        assertThat(fresh.name()).isEqualTo("Switchboard");
        assertThat(fresh.protocolVersion()).isEqualTo("0.3.0");
        assertThat(fresh.url()).isEqualTo(gatewayUrl + "/a2a");
        assertThat(fresh.preferredTransport()).isEqualTo("JSONRPC");
        assertThat(fresh.capabilities().streaming()).isTrue();
        assertThat(fresh.capabilities().pushNotifications()).isFalse();
        assertThat(fresh.skills()).filteredOn(skill -> skill.id().equals(capability)).singleElement()
                .extracting(AgentSkill::tags).isEqualTo(List.of(capability));
        // Security is off in this system: the card asks for no credential.
        assertThat(fresh.securitySchemes()).isNullOrEmpty();
    }

    @Test
    void aStreamedMessageBecomesATaskThatIsFollowedToItsEnd() throws Exception {
        String capability = unique("a2a-stream");
        String agentId = unique("a2a-worker");
        agent(agentId, capability);
        List<StreamingEventKind> events = new CopyOnWriteArrayList<>();
        // The SDK's client closes the stream itself once it has the final event, and reports that as an error:
        // only an error before the final event is one.
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        a2a.sendMessageStreaming(message("Summarise the incident\nThe broker restarted at 03:00.",
                        Map.of("capabilities", List.of(capability), "priority", "P1")),
                events::add, error -> {
                    if (error != null && !states(events).contains(TaskState.COMPLETED)) {
                        errors.add(error);
                    }
                }, null);

        await().atMost(Duration.ofSeconds(30)).until(() -> !events.isEmpty());
        assertThat(events.get(0)).isInstanceOf(Task.class);
        Task first = (Task) events.get(0);
        String taskId = first.getId();
        Answer task = api.get("/api/tasks/" + taskId);
        assertThat(task.task().get("name").asString()).isEqualTo("Summarise the incident");
        assertThat(task.task().get("priority").asString()).isEqualTo("P1");
        assertThat(task.task().get("requiredCapabilities").get(0).asString()).isEqualTo(capability);
        assertThat(first.getStatus().state()).isEqualTo(TaskState.SUBMITTED);

        // The agent is the only one with the capability: the decider gives it the task; it works and finishes it.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                agentId.equals(api.get("/api/tasks/" + taskId).task().path("agent").asString(null)));
        assertThat(api.post("/api/tasks/" + taskId + "/start", null).status()).isEqualTo(200);
        assertThat(api.put("/api/tasks/" + taskId + "/progress", "{\"progress\": 60}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> states(events).contains(TaskState.WORKING));
        assertThat(api.post("/api/tasks/" + taskId + "/complete", null).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> states(events).contains(TaskState.COMPLETED));
        TaskStatusUpdateEvent last = (TaskStatusUpdateEvent) events.get(events.size() - 1);
        assertThat(last.isFinal()).isTrue();
        assertThat(last.getTaskId()).isEqualTo(taskId);
        assertThat(last.getContextId()).isEqualTo(first.getContextId());
        assertThat(states(events)).containsSubsequence(TaskState.SUBMITTED, TaskState.WORKING, TaskState.COMPLETED);
        assertThat(errors).isEmpty();
    }

    @Test
    void aSentMessageIsATaskToGetAndCancelOnce() throws Exception {
        EventKind sent = a2a.sendMessage(message("Rotate the credentials",
                Map.of("capabilities", "a2a-nobody-has-this", "priority", "P2")), null);
        assertThat(sent).isInstanceOf(Task.class);
        Task task = (Task) sent;
        assertThat(task.getStatus().state()).isEqualTo(TaskState.SUBMITTED);
        assertThat(a2a.getTask(new TaskQueryParams(task.getId()), null).getStatus().state())
                .isEqualTo(TaskState.SUBMITTED);

        Task cancelled = a2a.cancelTask(new TaskIdParams(task.getId()), null);
        assertThat(cancelled.getStatus().state()).isEqualTo(TaskState.CANCELED);
        assertThat(api.get("/api/tasks/" + task.getId()).task().get("status").asString()).isEqualTo("CANCELLED");
        assertThatThrownBy(() -> a2a.cancelTask(new TaskIdParams(task.getId()), null))
                .isInstanceOf(A2AClientException.class).cause().isInstanceOf(TaskNotCancelableError.class);
        assertThatThrownBy(() -> a2a.getTask(new TaskQueryParams("no-such-task"), null))
                .isInstanceOf(A2AClientException.class).cause().isInstanceOf(TaskNotFoundError.class);
    }

    @Test
    void aMessageWithoutCapabilitiesOrPriorityIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> a2a.sendMessage(message("No capabilities", Map.of("priority", "P1")), null))
                .isInstanceOf(A2AClientException.class).hasMessageContaining("metadata.capabilities")
                .cause().isInstanceOf(InvalidParamsError.class);
        assertThatThrownBy(() -> a2a.sendMessage(message("No priority", Map.of("capabilities", List.of("x"))), null))
                .isInstanceOf(A2AClientException.class).hasMessageContaining("metadata.priority")
                .cause().isInstanceOf(InvalidParamsError.class);
    }

    @Test
    void theMessageOfTheDocsIsAnsweredWithItsTask() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "a2a.md"));
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("docs/a2a.md has a JSON example").isTrue();
        Answer answer = api.post("/a2a", block.group(1));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode task = answer.json().get("result");
        assertThat(task.get("kind").asString()).isEqualTo("task");
        assertThat(task.get("contextId").asString()).isEqualTo("incident-42");
        assertThat(task.get("status").get("state").asString()).isEqualTo("submitted");
        assertThat(api.get("/api/tasks/" + task.get("id").asString()).task().get("name").asString())
                .isEqualTo("Summarise the incident");
    }

    @Test
    @Timeout(60) // a stream without its keep-alive would block the read below for good
    void aQuietStreamGetsKeepAliveCommentsAndThenTheTasksEnd() throws Exception {
        Task task = (Task) a2a.sendMessage(message("Wait for an agent that never comes",
                Map.of("capabilities", List.of(unique("a2a-quiet")), "priority", "P3")), null);
        String resubscribe = "{\"jsonrpc\":\"2.0\",\"id\":\"r-1\",\"method\":\"tasks/resubscribe\","
                + "\"params\":{\"id\":\"" + task.getId() + "\"}}";
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gatewayUrl + "/a2a")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(resubscribe)).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        Iterator<String> lines = stream.body().iterator();
        assertThat(lines.next()).startsWith("data:").contains("\"kind\":\"task\"").contains("\"id\":\"r-1\"");
        String line;
        do {
            line = lines.next();
        } while (line.isEmpty());
        assertThat(line).as("the keep-alive comment (1 s in this system)").isEqualTo(":keep-alive");
        assertThat(api.post("/api/tasks/" + task.getId() + "/cancel", null).status()).isEqualTo(200);
        String last = null;
        while (lines.hasNext()) {
            String next = lines.next();
            if (next.startsWith("data:")) {
                last = next;
            }
        }
        assertThat(last).as("the stream ends with the final state").contains("\"state\":\"canceled\"")
                .contains("\"final\":true");
    }

    private static List<TaskState> states(List<StreamingEventKind> events) {
        return events.stream().map(event -> event instanceof Task task ? task.getStatus().state()
                : ((TaskStatusUpdateEvent) event).getStatus().state()).toList();
    }
}
