package io.switchboard.gateway.a2a;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Switchboard as an A2A agent ({@code switchboard.a2a.*}).
 *
 * @param enabled     whether the gateway serves its agent card and the A2A methods
 * @param publicUrl   the URL other agents reach the gateway at (the card's {@code url} is this plus {@code /a2a});
 *                    unset, the scheme and host of the request for the card
 * @param name        the card's name
 * @param description the card's description
 * @param version     the card's version of this agent
 * @param keepAlive   how often a quiet A2A stream gets a comment, so that proxies keep it open
 */
@ConfigurationProperties("switchboard.a2a")
public record A2aProperties(
        @DefaultValue("true") boolean enabled,
        URI publicUrl,
        @DefaultValue("Switchboard") String name,
        @DefaultValue("Delegates a task to the agent of a fleet that has the capabilities it needs, and follows it "
                + "to its end: give the task's text, and in the message's metadata its capabilities and its "
                + "priority (P0-P3).") String description,
        @DefaultValue("0.1.0") String version,
        @DefaultValue("15s") Duration keepAlive) {
}
