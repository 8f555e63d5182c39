package io.switchboard.agent.a2a;

import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardRegistrationTest {

    private static AgentCard.Builder card(String name, List<AgentSkill> skills) {
        return new AgentCard.Builder().name(name).description("d").url("https://a.example/a2a").version("1")
                .capabilities(new AgentCapabilities.Builder().streaming(false).build())
                .defaultInputModes(List.of("text/plain")).defaultOutputModes(List.of("text/plain")).skills(skills);
    }

    private static AgentSkill skill(String id, String... tags) {
        return new AgentSkill.Builder().id(id).name(id).description(id).tags(List.of(tags)).build();
    }

    @Test
    void theIdIsTheNameInLowerCaseWithRunsOfOtherCharactersAsOneDash() {
        assertThat(CardRegistration.of(card("  Deep Research (v2)! ", List.of(skill("r"))).build(), "u").id())
                .isEqualTo("deep-research-v2");
        assertThat(CardRegistration.of(card("***", List.of(skill("r"))).build(), "u").id()).isEqualTo("a2a-agent");
        assertThat(CardRegistration.of(card("x".repeat(100), List.of(skill("r"))).build(), "u").id()).hasSize(64);
    }

    @Test
    void capabilitiesAreSkillIdsAndTagsOnceEachWithinTheRegistrysLimits() {
        CardRegistration registration = CardRegistration.of(card("A", List.of(skill("write", "docs", "write"),
                skill("docs", " ", "t".repeat(65), "review"))).build(), "u");
        assertThat(registration.capabilities()).containsExactly("write", "docs", "review");
        List<AgentSkill> many = IntStream.range(0, 80).mapToObj(i -> skill("s" + i)).toList();
        assertThat(CardRegistration.of(card("A", many).build(), "u").capabilities()).hasSize(64);
    }

    @Test
    void theCardsStreamingAndPushCapabilitiesAreKeptOnTheEndpoint() {
        CardRegistration pushes = CardRegistration.of(card("A", List.of(skill("s")))
                .capabilities(new AgentCapabilities.Builder().streaming(false).pushNotifications(true).build())
                .build(), "u");
        assertThat(pushes.endpoint().pushNotifications()).isTrue();
        assertThat(pushes.endpoint().streaming()).isFalse();
        assertThat(CardRegistration.of(card("A", List.of(skill("s"))).build(), "u").endpoint().pushNotifications())
                .isFalse();
    }

    @Test
    void aCardWithoutSkillsOrUrlIsRefusedSayingWhat() {
        assertThatThrownBy(() -> CardRegistration.of(card("A", List.of()).build(), "u"))
                .hasMessage("the agent card has no skills");
        assertThatThrownBy(() -> CardRegistration.of(card("A", List.of(skill("s"))).url(" ").build(), "u"))
                .hasMessage("the agent card names no url");
    }
}
