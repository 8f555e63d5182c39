package io.switchboard.bench.ws;

import java.net.http.WebSocket;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket client of the gateway's /ws that reads as fast as it can and counts: frames of the measurement
 * window, the gateway's {@code lagged} frames, and whether the socket closed. A frame's latency is its receipt time
 * minus its {@code time} (the Kafka record's timestamp). Only the frame's tail is kept and parsed: {@code time} and
 * {@code id} come after {@code data}, and parsing whole frames would make this client, not the gateway, the limit.
 */
final class FanoutClient implements WebSocket.Listener {

    private static final String TIME = "\"time\":\"";
    private static final int TAIL = 256;

    private final Window window;
    private final LatencyHistogram latencies;
    private final StringBuilder tail = new StringBuilder();
    private boolean messageStart = true;
    private boolean lagFrame;
    /** Frames whose record time is in the window, whenever they came. */
    final AtomicLong received = new AtomicLong();
    /** Frames that came during the window, of whatever record time: the rate the gateway kept up. */
    final AtomicLong arrived = new AtomicLong();
    final AtomicLong lagged = new AtomicLong();
    final AtomicBoolean closed = new AtomicBoolean();

    /** The record times [from, to) that count, in epoch milliseconds; set once production starts. */
    static final class Window {
        volatile long from = Long.MAX_VALUE;
        volatile long to = Long.MAX_VALUE;
    }

    FanoutClient(Window window, LatencyHistogram latencies) {
        this.window = window;
        this.latencies = latencies;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        long now = System.currentTimeMillis();
        if (messageStart) {
            lagFrame = data.length() >= 17 && data.subSequence(0, 17).toString().equals("{\"event\":\"lagged\"");
        }
        tail.append(data);
        if (tail.length() > TAIL) {
            tail.delete(0, tail.length() - TAIL);
        }
        messageStart = last;
        if (last) {
            frame(now);
            tail.setLength(0);
        }
        socket.request(1);
        return null;
    }

    private void frame(long now) {
        if (lagFrame) {
            lagged.incrementAndGet();
            return;
        }
        int at = tail.lastIndexOf(TIME);
        if (at < 0) {
            return;
        }
        int start = at + TIME.length();
        long time = Instant.parse(tail.substring(start, tail.indexOf("\"", start))).toEpochMilli();
        if (now >= window.from && now < window.to) {
            arrived.incrementAndGet();
        }
        if (time >= window.from && time < window.to) {
            received.incrementAndGet();
            latencies.record(now - time);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
        closed.set(true);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed.set(true);
    }
}
