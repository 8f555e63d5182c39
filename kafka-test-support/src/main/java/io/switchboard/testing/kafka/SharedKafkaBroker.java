package io.switchboard.testing.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * JUnit extension that makes sure the JVM's shared broker ({@link KafkaTestBroker}) is running before
 * a test class starts. Nothing is stopped after the class: the broker lives until the JVM exits. What was registered
 * with {@link #closeAtTheEnd} is closed once every test has run, while the broker still runs, so that its clients do
 * not spend the JVM's exit retrying a broker that is gone.
 */
public class SharedKafkaBroker implements BeforeAllCallback {

    private static final Deque<AutoCloseable> AT_THE_END = new ArrayDeque<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        KafkaTestBroker.bootstrapServers();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedKafkaBroker.class, key -> (AutoCloseable) SharedKafkaBroker::closeAll);
    }

    /** Closes {@code resource} after the last test of this JVM (the last registered first). */
    public static synchronized void closeAtTheEnd(AutoCloseable resource) {
        AT_THE_END.push(resource);
    }

    private static void closeAll() throws Exception {
        while (true) {
            AutoCloseable next;
            synchronized (SharedKafkaBroker.class) {
                next = AT_THE_END.poll();
            }
            if (next == null) {
                return;
            }
            next.close();
        }
    }
}
