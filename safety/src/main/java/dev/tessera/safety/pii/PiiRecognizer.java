package dev.tessera.safety.pii;

import java.util.List;

/**
 * Finds one kind of personal data. Implementations are stateless and thread-safe; they report spans of the text
 * they are given ({@link PiiScanner} hands them normalised text and maps the spans back to the original).
 */
public interface PiiRecognizer {

    /** The type this recognizer reports (a date recognizer may refine {@code DATE_TIME} to {@code DATE_OF_BIRTH}). */
    PiiType type();

    /** Short stable name, recorded in each finding. */
    String name();

    /** Findings in {@code text}, in any order; spans are char offsets into {@code text}, end exclusive. */
    List<PiiFinding> find(String text);
}
