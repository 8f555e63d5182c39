package io.switchboard.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo agents and tasks into a running Switchboard through its public HTTP API: the gateway, with an API
 * key allowed to write tasks and agents (an admin's) in the environment variable {@value #API_KEY_VARIABLE}, never
 * on the command line, where any local user could read it.
 *
 * <pre>
 * SWITCHBOARD_API_KEY=sbk_... java -jar demo-loader/target/demo-loader.jar --gateway http://localhost:8080 \
 *      [--verbose] demo/demo-data.json
 * </pre>
 *
 * <p>{@code --tasks-url} and {@code --agents-url} name the two APIs separately instead (a deployment that routes them
 * elsewhere); the key, when set, is sent to both.
 *
 * <p>Idempotent: what is already there (200, or 409 on the id) is counted and left alone, so a
 * second run changes nothing and succeeds. Any other answer stops the loader with exit code 1;
 * bad arguments or a bad file give exit code 2.
 */
public final class DemoLoader {

    /** The environment variable that holds the API key sent in {@value #API_KEY_HEADER}. */
    static final String API_KEY_VARIABLE = "SWITCHBOARD_API_KEY";
    static final String API_KEY_HEADER = "X-API-Key";

    static final String USAGE = """
            usage: SWITCHBOARD_API_KEY=KEY java -jar demo-loader.jar --gateway URL [--verbose] FILE
                   SWITCHBOARD_API_KEY=KEY java -jar demo-loader.jar --tasks-url URL [--agents-url URL] [--verbose] FILE
              --gateway URL      base URL of the gateway (tasks and agents), e.g. http://localhost:8080
              --tasks-url URL    base URL of the task API, when it is not the gateway's
              --agents-url URL   base URL of the agent API; with --tasks-url only, agents are skipped without it
              --verbose          print one line per agent and task
              FILE               the demo data, e.g. demo/demo-data.json
              SWITCHBOARD_API_KEY  (environment) the API key sent as X-API-Key: one that may write tasks and agents""";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI tasksUrl;
    private final URI agentsUrl;
    private final String apiKey;
    private final boolean verbose;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http;

    DemoLoader(URI tasksUrl, URI agentsUrl, String apiKey, boolean verbose, PrintStream out, PrintStream err) {
        this.tasksUrl = tasksUrl;
        this.agentsUrl = agentsUrl;
        this.apiKey = apiKey;
        this.verbose = verbose;
        this.out = out;
        this.err = err;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * Runs the loader and returns the process exit code: 0 done, 1 load failed, 2 bad usage or file. The API key is
     * read from {@code env} ({@value #API_KEY_VARIABLE}).
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String gateway = null;
        String tasks = null;
        String agents = null;
        String file = null;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--gateway" -> gateway = ++i < args.length ? args[i] : null;
                case "--tasks-url" -> tasks = ++i < args.length ? args[i] : null;
                case "--agents-url" -> agents = ++i < args.length ? args[i] : null;
                case "--verbose", "-v" -> verbose = true;
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (arg.startsWith("-") || file != null) {
                        err.println("demo: unexpected argument '" + arg + "'");
                        err.println(USAGE);
                        return 2;
                    }
                    file = arg;
                }
            }
        }
        if (gateway != null && (tasks != null || agents != null)) {
            err.println("demo: --gateway serves both APIs; give it, or --tasks-url and --agents-url, not both");
            err.println(USAGE);
            return 2;
        }
        if (gateway != null) {
            tasks = gateway;
            agents = gateway;
        }
        if (tasks == null || file == null) {
            err.println("demo: --gateway (or --tasks-url) and FILE are required");
            err.println(USAGE);
            return 2;
        }
        String apiKey = env.get(API_KEY_VARIABLE);
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }

        List<PlannedRequest> plan;
        URI tasksUri;
        URI agentsUri;
        try {
            tasksUri = baseUri(tasks);
            agentsUri = agents == null ? null : baseUri(agents);
            JsonNode demo = JsonMapper.shared().readTree(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            plan = DemoPlanner.plan(demo, agentsUri != null);
        } catch (IOException e) {
            err.println("demo: cannot read " + file + ": " + e);
            return 2;
        } catch (JacksonException e) {
            err.println("demo: " + file + " is not valid JSON: " + e.getOriginalMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("demo: " + e.getMessage());
            return 2;
        }
        return new DemoLoader(tasksUri, agentsUri, apiKey, verbose, out, err).load(plan);
    }

    /** Sends the planned calls in order; stops at the first failure. */
    int load(List<PlannedRequest> plan) {
        Map<Outcome, Integer> tasks = new EnumMap<>(Outcome.class);
        Map<Outcome, Integer> agents = new EnumMap<>(Outcome.class);
        for (PlannedRequest request : plan) {
            // Appended, not resolved: a base URL may carry a path prefix (e.g. behind a gateway).
            URI uri = URI.create((request.kind().isTask() ? tasksUrl : agentsUrl) + request.path());
            HttpResponse<String> response;
            try {
                response = post(uri, request.body().toString());
            } catch (IOException e) {
                err.println("demo: cannot reach " + uri + ": " + describe(e));
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("demo: interrupted");
                return 1;
            }
            Outcome outcome = Outcome.of(response.statusCode(), response.body());
            String what = (request.kind().isTask() ? "task " : "agent ") + request.id();
            switch (outcome) {
                case FAILED -> {
                    err.println("demo: " + what + ": POST " + uri + " answered " + response.statusCode()
                            + ": " + response.body());
                    if (response.statusCode() == 401 || response.statusCode() == 403) {
                        err.println("demo: " + (apiKey == null ? API_KEY_VARIABLE + " is not set"
                                : "the key in " + API_KEY_VARIABLE + " was refused")
                                + "; the gateway takes writes with a key that may write tasks and agents (admin)");
                    }
                    return 1;
                }
                case ALREADY_EXISTS -> out.println("demo: " + what
                        + " already exists with other content (changed since it was loaded); left as it is");
                default -> {
                    if (verbose) {
                        out.println("demo: " + what + ": POST " + request.path() + " -> "
                                + response.statusCode() + (outcome == Outcome.CREATED ? " created" : " already there"));
                    }
                }
            }
            (request.kind().isTask() ? tasks : agents).merge(outcome, 1, Integer::sum);
        }
        out.println(summary(tasks, agents, agentsUrl != null));
        return 0;
    }

    /** {@code demo: 10 tasks (10 new, 0 already there), 6 agents (6 new, 0 already there)}. */
    static String summary(Map<Outcome, Integer> tasks, Map<Outcome, Integer> agents, boolean withAgents) {
        return "demo: " + counts(tasks, "tasks") + ", "
                + (withAgents ? counts(agents, "agents") : "0 agents (no --agents-url)");
    }

    private static String counts(Map<Outcome, Integer> counts, String noun) {
        int created = counts.getOrDefault(Outcome.CREATED, 0);
        int there = counts.getOrDefault(Outcome.UNCHANGED, 0) + counts.getOrDefault(Outcome.ALREADY_EXISTS, 0);
        return (created + there) + " " + noun + " (" + created + " new, " + there + " already there)";
    }

    private HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header(API_KEY_HEADER, apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A base URL without a trailing slash, so that appending "/api/..." gives one slash. */
    static URI baseUri(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        return uri;
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused (is the system running?)";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        return e.toString();
    }
}
