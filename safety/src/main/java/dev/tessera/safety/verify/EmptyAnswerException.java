package dev.tessera.safety.verify;

import dev.tessera.sdk.TesseraException;

/**
 * The answer has no sentence to verify (blank, or only whitespace and punctuation). Raised rather than returning an
 * empty result because an empty model reply is a generation failure upstream, and an empty result would pass every
 * check it was given.
 */
public class EmptyAnswerException extends TesseraException {

    public EmptyAnswerException() {
        super("the answer has no sentence to verify");
    }
}
