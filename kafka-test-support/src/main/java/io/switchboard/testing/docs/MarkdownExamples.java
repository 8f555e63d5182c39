package io.switchboard.testing.docs;

import io.switchboard.testing.http.Api;
import io.switchboard.testing.json.JsonSubset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request/answer examples of a Markdown page, as pairs of {@code http} code blocks: a request ("METHOD path",
 * headers, blank line, body) followed by its answer ("HTTP/1.1 status", headers, blank line, JSON). An answer's
 * JSON is the least the real answer must hold
 * (see {@link io.switchboard.testing.json.JsonSubset}).
 */
public final class MarkdownExamples {

    private static final Pattern BLOCK = Pattern.compile("```http\\n(.*?)```", Pattern.DOTALL);

    public record Message(String firstLine, Map<String, String> headers, String body) {
    }

    public record Example(Message request, Message answer) {
        public String method() {
            return request.firstLine().split(" ")[0];
        }

        public String path() {
            return request.firstLine().split(" ")[1];
        }

        public int status() {
            return Integer.parseInt(answer.firstLine().split(" ")[1]);
        }
    }

    private MarkdownExamples() {
    }

    public static List<Example> read(Path page) {
        String text;
        try {
            text = Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Message> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(parse(matcher.group(1)));
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i + 1 < blocks.size(); i += 2) {
            assertThat(blocks.get(i + 1).firstLine()).as("block after " + blocks.get(i).firstLine())
                    .startsWith("HTTP/1.1 ");
            examples.add(new Example(blocks.get(i), blocks.get(i + 1)));
        }
        assertThat(blocks.size() % 2).as("every request needs its answer").isZero();
        return examples;
    }

    private static Message parse(String block) {
        String[] lines = block.split("\\n", -1);
        Map<String, String> headers = new LinkedHashMap<>();
        int i = 1;
        for (; i < lines.length && !lines[i].isBlank(); i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
        StringBuilder body = new StringBuilder();
        for (i++; i < lines.length; i++) {
            body.append(lines[i]).append('\n');
        }
        return new Message(lines[0].trim(), headers, body.toString().trim());
    }

    /** Sends every example of {@code page} in order through {@code api} and checks each answer. */
    public static void runAll(Path page, Api api) {
        runAll(page, Map.of(), api);
    }

    /**
     * As {@link #runAll(Path, Api)}, for a page whose examples talk to several services: a request line written
     * {@code POST agents:/api/agents} goes to {@code apis.get("agents")}, one without a name to {@code otherwise}.
     */
    public static void runAll(Path page, Map<String, Api> apis, Api otherwise) {
        for (Example example : read(page)) {
            Api api = otherwise;
            int colon = example.path().indexOf(':');
            String path = example.path();
            if (colon > 0 && !path.startsWith("/")) {
                api = apis.get(path.substring(0, colon));
                path = path.substring(colon + 1);
            }
            String where = example.request().firstLine();
            List<String> headers = new ArrayList<>();
            example.request().headers().forEach((name, value) -> {
                headers.add(name);
                headers.add(value);
            });
            String body = example.request().body().isEmpty() ? null : example.request().body();
            Api.Answer answer = api.raw(example.method(), path, body, headers.toArray(String[]::new));
            assertThat(answer.status()).as(where + " -> " + answer.body()).isEqualTo(example.status());
            for (Map.Entry<String, String> header : example.answer().headers().entrySet()) {
                assertThat(answer.header(header.getKey())).as(where + " " + header.getKey())
                        .isEqualTo(header.getValue());
            }
            JsonSubset.assertContains(where, json(example.answer().body()), answer.json());
        }
    }

    public static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }
}
