package io.switchboard.testing.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small HTTP client for a service's API over a real socket; answers carry status, headers and parsed JSON. */
public final class Api {

    // HTTP/1.1 only: the default first tries an h2c upgrade, which the services do not speak and which has been seen
    // to leave a request hanging.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Answer(int status, JsonNode json, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode task() {
            return json.get("task");
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer post(String path, String json, String... headers) {
        return send(with(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)), headers));
    }

    public Answer put(String path, String json, String... headers) {
        return send(with(HttpRequest.newBuilder(URI.create(base + path))
                .PUT(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)), headers));
    }

    public Answer raw(String method, String path, String body, String... headers) {
        return send(with(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)), headers));
    }

    private static HttpRequest.Builder with(HttpRequest.Builder request, String... headers) {
        request.header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return request;
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String body = response.body();
            if (body != null && !body.isBlank() && body.trim().startsWith("{")) {
                json = JsonMapper.shared().readTree(body);
            }
            return new Answer(response.statusCode(), json, response.headers().map(), body);
        } catch (HttpTimeoutException e) {
            // A hung request is a bug of the server, not of the test: show where every thread was at that moment.
            System.err.println("HTTP request timed out: " + request.build().uri() + "\n" + ThreadDump.now());
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
