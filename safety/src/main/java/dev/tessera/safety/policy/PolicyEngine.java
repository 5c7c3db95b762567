package dev.tessera.safety.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer 2 of the safety filter: applies one {@link DomainPolicy} to an answer, whether a template built it or a
 * chat model wrote it. Immutable and thread-safe.
 *
 * <p>Order: a structured answer (a JSON object, when the policy has a schema) must conform first; then any
 * forbidden-advice rule refuses; otherwise the disclaimer is appended. Escalation rules are checked on the question
 * and the answer, and when one fires the emergency message leads whatever the user sees, refusal included: a refused
 * answer must not hide a red flag.
 *
 * <p>Structured answers stay valid JSON: the emergency message goes into an {@code "emergency"} field placed first,
 * the disclaimer into a {@code "disclaimer"} field placed last. Logs carry rule ids only, never text.
 *
 * <p>With an {@link Auditor}, every {@code apply} records GENERATION decisions on the answer: one per fired rule
 * (score 1.0), or, when none fired, one {@code <domain>.disclaimer} (REWRITE) or {@code <domain>.policy} (ALLOW)
 * with score 0.0. The action is the decision's (PASS is ALLOW) and the version the policy's.
 */
public final class PolicyEngine {

    /** Field names used for structured answers. */
    public static final String EMERGENCY_FIELD = "emergency";
    public static final String DISCLAIMER_FIELD = "disclaimer";

