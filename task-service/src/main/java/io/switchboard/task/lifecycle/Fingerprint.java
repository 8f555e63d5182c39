package io.switchboard.task.lifecycle;

import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.ImportedState;
import io.switchboard.events.task.TaskSpec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A digest of a create request, so a repeated create (a client's retry, a demo loaded twice) is recognised as
 * the same request. Map entries are sorted first: two equal label maps must give one digest.
 */
final class Fingerprint {

    private static final JsonMapper CANONICAL = MessageCodec.jsonMapper().rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Fingerprint() {
    }

    static String of(TaskSpec spec, ImportedState imported) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("spec", spec);
        request.put("imported", imported);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
