package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoPlannerTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void pendingTaskIsCreatedWithItsAssignmentMode() {
        PlannedRequest request = DemoPlanner.planTask(json("""
                {"id":"TASK-005","name":"GitHub Templates","priority":"P2","status":"PENDING","agent":null,
                 "eta":"1h","description":"Create issue and PR templates","progress":0,
                 "requiredCapabilities":["documentation"],"preferredCapabilities":["github"],
                 "assignmentMode":"MANUAL"}"""));

        assertThat(request.kind()).isEqualTo(PlannedRequest.Kind.TASK_CREATE);
        assertThat(request.path()).isEqualTo("/api/tasks");
        assertThat(request.id()).isEqualTo("TASK-005");
        assertThat(request.body()).isEqualTo(json("""
                {"id":"TASK-005","name":"GitHub Templates","description":"Create issue and PR templates",
                 "priority":"P2","eta":"1h","requiredCapabilities":["documentation"],
                 "preferredCapabilities":["github"],"assignmentMode":"MANUAL","labels":{}}"""));
    }

    @Test
    void taskInALaterStateIsImportedWithStatusAgentAndProgress() {
        PlannedRequest request = DemoPlanner.planTask(json("""
                {"id":"TASK-001","name":"Testing Infrastructure","priority":"P1","status":"IN_PROGRESS",
                 "agent":"antigravity-main","eta":"2-4h","description":"Add Vitest and React Testing Library",
                 "progress":50,"requiredCapabilities":["testing"],"preferredCapabilities":["infrastructure"]}"""));

        assertThat(request.kind()).isEqualTo(PlannedRequest.Kind.TASK_IMPORT);
        assertThat(request.path()).isEqualTo("/api/tasks/import");
        assertThat(request.body()).isEqualTo(json("""
                {"id":"TASK-001","name":"Testing Infrastructure","description":"Add Vitest and React Testing Library",
                 "priority":"P1","eta":"2-4h","requiredCapabilities":["testing"],
                 "preferredCapabilities":["infrastructure"],"assignmentMode":"AUTO","labels":{},
                 "status":"IN_PROGRESS","agent":"antigravity-main","progress":50}"""));
    }

    @Test
    void importCarriesTimestampsFailureReasonAndLabelsOnlyWhenTheFileHasThem() {
        PlannedRequest request = DemoPlanner.planTask(json("""
                {"id":"T-9","name":"n","priority":"P3","status":"FAILED","agent":"a1","progress":30,
                 "labels":{"team":"ops"},"createdAt":"2026-01-01T10:00:00Z","failedAt":"2026-01-01T11:00:00Z",
                 "failureReason":"agent crashed"}"""));

        assertThat(request.kind()).isEqualTo(PlannedRequest.Kind.TASK_IMPORT);
        JsonNode body = request.body();
        assertThat(body.get("labels")).isEqualTo(json("{\"team\":\"ops\"}"));
        assertThat(body.get("createdAt").asString()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(body.get("failedAt").asString()).isEqualTo("2026-01-01T11:00:00Z");
        assertThat(body.get("failureReason").asString()).isEqualTo("agent crashed");
        assertThat(body.has("assignedAt")).isFalse();
        assertThat(body.has("startedAt")).isFalse();
        assertThat(body.has("completedAt")).isFalse();
        assertThat(body.get("description").isNull()).isTrue();
        assertThat(body.get("requiredCapabilities").size()).isZero();
    }

    @Test
    void importWithoutAgentSendsNullAndMissingProgressIsZero() {
        JsonNode body = DemoPlanner.planTask(json("""
                {"id":"T-1","name":"n","priority":"P2","status":"CANCELLED"}""")).body();

        assertThat(body.get("agent").isNull()).isTrue();
        assertThat(body.get("progress").asInt()).isZero();
        assertThat(body.get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void createDoesNotSendStateFields() {
        JsonNode body = DemoPlanner.planTask(json("""
                {"id":"T-1","name":"n","priority":"P2","status":"PENDING","agent":"x","progress":10}""")).body();

        assertThat(body.has("status")).isFalse();
        assertThat(body.has("agent")).isFalse();
        assertThat(body.has("progress")).isFalse();
    }

    @Test
    void agentBodyHasTheRegistryFields() {
        PlannedRequest request = DemoPlanner.planAgent(json("""
                {"id":"copilot-agent","name":"GitHub Copilot Agent","capabilities":["review"],
                 "maxConcurrentTasks":5,"reliability":0.94,"somethingElse":true}"""));

        assertThat(request.kind()).isEqualTo(PlannedRequest.Kind.AGENT);
        assertThat(request.path()).isEqualTo("/api/agents");
        assertThat(request.body()).isEqualTo(json("""
                {"id":"copilot-agent","name":"GitHub Copilot Agent","capabilities":["review"],
                 "maxConcurrentTasks":5,"reliability":0.94,"heartbeatIntervalMs":0}"""));
    }

    @Test
    void agentsAreSkippedWithoutARegistryAndComeFirstWithOne() {
        JsonNode demo = json("""
                {"agents":[{"id":"a1","name":"A","capabilities":[]}],
                 "tasks":[{"id":"T-1","name":"n","priority":"P1","status":"PENDING"}]}""");

        assertThat(DemoPlanner.plan(demo, false)).extracting(PlannedRequest::id).containsExactly("T-1");
        assertThat(DemoPlanner.plan(demo, true)).extracting(PlannedRequest::id).containsExactly("a1", "T-1");
    }

    @Test
    void badFilesAreRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> DemoPlanner.planTask(json("""
                {"id":"T-1","name":"n","priority":"P1","status":"DONE"}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown status 'DONE'");
        assertThatThrownBy(() -> DemoPlanner.planTask(json("""
                {"name":"n","priority":"P1"}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id'");
        assertThatThrownBy(() -> DemoPlanner.plan(json("""
                {"tasks":[{"id":"T-1","name":"n","priority":"P1"},{"id":"T-1","name":"m","priority":"P1"}]}"""), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two tasks with id T-1");
        assertThatThrownBy(() -> DemoPlanner.plan(json("[]"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The shipped file: 4 PENDING tasks are created, the 6 others are imported. */
    @Test
    void shippedDemoFilePlansAsExpected() throws Exception {
        JsonNode demo = JSON.readTree(Files.readString(Path.of("..", "demo", "demo-data.json")));

        List<PlannedRequest> plan = DemoPlanner.plan(demo, true);

        assertThat(plan).hasSize(16);
        Map<PlannedRequest.Kind, List<String>> byKind = plan.stream().collect(Collectors.groupingBy(
                PlannedRequest::kind, Collectors.mapping(PlannedRequest::id, Collectors.toList())));
        assertThat(byKind.get(PlannedRequest.Kind.AGENT)).hasSize(6);
        assertThat(byKind.get(PlannedRequest.Kind.TASK_CREATE))
                .containsExactly("TASK-005", "TASK-007", "TASK-008", "TASK-010");
        assertThat(byKind.get(PlannedRequest.Kind.TASK_IMPORT))
                .containsExactly("TASK-001", "TASK-002", "TASK-003", "TASK-004", "TASK-006", "TASK-009");
        plan.stream().filter(r -> r.kind() == PlannedRequest.Kind.TASK_CREATE)
                .forEach(r -> assertThat(r.body().get("assignmentMode").asString()).isEqualTo("MANUAL"));
        PlannedRequest copilot = plan.stream().filter(r -> r.id().equals("TASK-009")).findFirst().orElseThrow();
        assertThat(copilot.body().get("agent").asString()).isEqualTo("copilot-agent");
        assertThat(copilot.body().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(copilot.body().get("progress").asInt()).isEqualTo(100);
    }
}
