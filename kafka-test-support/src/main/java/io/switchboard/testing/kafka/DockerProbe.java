package io.switchboard.testing.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Is there a Docker engine? Asked quickly and quietly.
 *
 * <p>Testcontainers' own check walks every client strategy, and where none works it logs an ERROR
 * with a long explanation for each. So first look for any sign of an engine (the places those
 * strategies look at); only when one exists is Testcontainers asked, and it is then loaded at all.
 * A docker CLI binary alone is no such sign.
 */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean dockerAvailable() {
        if (!anyHint()) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    /** Any env var, config file or socket through which Testcontainers could reach an engine. */
    static boolean anyHint() {
        if (isSet(System.getenv("DOCKER_HOST")) || isSet(System.getProperty("docker.host"))
                || isSet(System.getenv("DOCKER_CONTEXT")) || isSet(System.getenv("TESTCONTAINERS_DOCKER_CLIENT_STRATEGY"))) {
            return true;
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
            return true; // named pipes cannot be checked cheaply; let Testcontainers decide
        }
        String home = System.getProperty("user.home");
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".testcontainers.properties"), // may hold docker.host / tc.host
                Path.of(home, ".docker", "contexts"),        // a non-default docker context
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (isSet(runtimeDir)) {
            candidates.add(Path.of(runtimeDir, "docker.sock"));
            candidates.add(Path.of(runtimeDir, ".docker", "run", "docker.sock"));
        }
        return candidates.stream().anyMatch(Files::exists);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
