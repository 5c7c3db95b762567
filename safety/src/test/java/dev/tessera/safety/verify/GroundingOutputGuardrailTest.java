package dev.tessera.safety.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.guardrail.ChatExecutor;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.content.Content;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layer 3 behind LangChain4j's output guardrail API, with the retrieved contents of the request as evidence. */
class GroundingOutputGuardrailTest {

    private static OnnxEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized(), InferenceOptions.cpu());
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static GroundingOutputGuardrail guardrail(VerificationMode mode) {
        return new GroundingOutputGuardrail(OutputVerifier.builder(encoder).mode(mode).build());
    }

    /** A request as an AI service builds it after its retrievers ran: the passages arrive as retrieved contents. */
    private static OutputGuardrailRequest answered(String answer, List<String> retrieved) {
        List<Content> contents = retrieved.stream().map(p -> Content.from(TextSegment.from(p))).toList();
        return OutputGuardrailRequest.builder()
                .responseFromLLM(ChatResponse.builder().aiMessage(AiMessage.from(answer)).build())
                .chatExecutor(new NoModel())
                .requestParams(GuardrailRequestParams.builder().userMessageTemplate("{{it}}").variables(Map.of())
                        .augmentationResult(new AugmentationResult(UserMessage.from("question"), contents)).build())
                .build();
    }

    @Test
    void aGroundedAnswerPassesUntouched() {
        String answer = OutputVerifierTest.SUPPORTED.get(0) + " " + OutputVerifierTest.SUPPORTED.get(1);
        OutputGuardrailResult r = guardrail(VerificationMode.REMOVE)
                .validate(answered(answer, OutputVerifierTest.PASSAGES));
        assertTrue(r.isSuccess());
        assertFalse(r.hasRewrittenResult());
    }

    @Test
    void unsupportedSentencesAreRemovedOrFlaggedAgainstTheRetrievedContents() {
        String supported = OutputVerifierTest.SUPPORTED.get(2);
        String invented = OutputVerifierTest.UNSUPPORTED.get(1);
        String answer = supported + " " + invented;

        OutputGuardrailResult removed = guardrail(VerificationMode.REMOVE)
                .validate(answered(answer, OutputVerifierTest.PASSAGES));
        assertTrue(removed.isSuccess());
        assertEquals(supported, removed.successfulText());

        OutputGuardrailResult flagged = guardrail(VerificationMode.FLAG)
                .validate(answered(answer, OutputVerifierTest.PASSAGES));
        assertEquals(supported + " " + invented.substring(0, invented.length() - 1) + OutputVerifier.DEFAULT_MARKER
                + ".", flagged.successfulText());
    }

    @Test
    void nothingSupportedIsAFatalFailureCarryingEveryCheckNotADisclaimerAlone() {
        String answer = OutputVerifierTest.UNSUPPORTED.get(0) + " This information is general and is not a diagnosis.";
        OutputGuardrailResult r = guardrail(VerificationMode.REMOVE)
                .validate(answered(answer, OutputVerifierTest.PASSAGES));
        assertTrue(r.isFatal());
        OutputGuardrailResult.Failure failure = r.<OutputGuardrailResult.Failure>failures().get(0);
        assertEquals(GroundingOutputGuardrail.UNVERIFIED_MESSAGE, failure.message());
        UngroundedAnswerException cause = assertInstanceOf(UngroundedAnswerException.class, failure.cause());
        assertEquals(1, cause.result().unsupportedSentences().size());
        assertEquals(OutputVerifierTest.UNSUPPORTED.get(0), cause.result().unsupportedSentences().get(0).text());
    }

    @Test
    void withoutRetrievedContentsNothingIsSupported() {
        String answer = OutputVerifierTest.SUPPORTED.get(0);
        assertTrue(guardrail(VerificationMode.REMOVE).validate(answered(answer, List.of())).isFatal());
        assertTrue(guardrail(VerificationMode.REMOVE).validate(AiMessage.from(answer)).isFatal());
        OutputGuardrailResult flagged = guardrail(VerificationMode.FLAG).validate(AiMessage.from(answer));
        assertTrue(flagged.successfulText().contains(OutputVerifier.DEFAULT_MARKER), flagged.successfulText());
    }

    @Test
    void anEmptyAnswerIsLeftToThePolicyLayer() {
        assertTrue(guardrail(VerificationMode.REMOVE).validate(answered("  ", OutputVerifierTest.PASSAGES)).isSuccess());
    }

    /** The guardrail never calls the model: it neither retries nor re-prompts. */
    private static final class NoModel implements ChatExecutor {
        @Override
        public ChatResponse execute() {
            throw new AssertionError("the guardrail must not call the model");
        }

        @Override
        public ChatResponse execute(List<ChatMessage> messages) {
            throw new AssertionError("the guardrail must not call the model");
        }
    }
}
