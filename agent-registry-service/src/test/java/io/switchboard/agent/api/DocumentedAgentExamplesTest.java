package io.switchboard.agent.api;

import io.switchboard.agent.support.Services;
import io.switchboard.testing.docs.MarkdownExamples;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every example of docs/agent-api.md, in order, against a real registry: the docs cannot go stale. */
@WithKafka
class DocumentedAgentExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "agent-api.md");

    @Test
    void everyExampleOfTheAgentApiPageAnswersAsDocumented() {
        assertThat(MarkdownExamples.read(PAGE)).hasSizeGreaterThan(10);
        try (Services.Running registry = Services.registry("agent-docs-" + UUID.randomUUID() + "-", "docs-1", null)) {
            MarkdownExamples.runAll(PAGE, registry.api());
        }
    }
}
