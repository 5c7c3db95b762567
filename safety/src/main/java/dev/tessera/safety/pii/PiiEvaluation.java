package dev.tessera.safety.pii;

import dev.tessera.sdk.Percentiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Precision, recall and F1 of PII findings against gold spans, per type and micro-averaged over the claimed types,
 * two ways: exact (same type, same start and end) and overlap (same type, spans share at least one char; precision
 * counts predictions that touch a gold span, recall counts gold spans touched by a prediction). Dataset type names
 * are mapped to {@link PiiType}s; gold spans of unmapped or unclaimed types, and predictions of unclaimed types, are
 * left out of the scores.
 */
public final class PiiEvaluation {

    /** The Presidio synthetic set's names for the types Tessera recognises. */
    public static final Map<String, PiiType> PRESIDIO_TYPES = Map.of(
            "PERSON", PiiType.PERSON, "STREET_ADDRESS", PiiType.STREET_ADDRESS, "CREDIT_CARD", PiiType.CREDIT_CARD,
            "DATE_TIME", PiiType.DATE_TIME, "PHONE_NUMBER", PiiType.PHONE_NUMBER, "EMAIL_ADDRESS", PiiType.EMAIL_ADDRESS,
            "US_SSN", PiiType.US_SSN, "IP_ADDRESS", PiiType.IP_ADDRESS, "IBAN_CODE", PiiType.IBAN);

    /**
     * The Presidio set's types that make up a written address: the generator labels an address it fills in whole as
     * one STREET_ADDRESS span, but one it composes from parts as a span per part (building number, street, unit,
     * postcode as STREET_ADDRESS; city and country as GPE; some postcodes as ZIP_CODE).
     */
    public static final Set<String> PRESIDIO_ADDRESS_PARTS = Set.of("STREET_ADDRESS", "GPE", "ZIP_CODE");

    /** Tessera types the dataset does not distinguish, scored as the dataset's coarser type. */
    public static final Map<PiiType, PiiType> COARSER = Map.of(
            PiiType.DATE_OF_BIRTH, PiiType.DATE_TIME, PiiType.CN_BANK_CARD, PiiType.CREDIT_CARD);

    private final Map<String, PiiType> datasetTypes;
    private final Set<PiiType> claimed;

    /**
     * @param datasetTypes dataset type name to Tessera type
     * @param claimed      the types scored (and micro-averaged)
     */
    public PiiEvaluation(Map<String, PiiType> datasetTypes, Set<PiiType> claimed) {
        this.datasetTypes = Map.copyOf(datasetTypes);
        this.claimed = Set.copyOf(claimed);
        if (claimed.isEmpty()) {
            throw new IllegalArgumentException("claim at least one type");
        }
    }

    /** Presidio's type names, claiming every type they map to. */
    public static PiiEvaluation presidio() {
        return new PiiEvaluation(PRESIDIO_TYPES, EnumSet.copyOf(PRESIDIO_TYPES.values()));
    }

    public Set<PiiType> claimed() {
        return claimed;
    }

    /** Counts for one type (or the micro average). For exact matching the two "correct" counts are equal. */
    public record Scores(int predicted, int predictedCorrect, int gold, int goldFound) {

        /** Nothing predicted, nothing to find. */
        public static final Scores NONE = new Scores(0, 0, 0, 0);

        public double precision() {
            return predicted == 0 ? (gold == 0 ? 1 : 0) : (double) predictedCorrect / predicted;
        }

        public double recall() {
            return gold == 0 ? (predicted == 0 ? 1 : 0) : (double) goldFound / gold;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Scores plus(Scores o) {
            return new Scores(predicted + o.predicted, predictedCorrect + o.predictedCorrect, gold + o.gold,
                    goldFound + o.goldFound);
        }
    }

