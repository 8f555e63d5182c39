package io.switchboard.aggregate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Callers share requests, never one sent before they asked; and how long the broker has been silent. */
class CoalescedRequestTest {

    private final List<CompletableFuture<Integer>> sent = new ArrayList<>();
    private final CoalescedRequest<Integer> request = new CoalescedRequest<>(timeout -> {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        sent.add(answer);
        return answer;
    });

    @Test
    void callersWhileOneIsInFlightShareTheNextRequestSentOnceItIsAnswered() {
        CompletableFuture<Integer> first = request.ask(Duration.ofSeconds(1));
        CompletableFuture<Integer> second = request.ask(Duration.ofSeconds(1));
        CompletableFuture<Integer> third = request.ask(Duration.ofSeconds(1));
        assertThat(sent).hasSize(1);
        sent.get(0).complete(1);
        assertThat(first).isCompletedWithValue(1);
        assertThat(second).as("asked after the first was sent: not answered by it").isNotDone();
        assertThat(sent).hasSize(2);
        sent.get(1).complete(2);
        assertThat(second).isCompletedWithValue(2);
        assertThat(third).isCompletedWithValue(2);
        assertThat(sent).hasSize(2);
    }

    @Test
    void theBrokerIsSilentFromTheFirstUnansweredRequestUntilOneIsAnswered() {
        assertThat(request.unanswered()).isZero();
        CompletableFuture<Integer> failed = request.ask(Duration.ofSeconds(1));
        request.ask(Duration.ofSeconds(1));
        sent.get(0).completeExceptionally(new IllegalStateException("timed out"));
        assertThat(failed).isCompletedExceptionally();
        assertThat(request.unanswered()).as("a failure is no answer").isPositive();
        sent.get(1).complete(1);
        assertThat(request.unanswered()).isZero();
    }
}