    private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);
    // Trailing tokens fail: "{...} and then some prose" is not a conforming structured answer.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final DomainPolicy policy;
    private final Auditor auditor;
    private final String version;

    public PolicyEngine(DomainPolicy policy) {
        this(policy, Auditor.none());
    }

    /** An engine that records its decisions; every rule id of the policy must be an identifier. */
    public PolicyEngine(DomainPolicy policy, Auditor auditor) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.version = String.valueOf(policy.version());
        if (auditor.enabled()) {
            policy.forbidden().forEach(r -> Auditor.requireIdentifier("policy rule id", r.id()));
            policy.escalation().forEach(r -> Auditor.requireIdentifier("policy rule id", r.id()));
            Auditor.requireIdentifier("policy domain", policy.domain());
        }
    }

    public DomainPolicy policy() {
        return policy;
    }

    /** Applies the policy to {@code answer}, templates in the language detected from the answer. */
    public PolicyDecision apply(String answer) {
        return apply(answer, Language.detect(answer));
    }

    /** Applies the policy to {@code answer}; escalation looks at the answer only. */
    public PolicyDecision apply(String answer, Language language) {
        return apply("", answer, language);
    }

    /**
     * Applies the policy to {@code answer} given the user's {@code question} (may be empty); escalation rules look
     * at both, so "chest pain spreading to my left arm" escalates even when the model's answer does not repeat it.
     */
    public PolicyDecision apply(String question, String answer, Language language) {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(language, "language");
        long start = System.nanoTime();
        PolicyDecision decision = decide(question, answer, language);
        if (auditor.enabled()) {
            auditor.record(AuditRecord.Layer.GENERATION, answer, Auditor.since(start), decisions(decision));
        }
        return decision;
    }

    private List<Auditor.Decision> decisions(PolicyDecision decision) {
        AuditRecord.Action action = switch (decision.action()) {
            case PASS -> AuditRecord.Action.ALLOW;
            case REWRITE -> AuditRecord.Action.REWRITE;
            case REFUSE -> AuditRecord.Action.REFUSE;
        };
        if (decision.firedRules().isEmpty()) {
            String rule = policy.domain() + (action == AuditRecord.Action.REWRITE ? ".disclaimer" : ".policy");
            return List.of(new Auditor.Decision(rule, version, 0.0, action));
        }
        return decision.firedRules().stream().map(id -> new Auditor.Decision(id, version, 1.0, action)).toList();
    }

    private PolicyDecision decide(String question, String answer, Language language) {
        String asked = question == null ? "" : question;
        List<String> fired = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (PolicyRule rule : policy.escalation()) {
            if (rule.matches(asked) || rule.matches(answer)) {
                fired.add(rule.id());
                reasons.add(rule.id() + ": " + rule.reason());
            }
        }
        boolean escalate = !fired.isEmpty();
        ObjectNode structured = null;
        List<String> schemaViolations = List.of();
        if (policy.schema().isPresent() && answer.strip().startsWith("{")) {
            // An answer that opens like a JSON object is a structured answer: broken JSON is a violation, not prose.
            try {
                structured = (ObjectNode) JSON.readTree(answer);
                schemaViolations = policy.schema().get().validate(structured);
            } catch (JsonProcessingException e) {
                schemaViolations = List.of("$: not valid JSON (" + e.getOriginalMessage() + ")");
            }
        }
        if (!schemaViolations.isEmpty()) {
            fired.add(policy.domain() + ".schema");
            schemaViolations.forEach(v -> reasons.add(policy.domain() + ".schema: " + v));
            return refuse(fired, reasons, escalate, language);
        }
        String checked = structured == null ? answer : strings(structured);
        boolean forbidden = false;
        for (PolicyRule rule : policy.forbidden()) {
            if (rule.matches(checked)) {
                forbidden = true;
                fired.add(rule.id());
                reasons.add(rule.id() + ": " + rule.reason());
            }
        }
        if (forbidden) {
            return refuse(fired, reasons, escalate, language);
        }
        return structured == null
                ? rewriteText(answer, fired, reasons, escalate, language)
                : rewriteStructured(structured, answer, fired, reasons, escalate, language);
    }

    private PolicyDecision refuse(List<String> fired, List<String> reasons, boolean escalate, Language language) {
        String refusal = policy.refusal().in(language);
        String text = escalate ? emergency(language) + "\n\n" + refusal : refusal;
        LOG.info("policy {} refused: {}", policy.domain(), fired);
        return new PolicyDecision(PolicyAction.REFUSE, fired, text, reasons);
    }

    private PolicyDecision rewriteText(String answer, List<String> fired, List<String> reasons, boolean escalate,
            Language language) {
        String disclaimer = policy.disclaimer().in(language);
        String emergency = escalate ? emergency(language) : null;
        boolean hasDisclaimer = answer.contains(disclaimer);
        boolean leadsWithEmergency = emergency == null || answer.strip().startsWith(emergency);
        if (hasDisclaimer && leadsWithEmergency) {
            return new PolicyDecision(PolicyAction.PASS, fired, answer, reasons);
        }
        StringBuilder text = new StringBuilder();
        if (!leadsWithEmergency) {
            text.append(emergency).append("\n\n");
        }
        text.append(answer.strip());
        if (!hasDisclaimer) {
            text.append("\n\n").append(disclaimer);
        }
        log(fired);
        return new PolicyDecision(PolicyAction.REWRITE, fired, text.toString(), reasons);
    }

    private PolicyDecision rewriteStructured(ObjectNode tree, String answer, List<String> fired, List<String> reasons,
            boolean escalate, Language language) {
        String disclaimer = policy.disclaimer().in(language);
        String emergency = escalate ? emergency(language) : null;
        boolean hasDisclaimer = disclaimer.equals(tree.path(DISCLAIMER_FIELD).asText(null));
        boolean hasEmergency = emergency == null || emergency.equals(tree.path(EMERGENCY_FIELD).asText(null));
        if (hasDisclaimer && hasEmergency) {
            return new PolicyDecision(PolicyAction.PASS, fired, answer, reasons);
        }
        ObjectNode out = JSON.createObjectNode();
        if (emergency != null) {
            out.put(EMERGENCY_FIELD, emergency);
        }
        tree.fields().forEachRemaining(e -> {
            if (!e.getKey().equals(EMERGENCY_FIELD) || emergency == null) {
                out.set(e.getKey(), e.getValue());
            }
        });
        out.put(DISCLAIMER_FIELD, disclaimer);
        log(fired);
        return new PolicyDecision(PolicyAction.REWRITE, fired, out.toString(), reasons);
    }

    private String emergency(Language language) {
        return policy.emergency().orElseThrow().in(language);
    }

    private void log(List<String> fired) {
        if (!fired.isEmpty()) {
            LOG.info("policy {} escalated: {}", policy.domain(), fired);
        }
    }

    /** Every string value in the tree, one per line: the rules read what the user would read, not JSON escapes. */
    private static String strings(JsonNode tree) {
        StringJoiner out = new StringJoiner("\n");
        collect(tree, out);
        return out.toString();
    }

    private static void collect(JsonNode node, StringJoiner out) {
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }
}
