package dev.tessera.safety.verify;

import dev.tessera.sdk.TesseraException;

/**
 * Carried as the cause of a failed {@link GroundingOutputGuardrail} result when no sentence of the answer is
 * supported by the retrieved evidence, so a caller that catches LangChain4j's {@code OutputGuardrailException} can
 * reach every check (scores, nearest passages) without parsing messages.
 */
public class UngroundedAnswerException extends TesseraException {

    private final transient VerificationResult result;

    public UngroundedAnswerException(VerificationResult result) {
        super("no sentence of the answer is supported by the retrieved evidence ("
                + result.unsupportedSentences().size() + " checked)");
        this.result = result;
    }

    public VerificationResult result() {
        return result;
    }
}
