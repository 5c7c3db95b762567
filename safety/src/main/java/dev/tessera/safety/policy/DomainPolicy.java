package dev.tessera.safety.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One domain's generation constraints, as loaded from a YAML policy file (format: {@code POLICIES.md} beside the
 * bundled files). Immutable; validated on load, so an engine never meets a half-valid policy.
 *
 * @param domain     the domain name, also the prefix of every rule id
 * @param version    the policy file's version, for audits
 * @param disclaimer appended to every answer that is not refused
 * @param refusal    replaces a refused answer
 * @param screeningRefusals answers a question that input screening blocked, by the code of the reason it was
 *                   blocked ({@link #SCREENING_REFUSAL_REASONS}); a reason without one gets {@code refusal}
 * @param noEvidence answers a question the domain's knowledge graph holds nothing on, and says what it does hold, so
 *                   the user can ask again; empty for a generic sentence the caller writes
 * @param emergency  leads any answer (or refusal) once an escalation rule fires; present when escalation rules are
 * @param forbidden  forbidden-advice rules; any hit refuses the answer
 * @param escalation red-flag rules, checked on the question and the answer
 * @param schema     when present, answers that are JSON objects must conform to it
 */
public record DomainPolicy(String domain, int version, LocalizedText disclaimer, LocalizedText refusal,
        Map<String, LocalizedText> screeningRefusals, Optional<LocalizedText> noEvidence,
        Optional<LocalizedText> emergency, List<PolicyRule> forbidden, List<PolicyRule> escalation,
        Optional<JsonSchema> schema) {

    /**
     * The reasons input screening blocks for, as the codes of {@code InputScreen.BlockReason} (this package does not
     * depend on the screens), in the order {@link #refusalFor} picks among several: an injection before toxicity
     * before scope, since that is the one a rephrased question must lose first.
     */
    public static final List<String> SCREENING_REFUSAL_REASONS = List.of("prompt_injection", "toxicity",
            "out_of_scope");

    /** The domains Tessera ships a policy for. */
    public static final List<String> BUNDLED = List.of("legal", "medical", "finance");

    static final String BUNDLED_DIR = "dev/tessera/safety/policies/";

    public DomainPolicy {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(disclaimer, "disclaimer");
        Objects.requireNonNull(refusal, "refusal");
        screeningRefusals = Map.copyOf(screeningRefusals);
        Objects.requireNonNull(noEvidence, "noEvidence");
        Objects.requireNonNull(emergency, "emergency");
        Objects.requireNonNull(schema, "schema");
        forbidden = List.copyOf(forbidden);
        escalation = List.copyOf(escalation);
        if (!escalation.isEmpty() && emergency.isEmpty()) {
            throw new IllegalArgumentException("escalation rules need an 'emergency' message (en and zh)");
        }
    }

    /** What to answer a question that input screening blocked for {@code reasonCodes} (e.g. {@code out_of_scope}). */
    public LocalizedText refusalFor(Collection<String> reasonCodes) {
        for (String reason : SCREENING_REFUSAL_REASONS) {
            if (reasonCodes.contains(reason) && screeningRefusals.containsKey(reason)) {
                return screeningRefusals.get(reason);
            }
        }
        return refusal;
    }

    /** The policy Tessera ships for {@code domain}, one of {@link #BUNDLED}. */
    public static DomainPolicy bundled(String domain) {
        if (!BUNDLED.contains(domain)) {
            throw new PolicyLoadException(domain, "no bundled policy; bundled domains are " + BUNDLED);
        }
        return fromClasspath(BUNDLED_DIR + domain + ".yaml");
    }

    /** Loads a policy file from the class path ({@code resource} without a leading slash). */
    public static DomainPolicy fromClasspath(String resource) {
        ClassLoader loader = DomainPolicy.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PolicyLoadException(resource, "not found on the class path");
            }
            return PolicyParser.parse(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new PolicyLoadException(resource, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Loads a policy file from disk, for operators who maintain their own policies. */
    public static DomainPolicy load(Path file) {
        try {
            return PolicyParser.parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new PolicyLoadException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }
}