    /**
     * Per-type and micro-averaged scores over one dataset. {@code microExactPerText} holds each text's exact counts
     * over the claimed types, in data order, for resampling ({@link TemplateBootstrap}).
     */
    public record Report(int texts, Map<PiiType, Scores> exact, Map<PiiType, Scores> overlap, Scores microExact,
                         Scores microOverlap, List<Scores> microExactPerText) {

        public Report {
            exact = Map.copyOf(exact);
            overlap = Map.copyOf(overlap);
            microExactPerText = List.copyOf(microExactPerText);
            if (microExactPerText.size() != texts) {
                throw new IllegalArgumentException("need one count per text for " + texts + " texts");
            }
        }

        /** A fixed-width table: one row per claimed type, then the micro average. */
        public String table() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%-16s %5s %5s | %6s %6s %6s | %6s %6s %6s%n", "type", "gold", "pred",
                    "P", "R", "F1", "P~", "R~", "F1~"));
            List<PiiType> types = new ArrayList<>(exact.keySet());
            types.sort(null);
            for (PiiType t : types) {
                row(b, t.name(), exact.get(t), overlap.get(t));
            }
            row(b, "micro", microExact, microOverlap);
            b.append("(P R F1: exact span; P~ R~ F1~: overlapping span)").append(System.lineSeparator());
            return b.toString();
        }

        private static void row(StringBuilder b, String name, Scores e, Scores o) {
            b.append(String.format(Locale.ROOT, "%-16s %5d %5d | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f%n", name, e.gold(),
                    e.predicted(), e.precision(), e.recall(), e.f1(), o.precision(), o.recall(), o.f1()));
        }

        /** Machine-readable figures: micro and per-type precision, recall and F1, exact and overlap. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("texts", texts);
            m.put("pii_f1", round(microExact.f1()));
            m.put("pii_precision", round(microExact.precision()));
            m.put("pii_recall", round(microExact.recall()));
            m.put("pii_f1_overlap", round(microOverlap.f1()));
            m.put("pii_precision_overlap", round(microOverlap.precision()));
            m.put("pii_recall_overlap", round(microOverlap.recall()));
            Map<String, Object> perType = new LinkedHashMap<>();
            List<PiiType> types = new ArrayList<>(exact.keySet());
            types.sort(null);
            for (PiiType t : types) {
                Scores e = exact.get(t);
                Scores o = overlap.get(t);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("gold", e.gold());
                r.put("predicted", e.predicted());
                r.put("precision", round(e.precision()));
                r.put("recall", round(e.recall()));
                r.put("f1", round(e.f1()));
                r.put("f1_overlap", round(o.f1()));
                perType.put(t.name(), r);
            }
            m.put("per_type", perType);
            return m;
        }
    }

    public Report evaluate(PiiScanner scanner, List<LabeledText> data) {
        return evaluate(scanner::find, data);
    }

    public Report evaluate(Function<String, List<PiiFinding>> finder, List<LabeledText> data) {
        Map<PiiType, Scores> exact = new EnumMap<>(PiiType.class);
        Map<PiiType, Scores> overlap = new EnumMap<>(PiiType.class);
        for (PiiType t : claimed) {
            exact.put(t, Scores.NONE);
            overlap.put(t, Scores.NONE);
        }
        List<Scores> exactPerText = new ArrayList<>(data.size());
        for (LabeledText item : data) {
            List<PiiFinding> gold = new ArrayList<>();
            for (LabeledText.Span s : item.spans()) {
                PiiType t = datasetTypes.get(s.type());
                if (t != null && claimed.contains(t)) {
                    gold.add(new PiiFinding(t, s.start(), s.end(), 1, "gold"));
                }
            }
            List<PiiFinding> predicted = new ArrayList<>();
            for (PiiFinding f : finder.apply(item.text())) {
                PiiType t = COARSER.getOrDefault(f.type(), f.type());
                if (claimed.contains(t)) {
                    predicted.add(new PiiFinding(t, f.start(), f.end(), f.score(), f.recognizer()));
                }
            }
            Scores textExact = Scores.NONE;
            for (PiiType t : claimed) {
                List<PiiFinding> g = gold.stream().filter(f -> f.type() == t).toList();
                List<PiiFinding> p = predicted.stream().filter(f -> f.type() == t).toList();
                Scores e = score(p, g, true);
                exact.merge(t, e, Scores::plus);
                overlap.merge(t, score(p, g, false), Scores::plus);
                textExact = textExact.plus(e);
            }
            exactPerText.add(textExact);
        }
        Scores microExact = exact.values().stream().reduce(Scores.NONE, Scores::plus);
        Scores microOverlap = overlap.values().stream().reduce(Scores.NONE, Scores::plus);
        return new Report(data.size(), exact, overlap, microExact, microOverlap, exactPerText);
    }

    /**
     * How far the gold labels let any consistent recogniser go on exact spans. {@code oracle} scores a perfect
     * recogniser that labels each address one way wherever it appears (one span from its first part to its last) and
     * finds every other claimed span exactly; its exact micro F1 is the best a recogniser can reach without knowing
     * which generator template wrote the text.
     *
     * @param goldAddressSpans      gold spans of the address type
     * @param addresses             addresses: runs of address-part spans with only spaces and punctuation between
     * @param splitAddresses        addresses labelled as more than one part
     * @param spansInSplitAddresses address-type gold spans inside those
     */
    public record AddressConvention(int goldAddressSpans, int addresses, int splitAddresses, int spansInSplitAddresses,
                                    Report oracle) {
    }

    /**
     * The {@link AddressConvention} of {@code data}; {@code addressPartTypes} are the dataset types an address is
     * composed of (for Presidio, {@link #PRESIDIO_ADDRESS_PARTS}).
     */
    public AddressConvention addressConvention(List<LabeledText> data, Set<String> addressPartTypes) {
        Map<String, List<PiiFinding>> oracle = new IdentityHashMap<>();
        int goldAddress = 0;
        int addresses = 0;
        int split = 0;
        int spansInSplit = 0;
        for (LabeledText item : data) {
            List<PiiFinding> found = new ArrayList<>();
            List<LabeledText.Span> parts = new ArrayList<>();
            for (LabeledText.Span s : item.spans()) {
                PiiType t = datasetTypes.get(s.type());
                if (addressPartTypes.contains(s.type())) {
                    parts.add(s);
                } else if (t != null) {
                    found.add(new PiiFinding(t, s.start(), s.end(), 1, "oracle"));
                }
                goldAddress += t == PiiType.STREET_ADDRESS ? 1 : 0;
            }
            parts.sort(Comparator.comparingInt(LabeledText.Span::start));
            int i = 0;
            while (i < parts.size()) {
                int start = parts.get(i).start();
                int end = parts.get(i).end();
                int addressParts = 0;
                int j = i;
                while (j < parts.size() && (j == i || onlyPunctuation(item.text(), end, parts.get(j).start()))) {
                    end = Math.max(end, parts.get(j).end());
                    addressParts += datasetTypes.get(parts.get(j).type()) == PiiType.STREET_ADDRESS ? 1 : 0;
                    j++;
                }
                if (addressParts > 0) {
                    addresses++;
                    if (j - i > 1) {
                        split++;
                        spansInSplit += addressParts;
                    }
                    found.add(new PiiFinding(PiiType.STREET_ADDRESS, start, end, 1, "oracle"));
                }
                i = j;
            }
            oracle.put(item.text(), found);
        }
        Report report = evaluate(text -> oracle.getOrDefault(text, List.of()), data);
        return new AddressConvention(goldAddress, addresses, split, spansInSplit, report);
    }

    /** No letter or digit in text[from, to) (or the spans overlap). */
    private static boolean onlyPunctuation(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Exact: a gold span is found by at most one identical prediction (duplicates count once). */
    private static Scores score(List<PiiFinding> predicted, List<PiiFinding> gold, boolean exact) {
        boolean[] goldHit = new boolean[gold.size()];
        int predictedCorrect = 0;
        for (PiiFinding p : predicted) {
            boolean hit = false;
            for (int i = 0; i < gold.size(); i++) {
                PiiFinding g = gold.get(i);
                boolean match = exact ? g.start() == p.start() && g.end() == p.end() && !goldHit[i] : g.overlaps(p);
                if (match) {
                    hit = true;
                    goldHit[i] = true;
                    if (exact) {
                        break;
                    }
                }
            }
            predictedCorrect += hit ? 1 : 0;
        }
        int goldFound = 0;
        for (boolean h : goldHit) {
            goldFound += h ? 1 : 0;
        }
        return new Scores(predicted.size(), predictedCorrect, gold.size(), goldFound);
    }

    /** How long {@link #timePerKb} warms a layer up before timing it. */
    public static final java.time.Duration WARM_UP = java.time.Duration.ofSeconds(3);

    /** Latency of {@link PiiScanner#scan(String)} per kilobyte of input, in milliseconds. */
    public record Latency(int chunks, int rounds, double p50MsPerKb, double p99MsPerKb, double meanMsPerKb) {
    }

    /**
     * Joins {@code texts} (newline-separated) into chunks of at least {@code chunkBytes} UTF-8 bytes, then times
     * {@code rounds} scans of each ({@link #timePerKb}) and reports percentiles of time per KB. Per-KB timing over
     * realistic chunks avoids charging a short text's fixed cost as if it scaled with length.
     */
    public static Latency latency(PiiScanner scanner, List<String> texts, int chunkBytes, int rounds) {
        Objects.requireNonNull(scanner, "scanner");
        if (texts.isEmpty() || rounds < 1 || chunkBytes < 1) {
            throw new IllegalArgumentException("need texts, rounds >= 1 and chunkBytes >= 1");
        }
        return timePerKb(chunks(texts, chunkBytes), rounds, scanner::scan);
    }

    /**
     * Joins texts (newline-separated) into chunks of at least {@code chunkBytes} UTF-8 bytes; a remainder counts only
     * when it is the only chunk. The latency figures of the PII and the whole-layer evaluations use the same chunks.
     */
    public static List<String> chunks(List<String> texts, int chunkBytes) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String t : texts) {
            current.append(t).append('\n');
            if (current.toString().getBytes(StandardCharsets.UTF_8).length >= chunkBytes) {
                chunks.add(current.toString());
                current.setLength(0);
            }
        }
        if (chunks.isEmpty() && current.length() > 0) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /**
     * Times {@code layer} on every chunk, {@code rounds} times, in milliseconds per KiB of UTF-8: the one latency
     * measurement the PII and the whole-layer evaluations share. Warm-up passes run first, for at least
     * {@link #WARM_UP} (one pass at least), so the figures are those of a running service, not of the JIT compiler's
     * first minutes.
     */
    public static Latency timePerKb(List<String> chunks, int rounds, java.util.function.Consumer<String> layer) {
        long warmUntil = System.nanoTime() + WARM_UP.toNanos();
        do {
            chunks.forEach(layer);
        } while (System.nanoTime() < warmUntil);
        double[] msPerKb = new double[chunks.size() * rounds];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (String c : chunks) {
                long t0 = System.nanoTime();
                layer.accept(c);
                long ns = System.nanoTime() - t0;
                msPerKb[k++] = ns / 1e6 / (c.getBytes(StandardCharsets.UTF_8).length / 1024.0);
            }
        }
        Arrays.sort(msPerKb);
        double mean = Arrays.stream(msPerKb).average().orElse(0);
        return new Latency(chunks.size(), rounds, Percentiles.nearestRank(msPerKb, 0.50),
                Percentiles.nearestRank(msPerKb, 0.99), mean);
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
