package io.switchboard.task.support;

import io.switchboard.testing.http.Api;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.kafka.KafkaTestBroker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** A task-service in its own JVM process, so that a test can kill it with SIGKILL like a crashed pod. */
public final class ChildTaskService implements AutoCloseable {

    private final Process process;
    private final int port;

    private ChildTaskService(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ChildTaskService start(String topicPrefix, String instanceId) {
        int port = freePort();
        File log = Path.of("target", "child-" + instanceId + ".log").toFile();
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", TaskServiceApplication.class.getName(),
                    "--server.port=" + port,
                    "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                    "--switchboard.topic-prefix=" + topicPrefix,
                    "--switchboard.instance-id=" + instanceId)
                    .redirectErrorStream(true).redirectOutput(log).start();
            ChildTaskService child = new ChildTaskService(process, port);
            Api api = child.api();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("task-service process exited; see " + log);
                }
                try {
                    return api.get("/actuator/health/readiness").status() == 200;
                } catch (UncheckedIOException e) {
                    return false;
                }
            });
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() {
        return new Api(port);
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
