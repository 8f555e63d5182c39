package io.switchboard.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * New keys and their stored form. Keys are 192 random bits, not passwords people choose, so a plain SHA-256 is
 * enough to keep them unusable if the topic leaks, and cheap enough to check on every request (a slow password hash
 * such as bcrypt would cost milliseconds per call and protect nothing more).
 */
public final class ApiKeySecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "sbk_";

    private ApiKeySecrets() {
    }

    public static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "k-" + HexFormat.of().formatHex(bytes);
    }

    /** Lowercase hex SHA-256 of the key, as {@code printf %s KEY | sha256sum} prints it. */
    public static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }
}
