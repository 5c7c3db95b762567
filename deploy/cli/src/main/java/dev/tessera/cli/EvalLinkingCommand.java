package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.pii.Scripts;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.graph.EvidenceQuery;
import dev.tessera.sdk.graph.GraphDomain;
import dev.tessera.sdk.graph.GraphRetriever;
import dev.tessera.sdk.graph.KnowledgeGraph;
import dev.tessera.sdk.graph.LinkedEntity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entity linking against the loaded graphs, on the project-written questions beside each graph
 * ({@code deploy/graphs/<domain>/linking-questions.jsonl}). A question is either about one entity ({@code "entity":
 * id}), or about something of the domain the graph does not hold ({@code "entity": null}), which should link nothing
 * once the similarity floor applies ({@link EvidenceQuery#withMinSimilarity}). Each question sits in the {@code dev}
 * split, where floors are chosen ({@code --sweep}), or in {@code test}, which only reports them.
 *
 * <p>Scores the retriever as the services run it and with the named ranking off, so the two can be compared, and
 * then with the floors.
 */
@Command(name = "linking", mixinStandardHelpOptions = true,
        description = "Entity linking on deploy/graphs/<domain>/linking-questions.jsonl against the loaded graphs "
                + "(tessera graph load first): accuracy@1, recall@3 and MRR, with and without the named ranking; "
                + "then, with the similarity floors, the same and the share of questions about what the graph does "
                + "not hold that link nothing; ends with RESULT {json}.")
final class EvalLinkingCommand implements Callable<Integer> {

    static final String QUESTIONS_FILE = "linking-questions.jsonl";
    /**
     * Questions that describe an entity without naming it, and questions about what the graph does not hold, split
     * into dev and test: they tell the similarity floors' gain from their cost.
     */
    static final String RELEVANCE_FILE = "relevance-questions.jsonl";
    private static final int K = 3;
    /** Enough to hold every candidate the fusion sees (the two searches' ten each, and the named ones). */
    private static final int ALL_CANDIDATES = 40;
    private static final String DEV = "dev";
    private static final String TEST = "test";

    @Mixin
    GraphConnectionOptions connection;

    @Option(names = "--graphs-dir", description = "Directory with one folder per domain (default: <project root>/deploy/graphs).")
    Path graphsDir;

    @Option(names = "--domain", split = ",", defaultValue = "legal,medical,finance",
            description = "Domains to evaluate (default: ${DEFAULT-VALUE}).")
    List<String> domains;

    @Option(names = "--name-weight", description = "Weight of the named ranking, 0..1 (default: the retriever's, "
            + "GraphRetriever.DEFAULT_NAME_WEIGHT).")
    Double nameWeight;

    @Option(names = "--min-similarity", split = ",", paramLabel = "EN,ZH",
            description = "Similarity floors for English and Chinese questions (default: the services' defaults, "
                    + "EvidenceQuery.RECOMMENDED_MIN_SIMILARITY_ENGLISH and _CHINESE).")
    List<Double> minSimilarity;

    @Option(names = "--sweep", description = "Also print, on the dev split, what each floor from -0.1 to 0.9 would do.")
    boolean sweep;

    @Option(names = "--show-misses", description = "Print each question whose entity is not linked first, with what "
            + "was, and each question about what the graph does not hold that links something over the floor.")
    boolean showMisses;

    /**
     * @param entity the entity the question is about; null for a question about what the graph does not hold
     * @param split  {@code dev} or {@code test}
     */
    record Question(String text, String entity, String split) {
        boolean covered() {
            return entity != null;
        }

        /** Searched with the Chinese encoder, as the retriever decides. */
        boolean chinese() {
            return Scripts.containsHan(text);
        }
    }

    /** One question's candidates, unfloored, best first, as the fusion ranks them. */
    record Linked(Question question, List<LinkedEntity> candidates) {
        /** The first {@value #K} the floor lets through: what the retriever returns with that floor. */
        List<String> floored(double floor) {
            Predicate<LinkedEntity> passes = e -> e.named() || e.similarity() >= floor;
            return candidates.stream().filter(passes).limit(K).map(LinkedEntity::id).toList();
        }

        List<String> top() {
            return candidates.stream().limit(K).map(LinkedEntity::id).toList();
        }
    }

    /** Accuracy@1, recall@K and mean reciprocal rank over K, of questions about an entity. */
    record Scores(int questions, int first, int withinK, double reciprocalRankSum) {
        static Scores of(List<Linked> linked, Function<Linked, List<String>> ids) {
            int n = 0;
            int first = 0;
            int withinK = 0;
            double rr = 0;
            for (Linked l : linked) {
                if (!l.question().covered()) {
                    continue;
                }
                n++;
                int rank = ids.apply(l).indexOf(l.question().entity());
                if (rank == 0) {
                    first++;
                }
                if (rank >= 0) {
                    withinK++;
                    rr += 1.0 / (rank + 1);
                }
            }
            return new Scores(n, first, withinK, rr);
        }

        double accuracy() {
            return questions == 0 ? Double.NaN : first / (double) questions;
        }

        double recall() {
            return questions == 0 ? Double.NaN : withinK / (double) questions;
        }

        double mrr() {
            return questions == 0 ? Double.NaN : reciprocalRankSum / questions;
        }
    }

    /** Of the questions about what the graph does not hold, how many link nothing with the floors. */
    record Abstentions(int questions, int linkedNothing) {
        static Abstentions of(List<Linked> linked, Floors floors) {
            int n = 0;
            int nothing = 0;
            for (Linked l : linked) {
                if (!l.question().covered()) {
                    n++;
                    if (l.floored(floors.of(l.question())).isEmpty()) {
                        nothing++;
                    }
                }
            }
            return new Abstentions(n, nothing);
        }

        double rate() {
            return questions == 0 ? Double.NaN : linkedNothing / (double) questions;
        }
    }

    record Floors(double english, double chinese) {
        double of(Question q) {
            return q.chinese() ? chinese : english;
        }
    }

    @Override
    public Integer call() throws Exception {
        Path root = graphsDir != null ? graphsDir : GraphLoadCommand.defaultGraphsDir();
        Floors floors = floors();
        double weight = nameWeight != null ? nameWeight : GraphRetriever.DEFAULT_NAME_WEIGHT;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("k", K);
        result.put("name_weight", weight);
        result.put("min_similarity_en", floors.english());
        result.put("min_similarity_zh", floors.chinese());
        List<Linked> all = new ArrayList<>();
        List<Linked> allPlain = new ArrayList<>();
        List<Linked> allFloorable = new ArrayList<>();
        try (OnnxEncoder english = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized());
             OnnxEncoder chinese = OnnxEncoder.load(EncoderSpec.bgeSmallZhV15());
             KnowledgeGraph graph = KnowledgeGraph.connect(connection.settings())) {
            System.out.printf(Locale.ROOT, "%-8s %9s | %-22s | %-22s | %-27s%n", "domain", "questions",
                    "named ranking: acc@1 r@3 MRR", "without: acc@1 r@3 MRR", "floored: acc@1 r@3 nothing");
            for (String name : domains) {
                GraphDomain domain = GraphDomain.of(name);
                List<Question> questions = read(root.resolve(name).resolve(QUESTIONS_FILE));
                Path relevanceFile = root.resolve(name).resolve(RELEVANCE_FILE);
                List<Question> relevance = Files.isRegularFile(relevanceFile) ? read(relevanceFile) : List.of();
                GraphRetriever.Builder builder = GraphRetriever.builder(graph, domain, english, chinese);
                GraphRetriever asServed = builder.nameWeight(weight).build();
                List<Linked> named = link(asServed, questions);
                List<Linked> plain = link(builder.nameWeight(0).build(), questions);
                List<Linked> floorable = new ArrayList<>(named);
                floorable.addAll(link(asServed, relevance));
                all.addAll(named);
                allPlain.addAll(plain);
                allFloorable.addAll(floorable);
                Scores n = Scores.of(named, Linked::top);
                Scores p = Scores.of(plain, Linked::top);
                Scores f = Scores.of(floorable, l -> l.floored(floors.of(l.question())));
                Abstentions a = Abstentions.of(floorable, floors);
                System.out.printf(Locale.ROOT, "%-8s %4d/%-4d | %6.3f %6.3f %6.3f   | %6.3f %6.3f %6.3f   | "
                                + "%6.3f %6.3f %6.3f%n", name, n.questions(), a.questions(), n.accuracy(),
                        n.recall(), n.mrr(), p.accuracy(), p.recall(), p.mrr(), f.accuracy(), f.recall(), a.rate());
                result.put(name + "_accuracy_at_1", ResultLine.round(n.accuracy()));
                result.put(name + "_mrr", ResultLine.round(n.mrr()));
                result.put(name + "_accuracy_at_1_without_named", ResultLine.round(p.accuracy()));
                result.put(name + "_offtopic_linked_nothing", ResultLine.round(a.rate()));
                if (showMisses) {
                    showMisses(floorable, floors);
                }
            }
        }
        Scores n = Scores.of(all, Linked::top);
        Scores p = Scores.of(allPlain, Linked::top);
        result.put("questions", n.questions());
        result.put("accuracy_at_1", ResultLine.round(n.accuracy()));
        result.put("recall_at_3", ResultLine.round(n.recall()));
        result.put("mrr", ResultLine.round(n.mrr()));
        result.put("accuracy_at_1_without_named", ResultLine.round(p.accuracy()));
        result.put("recall_at_3_without_named", ResultLine.round(p.recall()));
        result.put("mrr_without_named", ResultLine.round(p.mrr()));
        System.out.println();
        System.out.printf(Locale.ROOT, "with floors en %.2f, zh %.2f:%n", floors.english(), floors.chinese());
        System.out.printf(Locale.ROOT, "%-5s %-4s %8s %8s %8s | %8s %8s%n", "split", "lang", "about", "acc@1",
                "r@3", "not held", "nothing");
        for (String split : List.of(DEV, TEST)) {
            for (boolean zh : List.of(false, true)) {
                List<Linked> part = allFloorable.stream()
                        .filter(l -> l.question().split().equals(split) && l.question().chinese() == zh).toList();
                Scores f = Scores.of(part, l -> l.floored(floors.of(l.question())));
                Abstentions a = Abstentions.of(part, floors);
                String lang = zh ? "zh" : "en";
                System.out.printf(Locale.ROOT, "%-5s %-4s %8d %8.3f %8.3f | %8d %8.3f%n", split, lang, f.questions(),
                        f.accuracy(), f.recall(), a.questions(), a.rate());
                String key = split + "_" + lang;
                result.put(key + "_questions_about_an_entity", f.questions());
                result.put(key + "_accuracy_at_1_floored", ResultLine.round(f.accuracy()));
                result.put(key + "_recall_at_3_floored", ResultLine.round(f.recall()));
                result.put(key + "_questions_not_held", a.questions());
                result.put(key + "_not_held_linked_nothing", ResultLine.round(a.rate()));
            }
        }
        if (sweep) {
            sweep(allFloorable.stream().filter(l -> l.question().split().equals(DEV)).toList());
        }
        ResultLine.print(result);
        return 0;
    }

    private Floors floors() {
        if (minSimilarity == null) {
            return new Floors(EvidenceQuery.RECOMMENDED_MIN_SIMILARITY_ENGLISH,
                    EvidenceQuery.RECOMMENDED_MIN_SIMILARITY_CHINESE);
        }
        if (minSimilarity.size() != 2) {
            throw new IllegalArgumentException("--min-similarity takes two numbers, EN,ZH: " + minSimilarity);
        }
        return new Floors(minSimilarity.get(0), minSimilarity.get(1));
    }

    private static List<Linked> link(GraphRetriever retriever, List<Question> questions) {
        List<Linked> out = new ArrayList<>(questions.size());
        for (Question q : questions) {
            out.add(new Linked(q, retriever.link(q.text(), ALL_CANDIDATES)));
        }
        return out;
    }

    private static void sweep(List<Linked> dev) {
        System.out.println();
        System.out.println("dev split, one floor per language: acc@1 and r@3 of questions about an entity, share of "
                + "questions about what the graph does not hold that link nothing");
        System.out.printf(Locale.ROOT, "%6s | %-26s | %-26s%n", "floor", "en: acc@1 r@3 nothing",
                "zh: acc@1 r@3 nothing");
        for (int step = -2; step <= 18; step++) {
            double floor = step * 0.05;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6.2f", floor));
            for (boolean zh : List.of(false, true)) {
                List<Linked> part = dev.stream().filter(l -> l.question().chinese() == zh).toList();
                Scores f = Scores.of(part, l -> l.floored(floor));
                Abstentions a = Abstentions.of(part, new Floors(floor, floor));
                line.append(String.format(Locale.ROOT, " | %7.3f %7.3f %8.3f  ", f.accuracy(), f.recall(), a.rate()));
            }
            System.out.println(line);
        }
    }

    private static void showMisses(List<Linked> linked, Floors floors) {
        for (Linked l : linked) {
            Question q = l.question();
            if (q.covered() && !l.top().isEmpty() && l.top().get(0).equals(q.entity())) {
                continue;
            }
            List<String> floored = l.floored(floors.of(q));
            if (!q.covered() && floored.isEmpty()) {
                continue;
            }
            StringBuilder seen = new StringBuilder();
            for (LinkedEntity e : l.candidates().subList(0, Math.min(K, l.candidates().size()))) {
                seen.append(String.format(Locale.ROOT, " %s (%.3f%s)", e.id(), e.similarity(),
                        e.named() ? ", named" : ""));
            }
            System.out.printf(Locale.ROOT, "  %s [%s]: %s ->%s; floored %s%n", q.covered() ? "miss" : "not held",
                    q.split(), q.text(), seen, floored);
        }
    }

    static List<Question> read(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no linking questions at " + file);
        }
        ObjectMapper json = new ObjectMapper();
        List<Question> out = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(file)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(text);
            if (!node.hasNonNull("question") || !node.has("entity")) {
                throw new IllegalArgumentException(file + ":" + line
                        + ": needs \"question\" and \"entity\" (an id, or null for what the graph does not hold)");
            }
            String split = node.hasNonNull("split") ? node.get("split").asText() : DEV;
            if (!split.equals(DEV) && !split.equals(TEST)) {
                throw new IllegalArgumentException(file + ":" + line + ": \"split\" must be dev or test, was " + split);
            }
            JsonNode entity = node.get("entity");
            out.add(new Question(node.get("question").asText(), entity.isNull() ? null : entity.asText(), split));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no questions in " + file);
        }
        return out;
    }

}
