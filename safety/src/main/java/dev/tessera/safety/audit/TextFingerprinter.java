package dev.tessera.safety.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprint of a text for audit records: {@code hmac-sha256:<keyId>:<64 hex chars>}, the HMAC-SHA256 of
 * the text's UTF-8 bytes under a secret key. The same text under the same key always gives the same fingerprint,
 * so records can be joined ("was this exact prompt seen before?") without the text ever being stored; without the
 * key nobody can test a guessed value (a phone number, a card number) against a fingerprint, which a plain hash
 * would allow. The key id names the key so fingerprints stay comparable across key rotation. Thread-safe.
 */
public final class TextFingerprinter {

    /** Prefix of every fingerprint: the algorithm. */
    public static final String ALGORITHM = "hmac-sha256";
    /** At least 256 bits of key, as RFC 2104 recommends for SHA-256 (the block size is larger, which is fine). */
    public static final int MIN_KEY_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String keyId;
    private final SecretKeySpec key;

    /**
     * @param keyId  a short public name of the key ({@code [A-Za-z0-9._-]{1,64}}), never the key itself
     * @param secret at least {@link #MIN_KEY_BYTES} bytes; copied
     */
    public TextFingerprinter(String keyId, byte[] secret) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secret, "secret");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id must match " + KEY_ID.pattern());
        }
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("HMAC key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.keyId = keyId;
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String keyId() {
        return keyId;
    }

    /** {@code hmac-sha256:<keyId>:<hex>} of {@code text} (UTF-8). */
    public String fingerprint(String text) {
        Objects.requireNonNull(text, "text");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return ALGORITHM + ":" + keyId + ":" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** True when {@code s} has the fingerprint shape (any key id). */
    public static boolean isFingerprint(String s) {
        return s != null && s.matches(ALGORITHM + ":[A-Za-z0-9._-]{1,64}:[0-9a-f]{64}");
    }

    @Override
    public String toString() {
        return "TextFingerprinter[" + ALGORITHM + ", key " + keyId + "]";
    }
}
