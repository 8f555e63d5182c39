package io.switchboard.events.agent;

import java.util.Objects;

/**
 * An agent reached over A2A (Agent2Agent), as its agent card described it when it registered: the registry keeps
 * it on the agent, and the gateway's A2A dispatcher sends the agent its tasks there.
 *
 * @param cardUrl         where the agent card was read
 * @param url             the JSON-RPC endpoint the card names
 * @param description     the card's description of the agent
 * @param streaming       whether the card says the agent streams task updates
 * @param protocolVersion the A2A version the card says the agent speaks
 * @param pushNotifications whether the card says the agent sends push notifications of its tasks' updates
 */
public record A2aEndpoint(String cardUrl, String url, String description, boolean streaming, String protocolVersion,
                          boolean pushNotifications) {

    public A2aEndpoint {
        Objects.requireNonNull(cardUrl, "cardUrl");
        Objects.requireNonNull(url, "url");
    }
}
