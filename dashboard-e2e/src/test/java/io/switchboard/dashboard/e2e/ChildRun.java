package io.switchboard.dashboard.e2e;

import io.switchboard.events.serde.MessageCodec;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process run to its end (or killed after a time limit), with everything it printed. */
record ChildRun(int exit, String output) {

    static ChildRun of(List<String> command, Path dir, int seconds) throws IOException, InterruptedException {
        return of(new ProcessBuilder(command), dir, seconds);
    }

    static ChildRun of(ProcessBuilder builder, Path dir, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("dashboard-e2e", ".log");
        try {
            Process process = builder.directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new ChildRun(-1, Files.readString(log, StandardCharsets.UTF_8)
                        + "\n(timed out after " + seconds + " s)");
            }
            return new ChildRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The JSON a browser script prints as its last line (what it checked and measured). */
    JsonNode lastLineJson() {
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        if (!last.startsWith("{")) {
            throw new AssertionError("the script printed no result; its output:\n" + output);
        }
        return MessageCodec.jsonMapper().readTree(last);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
