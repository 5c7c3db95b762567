package dev.tessera.safety.pii;

import java.util.Objects;

/**
 * One piece of personal data found in a text.
 *
 * @param type       what it is
 * @param start      first char, as a Java {@code char} offset into the caller's original text
 * @param end        one past the last char (exclusive)
 * @param score      confidence in [0, 1]; checksum-validated identifiers score {@value #VALIDATED} or more
 * @param recognizer name of the recognizer that produced it, for audits
 */
public record PiiFinding(PiiType type, int start, int end, double score, String recognizer) {

    /** Scores at or above this come from a passed checksum (Luhn, mod-97, ISO 7064, GB 32100). */
    public static final double VALIDATED = 0.95;

    public PiiFinding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recognizer, "recognizer");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean validated() {
        return score >= VALIDATED;
    }

    public boolean overlaps(PiiFinding other) {
        return start < other.end && other.start < end;
    }

    PiiFinding shifted(int newStart, int newEnd) {
        return new PiiFinding(type, newStart, newEnd, score, recognizer);
    }

    /** No value here: findings are logged and this keeps the text out of the log by construction. */
    @Override
    public String toString() {
        return type + "[" + start + "," + end + ")";
    }
}
