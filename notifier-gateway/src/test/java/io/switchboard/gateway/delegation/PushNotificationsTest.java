package io.switchboard.gateway.delegation;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PushNotificationsTest {

    private static PushNotifications at(String base) {
        return new PushNotifications(() -> base, null, null, null, "a2a.pushes", Clock.systemUTC(),
                Duration.ofSeconds(1));
    }

    @Test
    void eachTaskIsGivenItsOwnCallbackAndTokenAndOnlyTheTokensHashIsKept() {
        PushNotifications.Offer first = at("https://switchboard.example.com/").offer("TASK-001").orElseThrow();
        PushNotifications.Offer second = at("https://switchboard.example.com").offer("TASK 2").orElseThrow();
        assertThat(first.url()).isEqualTo("https://switchboard.example.com/a2a/push/TASK-001");
        assertThat(second.url()).isEqualTo("https://switchboard.example.com/a2a/push/TASK%202");
        assertThat(first.token()).hasSize(43).isNotEqualTo(second.token());
        assertThat(first.tokenHash()).isEqualTo(PushNotifications.hash(first.token())).hasSize(64)
                .doesNotContain(first.token());
    }

    @Test
    void noAgentIsAskedToPushWhileTheGatewayDoesNotKnowItsOwnAddress() {
        assertThat(at(null).offer("TASK-001")).isEmpty();
        assertThat(at(" ").offer("TASK-001")).isEmpty();
    }
}
