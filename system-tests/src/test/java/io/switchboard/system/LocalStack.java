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
 * system is left alone. Users go through the gateway; the services' own ports answer only the gateway.
 */
final class LocalStack implements AutoCloseable {

    // Below Linux's ephemeral range (32768-60999): a port in it can be taken for a moment by any outgoing connection
    // on the machine, and once the broker could not bind 29092 ("Address already in use") as the stack came up.
    static final int GATEWAY_PORT = 28080;
    static final int TASK_PORT = 28081;
    static final int AGENT_PORT = 28082;
    static final int ASSIGNMENT_PORT = 28083;
    static final int SLA_PORT = 28084;
    static final int BROKER_PORT = 29092;

    private final Path root;
    private final Path state;
    private String upOutput = "";

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

    /** The file the run command keeps this system's gateway token in. */
    Path gatewayTokenFile() {
        return state.resolve("run/gateway-token");
    }

    /** What {@code ./switchboard up} printed. */
    String upOutput() {
        return upOutput;
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
        upOutput = run("up", "--detach", "--fresh");
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

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("switchboard").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().remove("SWITCHBOARD_BIND_ADDRESS"); // the default, loopback, is what is tested
        builder.environment().putAll(Map.of(
                "SWITCHBOARD_STATE_DIR", state.toString(),
                "SWITCHBOARD_GATEWAY_PORT", String.valueOf(GATEWAY_PORT),
                "SWITCHBOARD_TASK_PORT", String.valueOf(TASK_PORT),
                "SWITCHBOARD_AGENT_PORT", String.valueOf(AGENT_PORT),
                "SWITCHBOARD_ASSIGNMENT_PORT", String.valueOf(ASSIGNMENT_PORT),
                "SWITCHBOARD_SLA_PORT", String.valueOf(SLA_PORT),
                "SWITCHBOARD_BROKER_PORT", String.valueOf(BROKER_PORT),
                "SWITCHBOARD_GATEWAY_SOCKET_IO_PORT", "28090",
                // A broker restarted after SIGKILL on a busy 2-core machine waits out its old registration's
                // session and recovers its logs: about a minute here, beyond ./switchboard's default of 60 s.
                "SWITCHBOARD_BROKER_TIMEOUT", "180",
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
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
