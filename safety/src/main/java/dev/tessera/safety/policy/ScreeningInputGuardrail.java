package dev.tessera.safety.policy;

import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A LangChain4j input guardrail around any screen that can say why a user message must not reach the model, so
 * layer 1 (injection, toxicity, scope) plugs in without this package depending on it. The screen sees the message's
 * text parts joined by newlines; a reason to block becomes a fatal failure with that reason, which ends the call
 * before the model runs.
 */
public final class ScreeningInputGuardrail implements InputGuardrail {

    private final Function<String, Optional<String>> reasonToBlock;

    /** @param reasonToBlock returns the reason to block the text, or empty to let it through */
    public ScreeningInputGuardrail(Function<String, Optional<String>> reasonToBlock) {
        this.reasonToBlock = Objects.requireNonNull(reasonToBlock, "reasonToBlock");
    }

    @Override
    public InputGuardrailResult validate(UserMessage userMessage) {
        String text = userMessage.contents().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
        return reasonToBlock.apply(text).map(this::fatal).orElseGet(this::success);
    }
}
