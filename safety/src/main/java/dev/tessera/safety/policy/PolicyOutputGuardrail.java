package dev.tessera.safety.policy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.memory.ChatMemory;
import java.util.List;
import java.util.Objects;

/**
 * Layer 2 as a LangChain4j output guardrail, for answers from any chat model behind an AI service
 * ({@code @OutputGuardrails(...)} or {@code AiServices.builder(...).outputGuardrails(...)}).
 *
 * <p>REFUSE becomes a fatal failure whose message is the refusal text (emergency message first when escalated) and
 * whose cause is a {@link PolicyRefusalException} carrying the decision: fatal, because retrying or reprompting a
 * model into compliance is not how a safety refusal should end. REWRITE becomes {@code successWith(rewritten)};
 * PASS is plain success. Templates follow the answer's detected language.
 */
public final class PolicyOutputGuardrail implements OutputGuardrail {

    private final PolicyEngine engine;

    public PolicyOutputGuardrail(PolicyEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Uses the user's last message from chat memory as the question, so red flags in the question escalate. */
    @Override
    public OutputGuardrailResult validate(OutputGuardrailRequest request) {
        ChatMemory memory = request.requestParams() == null ? null : request.requestParams().chatMemory();
        return check(lastUserText(memory), request.responseFromLLM().aiMessage());
    }

    @Override
    public OutputGuardrailResult validate(AiMessage responseFromLLM) {
        return check("", responseFromLLM);
    }

    private OutputGuardrailResult check(String question, AiMessage message) {
        String answer = message.text() == null ? "" : message.text();
        PolicyDecision decision = engine.apply(question, answer, Language.detect(question + answer));
        return switch (decision.action()) {
            case PASS -> success();
            case REWRITE -> successWith(decision.text());
            case REFUSE -> fatal(decision.text(), new PolicyRefusalException(decision));
        };
    }

    private static String lastUserText(ChatMemory memory) {
        if (memory == null) {
            return "";
        }
        List<ChatMessage> messages = memory.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user && user.hasSingleText()) {
                return user.singleText();
            }
        }
        return "";
    }
}
