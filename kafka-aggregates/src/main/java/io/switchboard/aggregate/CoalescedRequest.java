package io.switchboard.aggregate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One broker request shared by every caller that asks while another is in flight. A caller joins the next request,
 * never the one in flight: that one may have been answered from before the caller's own write committed. The next is
 * sent as soon as the one in flight is answered, so a busy instance pays about one round trip per round trip, not
 * one per caller, and no thread waits.
 */
final class CoalescedRequest<T> {

    private final Function<Duration, CompletableFuture<T>> send;
    private final Object rounds = new Object();
    /** The request the next callers join; sent once the one in flight is answered. Guarded by rounds. */
    private CompletableFuture<T> next;
    private boolean inFlight;
    /**
     * Since when (System.nanoTime) the broker has answered none of the requests sent: the first request sent after
     * the last answer. Meaningful while {@link #silent}.
     */
    private volatile long silentSince;
    private volatile boolean silent;

    /** {@code send} makes one request that gives up after the timeout of the caller that sent it. */
    CoalescedRequest(Function<Duration, CompletableFuture<T>> send) {
        this.send = send;
    }

    /** The answer of a request sent after this call. */
    CompletableFuture<T> ask(Duration timeout) {
        CompletableFuture<T> round;
        boolean sendNow;
        synchronized (rounds) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            round = next;
            sendNow = !inFlight;
            if (sendNow) {
                inFlight = true;
                next = null;
            }
        }
        if (sendNow) {
            send(round, timeout);
        }
        return round;
    }

    /** How long requests have gone unanswered (failed ones count as unanswered); zero when the last was answered. */
    Duration unanswered() {
        return silent ? Duration.ofNanos(System.nanoTime() - silentSince) : Duration.ZERO;
    }

    private void send(CompletableFuture<T> round, Duration timeout) {
        if (!silent) {
            silentSince = System.nanoTime();
            silent = true;
        }
        CompletableFuture<T> answer;
        try {
            answer = send.apply(timeout);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((value, error) -> {
            if (error == null) {
                silent = false;
                round.complete(value);
            } else {
                round.completeExceptionally(error);
            }
            CompletableFuture<T> following;
            synchronized (rounds) {
                following = next;
                next = null;
                inFlight = following != null;
            }
            if (following != null) {
                send(following, timeout);
            }
        });
    }
}
