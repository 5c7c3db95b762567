package dev.tessera.safety.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the screens, the policy engine and the verifier hold to audit their decisions: a sink, the key that
 * fingerprints the checked text, and where the current request id comes from. {@link #none()} (the default
 * everywhere) records nothing. Immutable and thread-safe when the sink and the request-id supplier are.
 *
 * <pre>{@code
 * Auditor auditor = Auditor.builder(sink, fingerprinter).requestId(() -> MDC.get("request_id")).build();
 * PiiScanner scanner = PiiScanner.builder().auditor(auditor).build();
 * }</pre>
 */
public final class Auditor {

    /** Recorded when the supplier gives no request id, or one that is not an identifier. */
    public static final String NO_REQUEST_ID = "-";

    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);
    private static final Auditor NONE = new Auditor(null, null, () -> NO_REQUEST_ID, Clock.systemUTC());

    private final AuditSink sink;
    private final TextFingerprinter fingerprinter;
    private final Supplier<String> requestId;
    private final Clock clock;

    private Auditor(AuditSink sink, TextFingerprinter fingerprinter, Supplier<String> requestId, Clock clock) {
        this.sink = sink;
        this.fingerprinter = fingerprinter;
        this.requestId = requestId;
        this.clock = clock;
    }

    /** Records nothing. */
    public static Auditor none() {
        return NONE;
    }

    public static Builder builder(AuditSink sink, TextFingerprinter fingerprinter) {
        return new Builder(sink, fingerprinter);
    }

    /** False for {@link #none()}: callers skip building decisions nobody records. */
    public boolean enabled() {
        return sink != null;
    }

    /** Time since {@code startNanos}, a {@link System#nanoTime()} reading taken when the check began. */
    public static Duration since(long startNanos) {
        return Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos));
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code id} may go into a record; components call it when they
     * are built, so a misnamed rule fails at start-up rather than in a request.
     */
    public static String requireIdentifier(String what, String id) {
        if (!AuditRecord.isIdentifier(id)) {
            throw new IllegalArgumentException(what + " '" + id + "' cannot be audited: it must match "
                    + "[A-Za-z0-9._:/@+-]{1,128}");
        }
        return id;
    }

    /** Records one decision on {@code text}. */
    public void record(AuditRecord.Layer layer, String text, Duration latency, Decision decision) {
        record(layer, text, latency, List.of(decision));
    }

    /**
     * Records the decisions one check made on {@code text}, all with the same timestamp, latency, request id and
     * fingerprint (computed once).
     */
    public void record(AuditRecord.Layer layer, String text, Duration latency, List<Decision> decisions) {
        if (!enabled() || decisions.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String fingerprint = fingerprinter.fingerprint(text);
        String request = currentRequestId();
        for (Decision d : decisions) {
            AuditRecord r;
            try {
                r = new AuditRecord(now, layer, d.ruleId(), d.modelVersion(), d.score(), d.action(), latency,
                        request, fingerprint);
            } catch (IllegalArgumentException e) {
                // Auditing must not fail the request it audits. The message names the field, never its value.
                LOG.warn("audit record dropped ({} {}): {}", layer, d.action(), e.getMessage());
                continue;
            }
            sink.write(r);
        }
    }

    /** Ids often come from a client's header: one that could carry free text is not recorded. */
    private String currentRequestId() {
        String id = requestId.get();
        return AuditRecord.isIdentifier(id) ? id : NO_REQUEST_ID;
    }

    /**
     * One decision, before it is stamped with time, request and fingerprint.
     *
     * @param ruleId       rule, recognizer or model id
     * @param modelVersion version of the rule set or model; {@code "-"} when not versioned
     * @param score        the score the decision rests on
     * @param action       what was done
     */
    public record Decision(String ruleId, String modelVersion, double score, AuditRecord.Action action) {

        public Decision {
            Objects.requireNonNull(action, "action");
        }
    }

    public static final class Builder {
        private final AuditSink sink;
        private final TextFingerprinter fingerprinter;
        private Supplier<String> requestId = () -> NO_REQUEST_ID;
        private Clock clock = Clock.systemUTC();

        private Builder(AuditSink sink, TextFingerprinter fingerprinter) {
            this.sink = Objects.requireNonNull(sink, "sink");
            this.fingerprinter = Objects.requireNonNull(fingerprinter, "fingerprinter");
        }

        /**
         * Where the id of the request being screened comes from, asked once per check on the calling thread (e.g.
         * the logging MDC or a request-scoped bean). Null or malformed ids are recorded as
         * {@value Auditor#NO_REQUEST_ID}.
         */
        public Builder requestId(Supplier<String> supplier) {
            this.requestId = Objects.requireNonNull(supplier, "supplier");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Auditor build() {
            return new Auditor(sink, fingerprinter, requestId, clock);
        }
    }
}
