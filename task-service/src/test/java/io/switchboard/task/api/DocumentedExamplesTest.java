package io.switchboard.task.api;

import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.testing.docs.MarkdownExamples;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every example of docs/task-api.md, in order, against a real task-service: the docs cannot go stale. */
@WithKafka
class DocumentedExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "task-api.md");

    @Test
    void everyExampleOfTheTaskApiPageAnswersAsDocumented() {
        assertThat(MarkdownExamples.read(PAGE)).hasSizeGreaterThan(15);
        try (TaskServiceInstance service = TaskServiceInstance.start("docs-" + UUID.randomUUID() + "-", "docs-1")) {
            MarkdownExamples.runAll(PAGE, service.api());
        }
    }
}
