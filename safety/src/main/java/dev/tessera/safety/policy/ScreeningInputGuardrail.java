package dev.tessera.safety.policy;

import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A LangChain4j input guardrail around any screen that can say why a user message must not reach the model, so
 * layer 1 (injection, toxicity, scope) plugs in without this package depending on it. The screen sees the message's
 * text parts joined by newlines; a reason to block becomes a fatal failure with that reason, which ends the call
 * before the model runs.
 *
 * <p>With an {@link Auditor}, each message records one INPUT decision under the guardrail's id: BLOCK with score
 * 1.0, or ALLOW with 0.0. The reason is not recorded (it is free text); the screens behind it record their own
 * scores when they audit too.
 */
public final class ScreeningInputGuardrail implements InputGuardrail {

    /** Rule id of the guardrail's audit records unless one is given. */
    public static final String DEFAULT_ID = "input-guardrail";

    private final String id;
    private final Function<String, Optional<String>> reasonToBlock;
    private final Auditor auditor;

    /** @param reasonToBlock returns the reason to block the text, or empty to let it through */
    public ScreeningInputGuardrail(Function<String, Optional<String>> reasonToBlock) {
        this(DEFAULT_ID, reasonToBlock, Auditor.none());
    }

    /**
     * @param id            rule id in audit records, e.g. {@code medical-input}; an identifier
     * @param reasonToBlock returns the reason to block the text, or empty to let it through
     * @param auditor       records each decision
     */
    public ScreeningInputGuardrail(String id, Function<String, Optional<String>> reasonToBlock, Auditor auditor) {
        this.id = Auditor.requireIdentifier("guardrail id", id);
        this.reasonToBlock = Objects.requireNonNull(reasonToBlock, "reasonToBlock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public InputGuardrailResult validate(UserMessage userMessage) {
        String text = userMessage.contents().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
        long start = System.nanoTime();
        Optional<String> reason = reasonToBlock.apply(text);
        boolean block = reason.isPresent();
        auditor.record(AuditRecord.Layer.INPUT, text, Auditor.since(start), new Auditor.Decision(id, "-",
                block ? 1.0 : 0.0, block ? AuditRecord.Action.BLOCK : AuditRecord.Action.ALLOW));
        return reason.map(this::fatal).orElseGet(this::success);
    }
}
