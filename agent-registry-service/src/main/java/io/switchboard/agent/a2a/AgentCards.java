package io.switchboard.agent.a2a;

import io.a2a.spec.AgentCard;
import io.a2a.util.Utils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads an A2A agent card from its URL. The SDK's {@code A2ACardResolver} takes a base URL and a path and waits
 * without a time limit; a registration must not hang on an agent that does not answer, so the card is fetched here
 * with a timeout and read with the SDK's own JSON mapping.
 */
public final class AgentCards {

    /** A card that could not be read, with why, in words a caller can act on. */
    public static final class UnreadableCard extends RuntimeException {
        public UnreadableCard(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public AgentCards(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The card at {@code cardUrl}, an http or https URL; {@link UnreadableCard} when there is none to read. */
    public AgentCard read(String cardUrl) {
        URI uri = uri(cardUrl);
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnreadableCard("the agent card could not be fetched: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreadableCard("the agent card could not be fetched: interrupted");
        }
        if (answer.statusCode() / 100 != 2) {
            throw new UnreadableCard("the agent card could not be fetched: HTTP " + answer.statusCode());
        }
        try {
            return Utils.OBJECT_MAPPER.readValue(answer.body(), AgentCard.class);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableCard("the agent card is not a valid A2A agent card: " + describe(e));
        }
    }

    static URI uri(String cardUrl) {
        URI uri;
        try {
            uri = URI.create(cardUrl);
        } catch (IllegalArgumentException e) {
            throw new UnreadableCard("cardUrl is not a URL");
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new UnreadableCard("cardUrl must be an http or https URL");
        }
        return uri;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String first = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        return first.length() > 200 ? first.substring(0, 200) : first;
    }
}
