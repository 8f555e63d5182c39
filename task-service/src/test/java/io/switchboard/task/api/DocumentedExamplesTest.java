package io.switchboard.task.api;

import io.switchboard.testing.http.Api;
import io.switchboard.task.support.MarkdownExamples;
import io.switchboard.task.support.MarkdownExamples.Example;
import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.testing.json.JsonSubset;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every example of docs/task-api.md, in order, against a real task-service: the docs cannot go stale. */
@WithKafka
class DocumentedExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "task-api.md");

    @Test
    void everyExampleOfTheTaskApiPageAnswersAsDocumented() {
        List<Example> examples = MarkdownExamples.read(PAGE);
        assertThat(examples).hasSizeGreaterThan(15);
        try (TaskServiceInstance service = TaskServiceInstance.start("docs-" + UUID.randomUUID() + "-", "docs-1")) {
            Api api = service.api();
            for (Example example : examples) {
                String where = example.request().firstLine();
                List<String> headers = new ArrayList<>();
                example.request().headers().forEach((name, value) -> {
                    headers.add(name);
                    headers.add(value);
                });
                String body = example.request().body().isEmpty() ? null : example.request().body();
                Api.Answer answer = api.raw(example.method(), example.path(), body, headers.toArray(String[]::new));
                assertThat(answer.status()).as(where + " -> " + answer.body()).isEqualTo(example.status());
                for (Map.Entry<String, String> header : example.answer().headers().entrySet()) {
                    assertThat(answer.header(header.getKey())).as(where + " " + header.getKey())
                            .isEqualTo(header.getValue());
                }
                JsonSubset.assertContains(where, MarkdownExamples.json(example.answer().body()),
                        answer.json());
            }
        }
    }
}
