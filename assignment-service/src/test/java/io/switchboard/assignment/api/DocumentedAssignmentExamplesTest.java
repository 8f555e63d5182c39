package io.switchboard.assignment.api;

import io.switchboard.assignment.support.Stack;
import io.switchboard.testing.docs.MarkdownExamples;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every example of docs/assignment.md, in order, against the real services: the docs cannot go stale. */
@WithKafka
class DocumentedAssignmentExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "assignment.md");

    @Test
    void everyExampleOfTheAssignmentPageAnswersAsDocumented() {
        assertThat(MarkdownExamples.read(PAGE)).hasSizeGreaterThan(10);
        try (Stack stack = new Stack("assign-docs-" + UUID.randomUUID() + "-").start(null)) {
            MarkdownExamples.runAll(PAGE, Map.of("tasks", stack.tasks(), "agents", stack.agents()),
                    stack.assignment());
        }
    }
}
