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

/**
 * The A2A SDK's HTTP client interface over the JDK's client, with a time limit on every request: the SDK's own
 * {@code JdkA2AHttpClient} sets none, and a dispatcher must not wait forever on an agent that stopped answering.
 * The dispatcher polls, so the streaming (SSE) calls are not offered.
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

        CompletableFuture<Void> noStreams() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "the dispatcher polls A2A agents; it opens no streams"));
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
            return noStreams();
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
            return noStreams();
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
