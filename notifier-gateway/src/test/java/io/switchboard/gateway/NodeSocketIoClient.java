package io.switchboard.gateway;

import io.switchboard.events.serde.MessageCodec;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The official npm socket.io-client in a Node process ({@code src/test/node/events.mjs}, installed by the build's
 * {@code npm ci}), on one transport. Every line it prints is kept: JSON lines as the client's happenings, anything
 * else (and its stderr) for the failure message.
 */
final class NodeSocketIoClient implements AutoCloseable {

    private static final Path PROJECT = Path.of("src", "test", "node");

    private final String transport;
    private final Process process;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    private final List<String> other = new CopyOnWriteArrayList<>();

    private NodeSocketIoClient(String transport, Process process) {
        this.transport = transport;
        this.process = process;
        read(process.getInputStream(), true);
        read(process.getErrorStream(), false);
    }

    /** Connects to {@code url} on {@code transport} only, and waits up to {@code timeout} for {@code events}. */
    static NodeSocketIoClient start(String url, String transport, List<String> events, Duration timeout) {
        return start(url, transport, events, timeout, false);
    }

    /** As above; with {@code reconnect} the client reconnects after a lost connection, as the library does by default. */
    static NodeSocketIoClient start(String url, String transport, List<String> events, Duration timeout,
                                    boolean reconnect) {
        if (!Files.isDirectory(PROJECT.resolve("node_modules").resolve("socket.io-client"))) {
            throw new IllegalStateException("socket.io-client is not installed in " + PROJECT.toAbsolutePath()
                    + ": the build installs it with `npm ci` (phase generate-test-resources); run that first");
        }
        ProcessBuilder builder = new ProcessBuilder("node", "events.mjs", url, transport, String.join(",", events),
                String.valueOf(timeout.toMillis()), reconnect ? "reconnect" : "once").directory(PROJECT.toFile());
        try {
            return new NodeSocketIoClient(transport, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start `node` (" + e.getMessage() + "): this test runs the npm "
                    + "socket.io-client, so Node.js 18 or newer must be on the PATH", e);
        }
    }

    private void read(InputStream stream, boolean json) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    keep(line, json);
                }
            } catch (IOException e) {
                other.add("(reading stopped: " + e.getMessage() + ")");
            }
        }, "node-" + transport + (json ? "-out" : "-err"));
        reader.setDaemon(true);
        reader.start();
    }

    private void keep(String line, boolean json) {
        if (json && line.startsWith("{")) {
            try {
                lines.add(MessageCodec.jsonMapper().readTree(line));
                return;
            } catch (RuntimeException e) {
                // Not one of the script's lines: kept as text below.
            }
        }
        other.add(line);
    }

    boolean running() {
        return process.isAlive();
    }

    boolean connected() {
        return connections() > 0;
    }

    /** How many times the client has connected (more than once after a reconnect). */
    long connections() {
        return lines.stream().filter(line -> line.get("type").asString().equals("connected")).count();
    }

    /** The transport the client said it connected over. */
    String connectedTransport() {
        return lines.stream().filter(line -> line.get("type").asString().equals("connected"))
                .map(line -> line.get("transport").asString()).findFirst().orElse(null);
    }

    List<JsonNode> events() {
        return lines.stream().filter(line -> line.get("type").asString().equals("event")).toList();
    }

    List<String> names() {
        return events().stream().map(line -> line.get("event").asString()).toList();
    }

    /** The payload of the first {@code event} received. */
    JsonNode first(String event) {
        return events().stream().filter(line -> line.get("event").asString().equals(event)).findFirst()
                .map(line -> line.get("data")).orElseThrow(() -> new AssertionError(this + " received no " + event));
    }

    /** What the client printed, for failure messages. */
    @Override
    public String toString() {
        return "node socket.io-client over " + transport + (process.isAlive() ? "" : " (exited " + process.exitValue()
                + ")") + ": " + lines + (other.isEmpty() ? "" : " other output: " + other);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
