package io.switchboard.testing.stack;

import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.SharedKafkaBroker;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Switchboard's services in this JVM, on the test broker: each started with a free port, the stack's topic prefix,
 * an instance id of its own and, when given, the stack's clock; closed in the reverse order. {@link #shared} keeps
 * one stack per name for the whole test JVM, so that the test classes that can share a system start it once.
 */
public final class ServiceStack implements AutoCloseable {

    private static final Map<String, ServiceStack> SHARED = new ConcurrentHashMap<>();

    private final String prefix;
    private final Clock clock;
    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();

    /** A stack whose topics all start with {@code prefix}; {@code clock} (may be null) replaces every service's. */
    public ServiceStack(String prefix, Clock clock) {
        this.prefix = prefix;
        this.clock = clock;
    }

    /**
     * The stack called {@code name} in this JVM, started by {@code start} at first use and closed after the last test
     * (for test classes {@code @WithKafka}). Tests that share it use ids of their own and assert on their own tasks
     * and agents only.
     */
    public static ServiceStack shared(String name, Clock clock, Consumer<ServiceStack> start) {
        return SHARED.computeIfAbsent(name, key -> {
            ServiceStack stack = new ServiceStack(key + "-", clock);
            try {
                start.accept(stack);
            } catch (RuntimeException | Error e) {
                stack.close();
                throw e;
            }
            SharedKafkaBroker.closeAtTheEnd(stack);
            return stack;
        });
    }

    /** Starts a service called {@code name} with {@code extra} arguments after the stack's own. */
    public ConfigurableApplicationContext start(String name, SpringApplicationBuilder application, String... extra) {
        if (clock != null) {
            application.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        }
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + prefix, "--switchboard.instance-id=" + prefix + name));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        services.put(name, context);
        return context;
    }

    /**
     * Starts the gateway in front of this stack's services (those of tasks, agents, assignment and sla started), its
     * Socket.IO server on a free port, with {@code extra} arguments after those.
     */
    public ConfigurableApplicationContext startGateway(SpringApplicationBuilder gateway, String... extra) {
        List<String> args = new ArrayList<>(List.of("--switchboard.gateway.socket-io-port=" + freePort()));
        Map<String, String> routes = Map.of("tasks", "tasks-url", "agents", "agents-url",
                "assignment", "assignment-url", "sla", "sla-url");
        routes.forEach((service, property) -> {
            if (services.containsKey(service)) {
                args.add("--switchboard.gateway." + property + "=" + url(service));
            }
        });
        args.addAll(List.of(extra));
        return start("gateway", gateway, args.toArray(String[]::new));
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String prefix() {
        return prefix;
    }

    public ConfigurableApplicationContext context(String name) {
        ConfigurableApplicationContext context = services.get(name);
        if (context == null) {
            throw new IllegalArgumentException("No service " + name + " in this stack; it has " + services.keySet());
        }
        return context;
    }

    public int port(String name) {
        return ((WebServerApplicationContext) context(name)).getWebServer().getPort();
    }

    public String url(String name) {
        return "http://localhost:" + port(name);
    }

    public Api api(String name) {
        return new Api(port(name));
    }

    @Override
    public synchronized void close() {
        List<ConfigurableApplicationContext> started = new ArrayList<>(services.values());
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        services.clear();
    }
}
