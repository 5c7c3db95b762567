package dev.tessera.safety.policy;

/** What layer 2 did to an answer. */
public enum PolicyAction {
    /** The answer already satisfies the policy (disclaimer present, nothing escalated) and is returned unchanged. */
    PASS,
    /** The answer is allowed but changed: the disclaimer appended and, on a red flag, the emergency message first. */
    REWRITE,
    /** The answer broke a forbidden-advice rule or the output schema; the refusal template replaces it. */
    REFUSE
}
