package io.switchboard.gateway.security;

import io.switchboard.aggregate.StateView;
import io.switchboard.events.security.ApiKeyRecord;
import org.apache.kafka.clients.producer.Producer;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The API keys the gateway accepts: those from configuration plus those created through the API, which live on the
 * compacted {@code gateway.api-keys} topic that every gateway instance reads whole, so a key works on all of them
 * and survives restarts. Looked up by hash: the keys themselves are nowhere.
 */
public final class ApiKeyStore implements AutoCloseable {

    /** A key just created, with the secret shown once. */
    public record Created(ApiKeyRecord record, String key) {
    }

    private final List<ApiKeyRecord> configured;
    private final StateView<ApiKeyRecord> view;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final Duration writeTimeout;
    private final Map<String, ApiKeyRecord> byHash = new ConcurrentHashMap<>();

    public ApiKeyStore(List<SecurityProperties.ConfiguredKey> configured, StateView<ApiKeyRecord> view,
                       Producer<String, byte[]> producer, Clock clock,
                       Duration writeTimeout) {
        this.configured = configured.stream().map(ApiKeyStore::fromConfiguration).toList();
        this.view = view;
        this.producer = producer;
        this.clock = clock;
        this.writeTimeout = writeTimeout;
        this.configured.forEach(record -> byHash.put(record.sha256(), record));
        view.store().onChange(this::index);
        view.store().all().forEach(this::index);
    }

    private static ApiKeyRecord fromConfiguration(SecurityProperties.ConfiguredKey key) {
        Role role = Role.ofCode(key.role()).orElseThrow(() -> new IllegalArgumentException(
                "switchboard.security.keys: unknown role '" + key.role() + "' for key " + key.name()));
        if (key.sha256() == null || !key.sha256().matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("switchboard.security.keys: key " + key.name()
                    + " needs sha256, the lowercase hex SHA-256 of the key");
        }
        if (role == Role.AGENT && key.agentId() == null) {
            throw new IllegalArgumentException("switchboard.security.keys: agent key " + key.name() + " needs agent-id");
        }
        return new ApiKeyRecord("config:" + key.name(), key.name(), role.code(), key.agentId(), key.sha256(), null,
                null);
    }

    private void index(ApiKeyRecord record) {
        if (record.revokedAt() == null) {
            byHash.put(record.sha256(), record);
        } else {
            byHash.remove(record.sha256(), byHash.get(record.sha256()));
        }
    }

    /** The caller a key stands for, if it is a valid key. */
    public Optional<Caller> authenticate(String key) {
        ApiKeyRecord record = byHash.get(ApiKeySecrets.sha256(key));
        if (record == null || record.revokedAt() != null) {
            return Optional.empty();
        }
        return Role.ofCode(record.role())
                .map(role -> new Caller(record.name(), role, record.agentId(), record.id(), false));
    }

    public Collection<ApiKeyRecord> all() {
        return Stream.concat(configured.stream(), view.store().all().stream())
                .sorted(Comparator.comparing(ApiKeyRecord::name)).toList();
    }

    public Optional<ApiKeyRecord> get(String id) {
        return configured.stream().filter(r -> r.id().equals(id)).findFirst().or(() -> view.store().get(id));
    }

    /** Creates a key and returns once this instance accepts it (the others follow within their read lag). */
    public Created create(String name, Role role, String agentId) throws TimeoutException {
        String key = ApiKeySecrets.newKey();
        ApiKeyRecord record = new ApiKeyRecord(ApiKeySecrets.newId(), name, role.code(), agentId,
                ApiKeySecrets.sha256(key), clock.instant(), null);
        write(record);
        return new Created(record, key);
    }

    /** Revokes a key created through the API; configured keys are changed in configuration. */
    public ApiKeyRecord revoke(ApiKeyRecord record) throws TimeoutException {
        ApiKeyRecord revoked = record.revoked(clock.instant());
        write(revoked);
        return revoked;
    }

    private void write(ApiKeyRecord record) throws TimeoutException {
        view.writeAndReadBack(producer, record.id(), record, clock.instant(), writeTimeout);
    }

    /** Its producer goes with it: a gateway stopped in a running JVM (tests, a refresh) leaves no thread behind. */
    @Override
    public void close() {
        producer.close(writeTimeout);
    }
}
