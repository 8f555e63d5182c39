package io.switchboard.aggregate;

import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Sends a command (or request) keyed by what it is for, and completes with its answer: for an aggregate, once the
 * owner of its partition has applied (or refused) it and the change is committed.
 * <p>
 * The producer's {@code send} runs on a thread of this sender's, never on the caller's: while the broker is away it
 * may block (up to the producer's {@code max.block.ms}), and a web server's event loop blocked by writes would hold
 * back every read, which could be answered from memory. A command whose caller stopped waiting before it could be
 * sent is not sent at all.
 */
public final class CommandSender<C, R extends CommandReply> implements AutoCloseable {

    /** The MDC key of the id of the HTTP request being served (set by the services' request-id filter). */
    public static final String MDC_REQUEST_ID = "requestId";
    /** The record header that carries the request id with a command, so the owner's logs name it too. */
    public static final String REQUEST_ID_HEADER = "switchboard_request_id";
    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);

    private final KafkaProducer<String, byte[]> producer;
    private final PendingCommands<R> pending;
    private final MessageCodec codec;
    private final Function<C, String> commandId;
    private final Function<C, String> key;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService sending;

    CommandSender(KafkaClients clients, PendingCommands<R> pending, MessageCodec codec, String topicBaseName,
                  Function<C, String> commandId, Function<C, String> key, Duration timeout, Clock clock) {
        this.producer = clients.commandProducer();
        this.pending = pending;
        this.codec = codec;
        this.commandId = commandId;
        this.key = key;
        this.topic = clients.topics().name(topicBaseName);
        this.timeout = timeout;
        this.clock = clock;
        String thread = clients.service() + "-command-sender";
        this.sending = Executors.newSingleThreadExecutor(runnable -> {
            Thread sender = new Thread(runnable, thread);
            sender.setDaemon(true);
            return sender;
        });
    }

    /** Sends the command and completes with its result; with a TimeoutException if none came in time. */
    public CompletableFuture<R> send(C command) {
        String id = commandId.apply(command);
        CompletableFuture<R> result = pending.register(id, timeout);
        Headers headers = new RecordHeaders();
        codec.writeHeaders(headers, command, clock.instant());
        String requestId = MDC.get(MDC_REQUEST_ID);
        if (requestId != null) {
            headers.add(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, key.apply(command),
                codec.encode(command), headers);
        try {
            sending.execute(() -> send(id, record, result));
        } catch (RejectedExecutionException e) {
            pending.fail(id, e); // closing
        }
        return result;
    }

    private void send(String id, ProducerRecord<String, byte[]> record, CompletableFuture<R> result) {
        if (result.isDone()) {
            return; // timed out while waiting to be sent: nobody waits for it any more
        }
        log.debug("Sending command {} to {}", id, topic);
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    pending.fail(id, error);
                }
            });
        } catch (RuntimeException e) {
            pending.fail(id, e);
        }
    }

    @Override
    public void close() {
        sending.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}
