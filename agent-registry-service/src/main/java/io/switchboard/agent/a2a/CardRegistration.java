package io.switchboard.agent.a2a;

import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.switchboard.agent.registry.AgentRules;
import io.switchboard.events.agent.A2aEndpoint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What an A2A agent card says about an agent, as a registration: its skills and their tags become capabilities, its
 * name names the agent (and gives it an id when the caller sent none), its URL and description are kept on the agent.
 *
 * @param id           an id made from the card's name: lower case, runs of other characters turned into '-'
 * @param name         the card's name
 * @param capabilities each skill's id and tags, in the card's order, without repeats (at most as many as an agent
 *                     may have)
 * @param endpoint     where the agent takes A2A calls
 */
public record CardRegistration(String id, String name, List<String> capabilities, A2aEndpoint endpoint) {

    /** The registration a card stands for; an {@link IllegalArgumentException} naming what the card lacks. */
    public static CardRegistration of(AgentCard card, String cardUrl) {
        Objects.requireNonNull(card, "card");
        if (card.url() == null || card.url().isBlank()) {
            throw new IllegalArgumentException("the agent card names no url");
        }
        if (card.name() == null || card.name().isBlank()) {
            throw new IllegalArgumentException("the agent card names no name");
        }
        Set<String> capabilities = new LinkedHashSet<>();
        for (AgentSkill skill : card.skills() == null ? List.<AgentSkill>of() : card.skills()) {
            add(capabilities, skill.id());
            (skill.tags() == null ? List.<String>of() : skill.tags()).forEach(tag -> add(capabilities, tag));
        }
        if (capabilities.isEmpty()) {
            throw new IllegalArgumentException("the agent card has no skills");
        }
        boolean streaming = card.capabilities() != null && card.capabilities().streaming();
        boolean pushes = card.capabilities() != null && card.capabilities().pushNotifications();
        String name = card.name().strip();
        return new CardRegistration(idOf(name), name.length() > AgentRules.MAX_NAME
                ? name.substring(0, AgentRules.MAX_NAME) : name,
                capabilities.stream().limit(AgentRules.MAX_CAPABILITIES).toList(),
                new A2aEndpoint(cardUrl, card.url(), card.description(), streaming, card.protocolVersion(),
                        pushes));
    }

    private static void add(Set<String> capabilities, String capability) {
        if (capability != null && !capability.isBlank() && capability.strip().length() <= AgentRules.MAX_CAPABILITY) {
            capabilities.add(capability.strip());
        }
    }

    private static String idOf(String name) {
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._:]+", "-").replaceAll("^-+|-+$", "");
        id = id.length() > AgentRules.MAX_CAPABILITY ? id.substring(0, AgentRules.MAX_CAPABILITY) : id;
        return id.isEmpty() ? "a2a-agent" : id;
    }
}
