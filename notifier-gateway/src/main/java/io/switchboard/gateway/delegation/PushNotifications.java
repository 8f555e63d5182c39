package io.switchboard.gateway.delegation;

import io.switchboard.events.a2a.A2aDispatch;
import io.switchboard.events.a2a.A2aPushReceived;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A2A push notifications, for an agent whose card offers them and does not stream: each task sent to it names a
 * callback on the gateway ({@code /a2a/push/{taskId}}) and a token of its own, which the agent sends back in
 * {@code X-A2A-Notification-Token}. Only the token's hash is kept, on the dispatch. A push whose token matches is
 * written to {@code a2a.pushes}, which every gateway instance reads, so the instance following the task looks at it
 * at once whichever instance the agent reached; what the task does is still read with {@code tasks/get}.
 */
final class PushNotifications {

    static final String TOKEN_HEADER = "X-A2A-Notification-Token";
    private static final int TOKEN_BYTES = 32;

    /** What a task's dispatch is given to pass on to its agent. */
    record Offer(String url, String token, String tokenHash) {
    }

    enum Verdict {
        /** Taken: the task's follower looks at it now. */
        ACCEPTED,
        /** No task with that id was sent to an A2A agent. */
        UNKNOWN_TASK,
        /** The token is missing, or not the one the task's dispatch was given. */
        BAD_TOKEN
    }

    private final Supplier<String> callbackBase;
    private final Dispatches dispatches;
    private final Producer<String, byte[]> producer;
    private final MessageCodec codec;
    private final String topic;
    private final Clock clock;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param callbackBase the gateway's address as agents reach it (scheme, host, port); null or blank when it is not
     *                     known, and then no agent is asked to push (it is polled)
     */
    PushNotifications(Supplier<String> callbackBase, Dispatches dispatches, Producer<String, byte[]> producer,
                      MessageCodec codec, String topic, Clock clock, Duration timeout) {
        this.callbackBase = callbackBase;
        this.dispatches = dispatches;
        this.producer = producer;
        this.codec = codec;
        this.topic = topic;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The callback and a new token for a task about to be sent, when the gateway knows its own address. */
    Optional<Offer> offer(String taskId) {
        String base = callbackBase.get();
        if (base == null || base.isBlank()) {
            return Optional.empty();
        }
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String url = base.replaceAll("/+$", "") + "/a2a/push/"
                + URLEncoder.encode(taskId, StandardCharsets.UTF_8).replace("+", "%20");
        return Optional.of(new Offer(url, token, hash(token)));
    }

    /**
     * A push for {@code taskId} with the token it came with, and the A2A task id and state its body named (either
     * may be null). Written to {@code a2a.pushes} (acks=all) before it is accepted.
     */
    Verdict receive(String taskId, String token, String a2aTaskId, String state) throws TimeoutException {
        Optional<A2aDispatch> dispatch = dispatches.get(taskId);
        if (dispatch.isEmpty()) {
            return Verdict.UNKNOWN_TASK;
        }
        String expected = dispatch.get().pushTokenHash();
        if (token == null || expected == null || !MessageDigest.isEqual(
                hash(token).getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.BAD_TOKEN;
        }
        A2aPushReceived push = new A2aPushReceived(taskId, a2aTaskId, state, clock.instant());
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, taskId, codec.encode(push));
        codec.writeHeaders(out.headers(), push, push.receivedAt());
        Dispatches.sendAndWait(producer, out, timeout, "the push");
        return Verdict.ACCEPTED;
    }

    String topic() {
        return topic;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
