package dev.tessera.safety.pii;

import java.util.List;
import java.util.Objects;

/**
 * @param findings non-overlapping, sorted by start; offsets into the original text
 * @param text     the original text with every finding transformed by {@code action}
 * @param action   what was done to the findings
 */
public record PiiScanResult(List<PiiFinding> findings, String text, PiiAction action) {

    public PiiScanResult {
        findings = List.copyOf(findings);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(action, "action");
    }

    /** Findings and length only: the text may still hold PII the recognizers missed. */
    @Override
    public String toString() {
        return "PiiScanResult[" + action + ", findings=" + findings + ", length=" + text.length() + "]";
    }
}
