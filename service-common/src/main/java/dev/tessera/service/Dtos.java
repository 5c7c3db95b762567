package dev.tessera.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the service API (docs/api.md). Offsets are Java char offsets into the request text. */
public final class Dtos {

    private Dtos() {
    }

    /** @param question the user's question, EN or ZH; @param language {@code en} or {@code zh}, detected when absent */
    public record AskRequest(String question, String language) {
    }

    /** @param text any text to screen */
    public record ScreenRequest(String text) {
    }

    public enum Outcome {
        /** The answer states graph facts, checked by layer 3, with the policy's disclaimer. */
        ANSWERED,
        /** Nothing in the domain's graph matched the question; the answer says so. */
        NO_EVIDENCE,
        /** Layer 1 blocked the question, or layer 2 refused the answer; the answer is the policy's refusal. */
        REFUSED
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AskResponse(String requestId, String domain, String language, Outcome outcome, String answer,
                              List<String> blockedBy, Screening screening, Policy policy, Double groundingScore,
                              List<Check> checks, List<EvidenceItem> evidence) {
    }

    /** Layer 1 on the question. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Screening(List<PiiSpan> pii, Injection injection, Toxicity toxicity, String scope) {
    }

    /** Layer 2: what the domain policy did and which of its rules fired. */
    public record Policy(String action, List<String> rules) {
    }

    /** Layer 3: one sentence or claim checked against the evidence. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String kind, String text, String verdict, double score, String citation) {
    }

    public record EvidenceItem(String citation, double score, List<String> nodeIds) {
    }

    /** A PII finding: offsets count Unicode code points of the text, end exclusive (an emoji is one). */
    public record PiiSpan(String type, int start, int end) {
    }

    public record Injection(double score, double threshold, boolean injection) {
    }

    public record Toxicity(String label, Map<String, Double> scores) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScreenResponse(String requestId, boolean blocked, List<String> blockedBy, List<PiiSpan> pii,
                                 String redacted, Injection injection, Toxicity toxicity, String scope) {
    }

    /** Every 4xx and 5xx body. The reason never quotes the request (it may hold PII). */
    public record ErrorResponse(int status, String error, String reason, String requestId) {
    }
}
