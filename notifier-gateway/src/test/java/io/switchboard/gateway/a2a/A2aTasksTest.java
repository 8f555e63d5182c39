package io.switchboard.gateway.a2a;

import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A message as the REST create it stands for, and a REST task as A2A sees it. */
class A2aTasksTest {

    private static MessageSendParams message(String text, String contextId, Map<String, Object> metadata) {
        return new MessageSendParams.Builder().message(new Message.Builder().role(Message.Role.USER).messageId("m-1")
                .contextId(contextId).parts(List.<Part<?>>of(new TextPart(text))).metadata(metadata).build()).build();
    }

    @Test
    void theFirstLineNamesTheTaskTheWholeTextDescribesItAndTheMetadataSaysWhatItNeeds() {
        ObjectNode body = A2aTasks.createBody(message("Fix the login page\nIt fails on Safari.", "ctx-9",
                Map.of("capabilities", "frontend, react", "priority", "P1", "labels", Map.of("team", "web"))));
        assertThat(body.get("name").asString()).isEqualTo("Fix the login page");
        assertThat(body.get("description").asString()).isEqualTo("Fix the login page\nIt fails on Safari.");
        assertThat(body.get("priority").asString()).isEqualTo("P1");
        assertThat(body.get("requiredCapabilities").valueStream().map(node -> node.asString()))
                .containsExactly("frontend", "react");
        assertThat(body.get("labels").get("team").asString()).isEqualTo("web");
        assertThat(body.get("labels").get(A2aTasks.CONTEXT_LABEL).asString()).isEqualTo("ctx-9");
    }

    @Test
    void aNameLongerThanTheApiTakesIsShortened() {
        ObjectNode body = A2aTasks.createBody(message("x".repeat(500), null,
                Map.of("capabilities", List.of("a"), "priority", "P3")));
        assertThat(body.get("name").asString()).hasSize(200).endsWith("…");
    }

    @Test
    void whatIsMissingOrWrongIsNamed() {
        assertThatThrownBy(() -> A2aTasks.createBody(message("t", null, Map.of("priority", "P1"))))
                .hasMessageStartingWith("metadata.capabilities");
        assertThatThrownBy(() -> A2aTasks.createBody(message("t", null, Map.of("capabilities", "a"))))
                .hasMessageStartingWith("metadata.priority");
        assertThatThrownBy(() -> A2aTasks.createBody(message("t", null,
                Map.of("capabilities", "a", "priority", "P9")))).hasMessageStartingWith("metadata.priority");
        assertThatThrownBy(() -> A2aTasks.createBody(message(" ", null,
                Map.of("capabilities", "a", "priority", "P1")))).hasMessageStartingWith("params.message.parts");
        assertThatThrownBy(() -> A2aTasks.createBody(message("t", null,
                Map.of("capabilities", List.of(1), "priority", "P1")))).hasMessageStartingWith("metadata.capabilities");
    }

    @Test
    void switchboardsStatusesAreA2asStates() {
        assertThat(A2aTasks.state("PENDING")).isEqualTo(TaskState.SUBMITTED);
        assertThat(A2aTasks.state("ASSIGNED")).isEqualTo(TaskState.SUBMITTED);
        assertThat(A2aTasks.state("IN_PROGRESS")).isEqualTo(TaskState.WORKING);
        assertThat(A2aTasks.state("COMPLETED")).isEqualTo(TaskState.COMPLETED);
        assertThat(A2aTasks.state("FAILED")).isEqualTo(TaskState.FAILED);
        assertThat(A2aTasks.state("CANCELLED")).isEqualTo(TaskState.CANCELED);
    }

    @Test
    void aTaskKeepsItsContextAndSaysWhyItFailed() {
        ObjectNode task = (ObjectNode) JsonMapper.shared().readTree("{\"id\": \"T-1\", \"status\": \"FAILED\","
                + " \"priority\": \"P2\", \"agent\": \"a-1\", \"progress\": 40, \"failureReason\": \"disk full\","
                + " \"labels\": {\"a2a-context\": \"ctx-1\"}, \"updatedAt\": \"2026-12-02T05:00:00Z\", \"version\": 5}");
        Task a2a = A2aTasks.task(task);
        assertThat(a2a.getId()).isEqualTo("T-1");
        assertThat(a2a.getContextId()).isEqualTo("ctx-1");
        assertThat(a2a.getStatus().state()).isEqualTo(TaskState.FAILED);
        assertThat(((TextPart) a2a.getStatus().message().getParts().get(0)).getText()).isEqualTo("failed: disk full");
        assertThat(a2a.getMetadata()).containsKey("switchboard");
        assertThat(A2aTasks.update(task).isFinal()).isTrue();
    }
}
