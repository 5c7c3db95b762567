package dev.tessera.safety.pii;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.sdk.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer 1 of the safety filter: runs the recognizers over normalised text, resolves overlaps
 * ({@link Overlaps#PRECEDENCE}), maps spans back to the original and transforms them by the configured
 * {@link PiiAction}. Immutable and thread-safe.
 *
 * <p>Bounded work: input over {@link Builder#maxInputBytes} (UTF-8) is rejected with {@link PiiInputTooLargeException}
 * before any matching. Logs carry counts and types only, never the text or a matched value.
 *
 * <p>With an {@link Builder#auditor}, every {@link #scan} records one INPUT decision per finding (rule = recognizer,
 * score = the finding's), or one {@value #AUDIT_RULE} ALLOW when nothing was found. A finding the
 * {@link Builder#exemption} exempts is recorded as ALLOW and left as written.
 */
public final class PiiScanner {

    public static final int DEFAULT_MAX_INPUT_BYTES = 1 << 20;
    /** Rule id of the audit record for a scan that found nothing. */
    public static final String AUDIT_RULE = "pii-scan";

    private static final Logger LOG = LoggerFactory.getLogger(PiiScanner.class);
    private static final Pattern PSEUDONYM = Pattern.compile("<[A-Z_]+_\\d+>");
    private static final String HMAC = "HmacSHA256";

    private final List<PiiRecognizer> recognizers;
    private final long maxInputBytes;
    private final PiiAction action;
    private final SecretKeySpec hashKey;
    private final Auditor auditor;
    private final PiiExemption exemption;

    private PiiScanner(Builder b) {
        this.recognizers = List.copyOf(b.recognizers);
        this.maxInputBytes = b.maxInputBytes;
        this.action = b.action;
        this.hashKey = b.hashSecret == null ? null : new SecretKeySpec(b.hashSecret, HMAC);
        this.auditor = b.auditor;
        this.exemption = b.exemption;
        if (action == PiiAction.HASH && hashKey == null) {
            throw new IllegalArgumentException("PiiAction.HASH needs hashSecret(...)");
        }
        if (auditor.enabled()) {
            recognizers.forEach(r -> Auditor.requireIdentifier("recognizer name", r.name()));
        }
    }

    /** A builder with every built-in recognizer ({@link #defaultRecognizers()}) and {@link PiiAction#REDACT}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * All built-in recognizers, English and Chinese, with {@link PiiTagger#bundledWithStaticVectors()}: MiniLM's
     * input-embedding table and no encoder pass, about 0.3 ms per KB slower than the plain {@link PiiTagger#bundled()}
     * tagger and better at names. The first scan loads the table (1.4–1.6 s here, 15 MB of heap).
     */
    public static List<PiiRecognizer> defaultRecognizers() {
        return defaultRecognizers(PiiTagger.bundledWithStaticVectors());
    }

    /** All built-in recognizers; PERSON and STREET_ADDRESS share {@code tagger}, so a scan tags each text once. */
    public static List<PiiRecognizer> defaultRecognizers(PiiTagger tagger) {
        return List.of(new EmailRecognizer(), new PhoneRecognizer(), new CreditCardRecognizer(), new IbanRecognizer(),
                new UsSsnRecognizer(), new CnResidentIdRecognizer(), new CnUsccRecognizer(), new CnBankCardRecognizer(),
                new IpAddressRecognizer(), new DateTimeRecognizer(), new PersonRecognizer(tagger),
                new StreetAddressRecognizer(tagger));
    }

    public PiiAction action() {
        return action;
    }

    /**
     * Findings in {@code text}: non-overlapping, sorted by start, offsets into {@code text}; none the
     * {@link Builder#exemption} exempts.
     */
    public List<PiiFinding> find(String text) {
        return found(text).screened();
    }

    /** What the recognisers found, split by the exemption. */
    private record Found(List<PiiFinding> screened, List<PiiFinding> exempt) {
    }

    private Found found(String text) {
        List<PiiFinding> all = recognized(text);
        if (all.isEmpty() || exemption == PiiExemption.NONE) {
            return new Found(all, List.of());
        }
        Set<PiiFinding> exempt = exempted(text, all);
        if (exempt.isEmpty()) {
            return new Found(all, List.of());
        }
        List<PiiFinding> screened = new ArrayList<>(all.size());
        List<PiiFinding> left = new ArrayList<>(exempt.size());
        for (PiiFinding f : all) {
            (exempt.contains(f) ? left : screened).add(f);
        }
        return new Found(screened, left);
    }

    /** An exemption that throws despite its contract exempts nothing: the text stays screened. */
    private Set<PiiFinding> exempted(String text, List<PiiFinding> all) {
        try {
            Set<PiiFinding> exempt = exemption.exempt(text, List.copyOf(all));
            return exempt == null ? Set.of() : exempt;
        } catch (RuntimeException e) {
            LOG.warn("PII exemption failed, nothing exempted: {}", e.getClass().getName());
            return Set.of();
        }
    }

    private List<PiiFinding> recognized(String text) {
        checkSize(text);
        if (text.isEmpty()) {
            return List.of();
        }
        NormalizedText normalized = NormalizedText.of(text);
        List<PiiFinding> all = new ArrayList<>();
        for (PiiRecognizer r : recognizers) {
            all.addAll(r.find(normalized.text()));
        }
        List<PiiFinding> mapped = new ArrayList<>(all.size());
        for (PiiFinding f : all) {
            mapped.add(normalized.toOriginal(f));
        }
        // Resolved in original offsets: two spans apart in the normalised text can share one original char ("½" is
        // "1⁄2" once normalised).
        List<PiiFinding> out = Overlaps.resolve(mapped);
        if (LOG.isDebugEnabled()) {
            LOG.debug("pii scan: {} chars, {} findings {}", text.length(), out.size(), countByType(out));
        }
        return out;
    }

    /**
     * Scans and transforms by the configured action; {@link PiiAction#PSEUDONYMISE} needs {@link #scan(String,
     * PseudonymVault)}.
     */
    public PiiScanResult scan(String text) {
        if (action == PiiAction.PSEUDONYMISE) {
            throw new IllegalStateException("PiiAction.PSEUDONYMISE needs a vault: scan(text, vault)");
        }
        return scan(text, null);
    }

    /** Scans and transforms; pseudonyms are issued by (and only restorable with) {@code vault}. */
    public PiiScanResult scan(String text, PseudonymVault vault) {
        if (action == PiiAction.PSEUDONYMISE) {
            Objects.requireNonNull(vault, "vault");
        }
        long start = System.nanoTime();
        Found found = found(text);
        List<PiiFinding> findings = found.screened();
        PiiScanResult result = new PiiScanResult(findings, transform(text, findings, vault), action);
        if (auditor.enabled()) {
            auditor.record(AuditRecord.Layer.INPUT, text, Auditor.since(start), decisions(found));
        }
        return result;
    }

    private List<Auditor.Decision> decisions(Found found) {
        if (found.screened().isEmpty() && found.exempt().isEmpty()) {
            return List.of(new Auditor.Decision(AUDIT_RULE, "-", 0.0, AuditRecord.Action.ALLOW));
        }
        // Pseudonyms can be turned back into the values (with the vault); the other actions cannot.
        AuditRecord.Action done = action == PiiAction.PSEUDONYMISE ? AuditRecord.Action.REWRITE
                : AuditRecord.Action.REDACT;
        List<Auditor.Decision> out = new ArrayList<>(found.screened().size() + found.exempt().size());
        for (PiiFinding f : found.screened()) {
            out.add(new Auditor.Decision(f.recognizer(), "-", f.score(), done));
        }
        for (PiiFinding f : found.exempt()) {
            out.add(new Auditor.Decision(f.recognizer(), "-", f.score(), AuditRecord.Action.ALLOW));
        }
        return out;
    }

    /**
     * Puts the originals back for every pseudonym {@code vault} issued; other text, including pseudonym-shaped
     * strings the vault does not know, is left as is.
     */
    public static String restore(String text, PseudonymVault vault) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vault, "vault");
        Matcher m = PSEUDONYM.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            Optional<String> original = vault.original(m.group());
            if (original.isPresent()) {
                out.append(text, last, m.start()).append(original.get());
                last = m.end();
            }
        }
        return out.append(text, last, text.length()).toString();
    }

    private String transform(String text, List<PiiFinding> findings, PseudonymVault vault) {
        StringBuilder out = new StringBuilder(text.length());
        Mac mac = action == PiiAction.HASH ? newMac() : null;
        int last = 0;
        for (PiiFinding f : findings) {
            out.append(text, last, f.start());
            String value = text.substring(f.start(), f.end());
            switch (action) {
                case REDACT -> out.append('[').append(f.type().name()).append(']');
                case MASK -> out.append(f.type().isNumber() ? maskKeepingLastFour(value) : "****");
                case HASH -> out.append('[').append(f.type().name()).append(':').append(hash(mac, f.type(), value))
                        .append(']');
                case PSEUDONYMISE -> out.append(vault.pseudonym(f.type(), value));
            }
            last = f.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /** Every letter and digit but the last four becomes '*'; separators stay, so the shape remains recognisable. */
    static String maskKeepingLastFour(String value) {
        char[] c = value.toCharArray();
        int keep = 4;
        for (int i = c.length - 1; i >= 0; i--) {
            if (Character.isLetterOrDigit(c[i])) {
                if (keep > 0) {
                    keep--;
                } else {
                    c[i] = '*';
                }
            }
        }
        return new String(c);
    }

    /** The value is NFKC-normalised first, so full-width and ASCII spellings of one number hash alike. */
    private static String hash(Mac mac, PiiType type, String value) {
        mac.update(type.name().getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(NormalizedText.of(value).text().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(hashKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    private void checkSize(String text) {
        if (text == null) {
            throw new InvalidInputException("text is null");
        }
        // Cheap bound first: a char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars).
        if ((long) text.length() * 3 <= maxInputBytes) {
            return;
        }
        if (text.length() > maxInputBytes) {
            throw new PiiInputTooLargeException(maxInputBytes);
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            if (bytes > maxInputBytes) {
                throw new PiiInputTooLargeException(maxInputBytes);
            }
        }
    }

    private static Map<PiiType, Integer> countByType(List<PiiFinding> findings) {
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        for (PiiFinding f : findings) {
            counts.merge(f.type(), 1, Integer::sum);
        }
        return counts;
    }

    public static final class Builder {
        /** Null until set, so a builder that replaces the set never loads the default tagger model. */
        private List<PiiRecognizer> recognizers;
        private long maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
        private PiiAction action = PiiAction.REDACT;
        private byte[] hashSecret;
        private Auditor auditor = Auditor.none();
        private PiiExemption exemption = PiiExemption.NONE;

        private Builder() {
        }

        /**
         * The built-in recognizers with this tagger for PERSON and STREET_ADDRESS, e.g.
         * {@link PiiTagger#bundledWithEncoder} for better names at the cost of an encoder pass per text.
         */
        public Builder tagger(PiiTagger tagger) {
            recognizers = new ArrayList<>(defaultRecognizers(tagger));
            return this;
        }

        /** Replaces the recognizer set. */
        public Builder recognizers(List<? extends PiiRecognizer> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("at least one recognizer is required");
            }
            recognizers = new ArrayList<>(list);
            return this;
        }

        /** Adds to the current set (the built-in recognizers unless {@link #recognizers} replaced them). */
        public Builder addRecognizer(PiiRecognizer recognizer) {
            if (recognizers == null) {
                recognizers = new ArrayList<>(defaultRecognizers());
            }
            recognizers.add(Objects.requireNonNull(recognizer, "recognizer"));
            return this;
        }

        /** Texts longer than this many UTF-8 bytes are rejected unscanned (default 1 MiB). */
        public Builder maxInputBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxInputBytes must be >= 1");
            }
            this.maxInputBytes = bytes;
            return this;
        }

        public Builder action(PiiAction action) {
            this.action = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * Key for {@link PiiAction#HASH}; keep it secret, or hashes of guessable values (phone numbers) can be
         * reversed.
         */
        public Builder hashSecret(byte[] secret) {
            if (secret.length < 16) {
                throw new IllegalArgumentException("hashSecret must be at least 16 bytes");
            }
            this.hashSecret = secret.clone();
            return this;
        }

        /** Records each scan's decisions (default {@link Auditor#none()}); recognizer names must be identifiers. */
        public Builder auditor(Auditor value) {
            this.auditor = Objects.requireNonNull(value, "auditor");
            return this;
        }

        /**
         * Findings this exemption exempts are left as written (default {@link PiiExemption#NONE}); it is asked once
         * per text with findings, so its cost (a graph lookup) is paid only where something was found.
         */
        public Builder exemption(PiiExemption value) {
            this.exemption = Objects.requireNonNull(value, "exemption");
            return this;
        }

        public PiiScanner build() {
            if (recognizers == null) {
                recognizers = defaultRecognizers();
            }
            return new PiiScanner(this);
        }
    }
}
