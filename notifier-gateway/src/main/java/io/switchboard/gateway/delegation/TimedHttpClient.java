package io.switchboard.gateway.delegation;

import io.a2a.client.http.A2AHttpClient;
import io.a2a.client.http.A2AHttpResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The A2A SDK's HTTP client interface over the JDK's client, with a time limit on every request: the SDK's own
 * {@code JdkA2AHttpClient} sets none, and a dispatcher must not wait forever on an agent that stopped answering. A
 * stream (Server-Sent Events: {@code message/stream}, {@code tasks/resubscribe}) has a time limit on its connection
 * only, since it lasts as long as its task; each {@code data:} line is one message, as the SDK's client reads them.
 */
final class TimedHttpClient implements A2AHttpClient {

    private final HttpClient http;
    private final Duration timeout;

    TimedHttpClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public GetBuilder createGet() {
        return new Get();
    }

    @Override
    public PostBuilder createPost() {
        return new Post();
    }

    @Override
    public DeleteBuilder createDelete() {
        return new Delete();
    }

    private abstract class Request<T extends Builder<T>> implements Builder<T> {
        String url;
        final Map<String, String> headers = new LinkedHashMap<>();

        @SuppressWarnings("unchecked")
        private T self() {
            return (T) this;
        }

        @Override
        public T url(String value) {
            url = value;
            return self();
        }

        @Override
        public T addHeaders(Map<String, String> values) {
            headers.putAll(values);
            return self();
        }

        @Override
        public T addHeader(String name, String value) {
            headers.put(name, value);
            return self();
        }

        A2AHttpResponse send(HttpRequest.Builder request) throws IOException, InterruptedException {
            request.uri(URI.create(url)).timeout(timeout);
            headers.forEach(request::header);
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        }

        CompletableFuture<Void> stream(HttpRequest.Builder request, Consumer<String> messages,
                                       Consumer<Throwable> errors, Runnable done) {
            request.uri(URI.create(url)).header("Accept", "text/event-stream");
            headers.forEach(request::header);
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(answer -> {
                if (answer.statusCode() / 100 != 2) {
                    answer.body().close();
                    errors.accept(new IOException("HTTP " + answer.statusCode()));
                    return;
                }
                try (Stream<String> lines = answer.body()) {
                    lines.filter(line -> line.startsWith("data:")).map(line -> line.substring(5).trim())
                            .filter(data -> !data.isEmpty()).forEach(messages);
                    done.run();
                } catch (RuntimeException e) {
                    errors.accept(e);
                }
            }).exceptionally(error -> {
                errors.accept(error);
                return null;
            });
        }
    }

    private final class Get extends Request<GetBuilder> implements GetBuilder {
        @Override
        public A2AHttpResponse get() throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder().GET());
        }

        @Override
        public CompletableFuture<Void> getAsyncSSE(Consumer<String> messages, Consumer<Throwable> errors,
                                                   Runnable done) {
            return stream(HttpRequest.newBuilder().GET(), messages, errors, done);
        }
    }

    private final class Post extends Request<PostBuilder> implements PostBuilder {
        private String body = "";

        @Override
        public PostBuilder body(String value) {
            body = value;
            return this;
        }

        @Override
        public A2AHttpResponse post() throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        @Override
        public CompletableFuture<Void> postAsyncSSE(Consumer<String> messages, Consumer<Throwable> errors,
                                                    Runnable done) {
            return stream(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body)), messages, errors,
                    done);
        }
    }

    private final class Delete extends Request<DeleteBuilder> implements DeleteBuilder {
        @Override
        public A2AHttpResponse delete() throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder().DELETE());
        }
    }

    private record Answer(int status, String body) implements A2AHttpResponse {
        @Override
        public boolean success() {
            return status / 100 == 2;
        }
    }
}
