package io.switchboard.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kustomize directory, two ways: rendered by the real tool ({@code kubectl kustomize} with Kustomize 4 or newer,
 * or {@code kustomize build}) when one is installed, else resolved here: every referenced file and directory
 * followed, checked to exist and to parse, its resources collected and generated Secrets and ConfigMaps made from
 * their literals. The resolution here does not apply patches or transformers: it gives the base's own values.
 */
final class Kustomize {

    static final Path K8S = Code.ROOT.resolve("deploy/k8s");
    static final List<String> OVERLAYS = List.of("dev", "prod", "external-kafka");

    /** The resources of one overlay, and whether the real tool rendered them. */
    record Build(String overlay, List<Map<String, Object>> resources, boolean rendered) {
    }

    private Kustomize() {
    }

    // ------------------------------------------------------------------ the tool --

    /** The command that renders a directory, when a usable tool is on the PATH. */
    static Optional<List<String>> tool() {
        if (Tools.OFF) {
            return Optional.empty();
        }
        if (run(List.of("kustomize", "version"), 30).filter(r -> r.code == 0).isPresent()) {
            return Optional.of(List.of("kustomize", "build"));
        }
        Optional<Result> kubectl = run(List.of("kubectl", "version", "--client"), 30);
        if (kubectl.isPresent() && kubectl.get().code == 0) {
            // kubectl 1.20 (Debian's kubernetes-client) embeds Kustomize 2.0.3, which cannot read components or
            // `patches:`; Kustomize 4 came with kubectl 1.21.
            Matcher version = Pattern.compile("Kustomize Version: v(\\d+)").matcher(kubectl.get().out);
            if (version.find() && Integer.parseInt(version.group(1)) >= 4) {
                return Optional.of(List.of("kubectl", "kustomize"));
            }
        }
        return Optional.empty();
    }

    record Result(int code, String out, String err) {
    }

    static Optional<Result> run(List<String> command, int seconds) {
        try {
            Path out = Files.createTempFile("deploy-check", ".out");
            Path err = Files.createTempFile("deploy-check", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(Code.ROOT.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.of(new Result(-1, "", String.join(" ", command) + " timed out"));
                }
                return Optional.of(new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8)));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return Optional.empty(); // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Renders a directory with the tool; fails with the tool's own message. */
    static List<Map<String, Object>> render(List<String> tool, Path dir) {
        List<String> command = new ArrayList<>(tool);
        command.add(dir.toString());
        Result result = run(command, 120).orElseThrow(() -> new IllegalStateException(command + " could not run"));
        if (result.code != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + result.code + "):\n" + result.err);
        }
        return Yamls.loadText(result.out, String.join(" ", command));
    }

    private static final Map<String, Build> BUILDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** An overlay, rendered when the tool is here, else resolved (once per test JVM). */
    static Build build(String overlay) {
        return BUILDS.computeIfAbsent(overlay, Kustomize::buildNow);
    }

    private static Build buildNow(String overlay) {
        Path dir = K8S.resolve("overlays").resolve(overlay);
        Optional<List<String>> tool = tool();
        return tool.map(t -> new Build(overlay, render(t, dir), true))
                .orElseGet(() -> new Build(overlay, resolve(dir, new ArrayList<>()), false));
    }

    // --------------------------------------------------------------- resolution --

    /** The resources of a kustomization directory, following resources and components; problems collected. */
    static List<Map<String, Object>> resolve(Path dir, List<String> problems) {
        List<Map<String, Object>> out = new ArrayList<>();
        Path file = kustomizationFile(dir);
        if (file == null) {
            problems.add(dir + ": no kustomization.yaml");
            return out;
        }
        Map<String, Object> k = Yamls.load(file).get(0);
        for (String field : List.of("resources", "components", "bases")) {
            for (Object entry : Yamls.list(k, field)) {
                Path target = dir.resolve(String.valueOf(entry)).normalize();
                if (Files.isDirectory(target)) {
                    out.addAll(resolve(target, problems));
                } else if (Files.isRegularFile(target)) {
                    out.addAll(Yamls.load(target));
                } else {
                    problems.add(file + ": " + field + " entry " + entry + " does not exist");
                }
            }
        }
        for (Map<String, Object> patch : Yamls.maps(k, "patches")) {
            if (patch.get("path") != null) {
                Path target = dir.resolve(String.valueOf(patch.get("path")));
                if (!Files.isRegularFile(target)) {
                    problems.add(file + ": patch " + patch.get("path") + " does not exist");
                } else {
                    Yamls.load(target);
                }
            } else if (patch.get("patch") != null) {
                Yamls.parse(String.valueOf(patch.get("patch")), file + " inline patch"); // JSON 6902 list or a manifest
            } else {
                problems.add(file + ": a patch with neither path nor patch");
            }
        }
        for (Object entry : Yamls.list(k, "patchesStrategicMerge")) {
            Path target = dir.resolve(String.valueOf(entry));
            if (!Files.isRegularFile(target)) {
                problems.add(file + ": patch " + entry + " does not exist");
            }
        }
        generate(k, "secretGenerator", "Secret", out);
        generate(k, "configMapGenerator", "ConfigMap", out);
        return out;
    }

    static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return null;
    }

    private static void generate(Map<String, Object> k, String field, String kind, List<Map<String, Object>> out) {
        for (Map<String, Object> generator : Yamls.maps(k, field)) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object literal : Yamls.list(generator, "literals")) {
                String text = String.valueOf(literal);
                int eq = text.indexOf('=');
                data.put(text.substring(0, eq), text.substring(eq + 1));
            }
            out.add(Map.of("apiVersion", "v1", "kind", kind, "metadata", Map.of("name", generator.get("name")),
                    kind.equals("Secret") ? "stringData" : "data", data));
        }
    }
}
