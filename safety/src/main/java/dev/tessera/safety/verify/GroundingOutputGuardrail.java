package dev.tessera.safety.verify;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.content.Content;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Layer 3 as a LangChain4j output guardrail: the answer of a retrieval-augmented AI service is checked sentence by
 * sentence against the contents its retrievers returned for this question (the evidence-path citations of
 * {@code GraphContentRetriever}, or any other retriever's passages), with {@link OutputVerifier}.
 *
 * <ul>
 *   <li>every checked sentence supported: plain success;
 *   <li>some unsupported: success with the verifier's text, those sentences removed or marked per its
 *       {@link VerificationMode};
 *   <li>no checked sentence supported, in REMOVE mode: a fatal failure with {@link #UNVERIFIED_MESSAGE} and an
 *       {@link UngroundedAnswerException} cause holding every check, rather than an answer cut down to its
 *       disclaimer; re-prompting would only invite a new guess. In FLAG mode the flagged answer is returned.
 * </ul>
 *
 * <p>No retrieved content means no evidence, so every checked sentence is unsupported: this guardrail belongs on
 * services that retrieve. Disclaimers and emergency messages are skipped by the verifier, so list this guardrail
 * before {@code PolicyOutputGuardrail} or after it, as you like. An empty answer passes untouched: there is nothing
 * to verify, and the policy layer decides what an empty answer means.
 */
public final class GroundingOutputGuardrail implements OutputGuardrail {

    /** The failure message when no supported sentence remains. */
    public static final String UNVERIFIED_MESSAGE =
            "The answer could not be verified against the retrieved sources, so it was withheld.";

    private final OutputVerifier verifier;

    public GroundingOutputGuardrail(OutputVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public OutputGuardrailResult validate(OutputGuardrailRequest request) {
        GuardrailRequestParams params = request.requestParams();
        AugmentationResult augmentation = params == null ? null : params.augmentationResult();
        return check(request.responseFromLLM().aiMessage(), passages(augmentation));
    }

    /** Without a request there are no retrieved contents: every checked sentence is unsupported. */
    @Override
    public OutputGuardrailResult validate(AiMessage responseFromLLM) {
        return check(responseFromLLM, List.of());
    }

    private OutputGuardrailResult check(AiMessage message, List<String> passages) {
        String answer = message.text() == null ? "" : message.text();
        VerificationResult result;
        try {
            result = verifier.verify(answer, List.of(), List.of(), passages);
        } catch (EmptyAnswerException e) {
            return success();
        }
        if (result.allSentencesSupported()) {
            return success();
        }
        boolean anySupported = result.sentenceChecks().stream()
                .anyMatch(c -> c.verdict() == VerificationCheck.Verdict.SUPPORTED);
        // Removing every checked sentence could leave only a disclaimer, which answers nothing.
        if (!anySupported && verifier.mode() == VerificationMode.REMOVE) {
            return fatal(UNVERIFIED_MESSAGE, new UngroundedAnswerException(result));
        }
        return successWith(result.text());
    }

    private static List<String> passages(AugmentationResult augmentation) {
        if (augmentation == null || augmentation.contents() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(augmentation.contents().size());
        for (Content c : augmentation.contents()) {
            if (c != null && c.textSegment() != null && !c.textSegment().text().isBlank()) {
                out.add(c.textSegment().text());
            }
        }
        return out;
    }
}
