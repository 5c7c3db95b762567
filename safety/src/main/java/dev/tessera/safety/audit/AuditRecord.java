package dev.tessera.safety.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One safety decision, as it goes to an {@link AuditSink}. It holds what was decided and why, never what was said:
 * the text is represented only by its keyed fingerprint ({@link TextFingerprinter}), and no field may carry a PII
 * value. Rule ids, model versions and request ids are restricted to a short identifier alphabet
 * ({@code [A-Za-z0-9._:/@+-]}, at most 128 chars) so that free text, and with it a value, cannot slip in through
 * them. The JSON shape is documented in {@link AuditJson}.
 *
 * @param timestamp       when the decision was made (UTC instant)
 * @param layer           which layer of the filter decided
 * @param ruleId          recognizer, rule or model id, e.g. {@code EmailRecognizer}, {@code injection-minilm}
 * @param modelVersion    version of the rule set or model, e.g. {@code 2026-11-20.1}; {@code "-"} when not versioned
 * @param score           the score the decision rests on (a probability, or 1.0 for a validated rule hit); finite
 * @param action          what was done
 * @param latency         time the check took; not negative
 * @param requestId       the caller's request id, for joining the records of one request
 * @param textFingerprint {@link TextFingerprinter} output for the checked text
 */
public record AuditRecord(Instant timestamp, Layer layer, String ruleId, String modelVersion, double score,
                          Action action, Duration latency, String requestId, String textFingerprint) {

    /** Where in the filter the decision was made. */
    public enum Layer { INPUT, GENERATION, OUTPUT }

    /** What the filter did. */
    public enum Action { ALLOW, BLOCK, REDACT, REWRITE, REFUSE }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:/@+-]{1,128}");

    public AuditRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(latency, "latency");
        identifier("ruleId", ruleId);
        identifier("modelVersion", modelVersion);
        identifier("requestId", requestId);
        if (!TextFingerprinter.isFingerprint(textFingerprint)) {
            throw new IllegalArgumentException("textFingerprint must be a TextFingerprinter fingerprint, not text");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
    }

    /** A record for {@code text}, fingerprinted with {@code fingerprinter}; the text itself is not kept. */
    public static AuditRecord of(TextFingerprinter fingerprinter, String text, Instant timestamp, Layer layer,
                                 String ruleId, String modelVersion, double score, Action action, Duration latency,
                                 String requestId) {
        return new AuditRecord(timestamp, layer, ruleId, modelVersion, score, action, latency, requestId,
                fingerprinter.fingerprint(text));
    }

    /** True when {@code value} may stand in an id field (rule, model version, request id). */
    public static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }

    private static void identifier(String name, String value) {
        Objects.requireNonNull(value, name);
        if (!isIdentifier(value)) {
            throw new IllegalArgumentException(name + " must be an identifier matching " + IDENTIFIER.pattern()
                    + " (no free text)");
        }
    }
}
