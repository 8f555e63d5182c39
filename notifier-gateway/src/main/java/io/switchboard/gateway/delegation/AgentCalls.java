package io.switchboard.gateway.delegation;

import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.spec.EventKind;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendConfiguration;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.PushNotificationConfig;
import io.a2a.spec.StreamingEventKind;
import io.a2a.spec.Task;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TextPart;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The A2A calls the dispatcher makes of an agent, over the SDK's JSON-RPC transport. Whatever goes wrong (the SDK's
 * {@code A2AClientException} is a RuntimeException too) is an {@link AgentUnavailable} naming the method.
 */
final class AgentCalls {

    /** An agent that did not answer, or answered with an error: the message says which. */
    static final class AgentUnavailable extends Exception {
        AgentUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final List<String> OUTPUT_MODES = List.of("text/plain", "application/json");

    private final TimedHttpClient http;
    private final Map<String, JSONRPCTransport> transports = new ConcurrentHashMap<>();

    AgentCalls(TimedHttpClient http) {
        this.http = http;
    }

    /**
     * {@code message/send}, not blocking: the agent answers with the task it made (or a message, when it made
     * none). The message id names the assignment, so an agent that keeps ids can tell a send made again after a
     * dispatcher restart. {@code push}: where and with which token the agent is to send its push notifications of
     * the task; null for none.
     */
    EventKind send(String url, String messageId, String text, Map<String, Object> metadata,
                   PushNotificationConfig push) throws AgentUnavailable {
        return sendMessage(url, new Message.Builder().role(Message.Role.USER).messageId(messageId)
                .parts(List.of(new TextPart(text))).metadata(metadata).build(), push);
    }

    /** A person's answer to an agent that asked for input: a message on the same task and context. */
    EventKind reply(String url, String a2aTaskId, String contextId, String messageId, String text)
            throws AgentUnavailable {
        return sendMessage(url, new Message.Builder().role(Message.Role.USER).messageId(messageId).taskId(a2aTaskId)
                .contextId(contextId).parts(List.of(new TextPart(text))).build(), null);
    }

    private EventKind sendMessage(String url, Message message, PushNotificationConfig push) throws AgentUnavailable {
        try {
            return transport(url).sendMessage(params(message, false, push), null);
        } catch (RuntimeException e) {
            throw unavailable("message/send", e);
        }
    }

    /**
     * {@code message/stream}: the agent's events as they come; {@code ended} when the stream ends, with the error
     * that ended it or null.
     */
    void stream(String url, String messageId, String text, Map<String, Object> metadata,
                Consumer<StreamingEventKind> events, Consumer<Throwable> ended) throws AgentUnavailable {
        Message message = new Message.Builder().role(Message.Role.USER).messageId(messageId)
                .parts(List.of(new TextPart(text))).metadata(metadata).build();
        try {
            transport(url).sendMessageStreaming(params(message, null, null), events, ended, null);
        } catch (RuntimeException e) {
            throw unavailable("message/stream", e);
        }
    }

    /** {@code tasks/resubscribe}: the events of a task sent before, from now on. */
    void resubscribe(String url, String a2aTaskId, Consumer<StreamingEventKind> events, Consumer<Throwable> ended)
            throws AgentUnavailable {
        try {
            transport(url).resubscribe(new TaskIdParams(a2aTaskId), events, ended, null);
        } catch (RuntimeException e) {
            throw unavailable("tasks/resubscribe", e);
        }
    }

    Task get(String url, String a2aTaskId) throws AgentUnavailable {
        try {
            return transport(url).getTask(new TaskQueryParams(a2aTaskId), null);
        } catch (RuntimeException e) {
            throw unavailable("tasks/get", e);
        }
    }

    Task cancel(String url, String a2aTaskId) throws AgentUnavailable {
        try {
            return transport(url).cancelTask(new TaskIdParams(a2aTaskId), null);
        } catch (RuntimeException e) {
            throw unavailable("tasks/cancel", e);
        }
    }

    /** @param blocking false for a send answered at once with the task; null for a stream, which takes none */
    private static MessageSendParams params(Message message, Boolean blocking, PushNotificationConfig push) {
        return new MessageSendParams.Builder().message(message).configuration(new MessageSendConfiguration.Builder()
                .blocking(blocking).acceptedOutputModes(OUTPUT_MODES).pushNotificationConfig(push).build()).build();
    }

    private JSONRPCTransport transport(String url) {
        return transports.computeIfAbsent(url, u -> new JSONRPCTransport(http, null, u, List.of()));
    }

    private static AgentUnavailable unavailable(String method, Exception e) {
        Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new AgentUnavailable(method + " failed: " + (why.length() > 300 ? why.substring(0, 300) : why), e);
    }
}
