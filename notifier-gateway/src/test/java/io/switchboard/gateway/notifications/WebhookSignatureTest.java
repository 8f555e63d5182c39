package io.switchboard.gateway.notifications;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Signatures a receiver's Standard Webhooks library accepts: the specification's own example, byte for byte. */
class WebhookSignatureTest {

    @Test
    void theSpecificationsExampleSignsAsItsLibrariesExpect() {
        // From the Standard Webhooks reference libraries' tests (github.com/standard-webhooks/standard-webhooks).
        assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretIsRandomAndUsable() {
        String one = WebhookSignature.newSecret();
        String two = WebhookSignature.newSecret();
        assertThat(one).startsWith("whsec_").isNotEqualTo(two);
        assertThat(WebhookSignature.sign(one, "id", 1, "{}")).isNotEqualTo(WebhookSignature.sign(two, "id", 1, "{}"));
    }
}
