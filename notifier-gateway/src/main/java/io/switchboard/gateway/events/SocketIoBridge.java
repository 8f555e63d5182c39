package io.switchboard.gateway.events;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.switchboard.events.serde.MessageCodec;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;

import java.util.Map;

/**
 * The live events as Socket.IO (protocol v4), so a dashboard written for the seed connects unchanged: each event is
 * emitted under the seed's name with the seed's payload ({@code socket.on('task:assigned', ({task, agent}) => ...)}).
 * netty-socketio runs its own server on an internal port; the gateway routes {@code /socket.io/**} to it, so clients
 * use the gateway's address. Why a library: it speaks the Engine.IO handshake, polling and the upgrade to WebSocket,
 * which would be a protocol implementation of its own to write.
 */
public final class SocketIoBridge implements SmartLifecycle {

    private final EventHub hub;
    private final String host;
    private final int port;
    private volatile SocketIOServer server;
    private Disposable subscription;

    public SocketIoBridge(EventHub hub, String host, int port) {
        this.hub = hub;
        this.host = host;
        this.port = port;
    }

    @Override
    public void start() {
        Configuration config = new Configuration();
        config.setHostname(host);
        config.setPort(port);
        // A restarted gateway binds again at once: the connections its previous life closed sit in TIME_WAIT on this
        // port for a minute, and without address reuse the bind fails until they are gone.
        config.getSocketConfig().setReuseAddress(true);
        SocketIOServer starting = new SocketIOServer(config);
        try {
            starting.start();
        } catch (RuntimeException e) {
            starting.stop();
            throw new IllegalStateException("The Socket.IO server cannot listen on " + host + ":" + port
                    + " (switchboard.gateway.socket-io-port, env SWITCHBOARD_GATEWAY_SOCKET_IO_PORT): " + e, e);
        }
        server = starting;
        subscription = hub.frames().subscribe(frame -> {
            if (connectedClients() > 0 && frame.readable()) {
                server.getBroadcastOperations().sendEvent(frame.event(), plain(frame.data()));
            }
        });
    }

    /** The payload as plain maps and lists: the library writes JSON with its own mapper. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(Object data) {
        return MessageCodec.jsonMapper().convertValue(data, Map.class);
    }

    /** Socket.IO clients connected now (for the {@code switchboard.gateway.live.clients} gauge). */
    public int connectedClients() {
        SocketIOServer current = server;
        return current == null ? 0 : current.getAllClients().size();
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.dispose();
        }
        if (server != null) {
            server.stop();
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
