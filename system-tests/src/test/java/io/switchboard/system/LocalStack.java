package io.switchboard.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole system as the run command starts it ({@code ./switchboard}): the broker and every service in its own
 * JVM, here on ports of their own and with their own state folder under {@code target/}, so a developer's running
 * system is left alone.
 */
final class LocalStack implements AutoCloseable {

    static final int GATEWAY_PORT = 38080;
    static final int BROKER_PORT = 39092;

    private final Path root;
    private final Path state;

    LocalStack() {
        this.root = Path.of("..").toAbsolutePath().normalize();
        this.state = Path.of("target", "stack").toAbsolutePath();
    }

    String gateway() {
        return "http://localhost:" + GATEWAY_PORT;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + BROKER_PORT;
    }

    /** The admin key the run command made for this system. */
    String adminKey() {
        try {
            return Files.readAllLines(state.resolve("run/credentials")).stream()
                    .filter(line -> line.startsWith("ADMIN_KEY=")).map(line -> line.substring(10)).findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void up() {
        run("up", "--detach", "--fresh");
    }

    void kill(String name) {
        run("kill", name);
    }

    void start(String name) {
        run("start", name);
    }

    @Override
    public void close() {
        run("down");
    }

    private void run(String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("switchboard").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                "SWITCHBOARD_STATE_DIR", state.toString(),
                "SWITCHBOARD_GATEWAY_PORT", String.valueOf(GATEWAY_PORT),
                "SWITCHBOARD_TASK_PORT", "38081", "SWITCHBOARD_AGENT_PORT", "38082",
                "SWITCHBOARD_ASSIGNMENT_PORT", "38083", "SWITCHBOARD_SLA_PORT", "38084",
                "SWITCHBOARD_BROKER_PORT", String.valueOf(BROKER_PORT),
                "SWITCHBOARD_GATEWAY_SOCKET_IO_PORT", "38090",
                // Builds nothing: the reactor built every jar before this module's tests.
                "SWITCHBOARD_SKIP_BUILD", "1"));
        try {
            Path log = Files.createTempFile("switchboard-", ".log");
            Process process = builder.redirectOutput(log.toFile()).start();
            boolean ended = process.waitFor(5, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (!ended || process.exitValue() != 0) {
                throw new IllegalStateException("./switchboard " + String.join(" ", args)
                        + (ended ? " failed:\n" : " did not end in 5 minutes:\n") + output);
            }
            System.out.print(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
