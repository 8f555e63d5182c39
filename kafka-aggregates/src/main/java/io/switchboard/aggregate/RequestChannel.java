package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Request and reply over Kafka for a service that is not an aggregate's owner: sends requests to a topic and waits
 * for each answer on the answers' topic (read committed), matched by id. Starts before the web server.
 */
public final class RequestChannel<C, R extends CommandReply> implements SmartLifecycle, AutoCloseable {

    private final CommandSender<C, R> sender;
    private final ResultListener<R> listener;
    private final BackgroundLoop loop;
    private final Duration startTimeout;
    private volatile boolean running;

    public RequestChannel(KafkaClients clients, MessageCodec codec, String requestTopic, MessageType answerType,
                          Function<C, String> requestId, Function<C, String> key, Duration timeout, Clock clock) {
        PendingCommands<R> pending = new PendingCommands<>();
        this.sender = new CommandSender<>(clients, pending, codec, requestTopic, requestId, key, timeout, clock);
        this.listener = new ResultListener<>(clients, pending, codec, answerType);
        this.startTimeout = timeout.multipliedBy(3);
        this.loop = new BackgroundLoop(clients.service() + "-" + answerType.topic() + "-listener", listener,
                listener::stop);
    }

    public CommandSender<C, R> sender() {
        return sender;
    }

    public boolean healthy() {
        return !running || loop.alive();
    }

    @Override
    public void start() {
        loop.start();
        loop.awaitReady(listener::awaitPositioned, startTimeout, "its topic followed from the end");
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void close() {
        sender.close();
    }
}
