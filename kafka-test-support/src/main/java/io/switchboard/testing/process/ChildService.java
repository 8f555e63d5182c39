package io.switchboard.testing.process;

import io.switchboard.testing.http.Api;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A service in its own JVM process, on this test's class path and a free port, so that a test can kill it with
 * SIGKILL like a crashed pod. Its output goes to {@code target/<name>.log}.
 */
public final class ChildService implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String name;

    private ChildService(Process process, int port, String name) {
        this.process = process;
        this.port = port;
        this.name = name;
    }

    /** Starts {@code mainClass} with {@code --server.port} and {@code args}, and waits until it is ready. */
    public static ChildService start(String name, Class<?> mainClass, String... args) {
        ChildService child = launch(name, mainClass, args);
        Api api = child.api();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!child.alive()) {
                throw new IllegalStateException(name + " exited; see " + child.log());
            }
            try {
                return api.get("/actuator/health/readiness").status() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
        return child;
    }

    /** Starts it the same way, without waiting: for a test that acts while it is still starting. */
    public static ChildService launch(String name, Class<?> mainClass, String... args) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", mainClass.getName(), "--server.port=" + port));
        command.addAll(List.of(args));
        try {
            return new ChildService(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name))
                    .start(), port, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File log(String name) {
        return Path.of("target", name + ".log").toFile();
    }

    private File log() {
        return log(name);
    }

    /** What it printed so far (its log). */
    public String output() throws IOException {
        return Files.readString(log().toPath());
    }

    public Api api() {
        return new Api(port);
    }

    public String name() {
        return name;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the broker. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
