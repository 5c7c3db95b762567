package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entity linking against the loaded graphs, on the project-written questions beside each graph
 * ({@code deploy/graphs/<domain>/linking-questions.jsonl}: a question and the entity it is about). Scores the
 * retriever as the services run it and with the named ranking off, so the two can be compared.
 */
@Command(name = "linking", mixinStandardHelpOptions = true,
        description = "Entity linking on deploy/graphs/<domain>/linking-questions.jsonl against the loaded graphs "
                + "(tessera graph load first): accuracy@1, recall@3 and MRR, with and without the named ranking; "
                + "ends with RESULT {json}.")
final class EvalLinkingCommand implements Callable<Integer> {

    static final String QUESTIONS_FILE = "linking-questions.jsonl";
    private static final int K = 3;

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

    @Option(names = "--show-misses", description = "Print each question whose entity is not linked first, with what was.")
    boolean showMisses;

    record Question(String text, String entity) {
    }

    /** Accuracy@1, recall@K and mean reciprocal rank over K. */
    record Scores(int questions, int first, int withinK, double reciprocalRankSum) {
        double accuracy() {
            return first / (double) questions;
        }

        double recall() {
            return withinK / (double) questions;
        }

        double mrr() {
            return reciprocalRankSum / questions;
        }
    }

    @Override
    public Integer call() throws Exception {
        Path root = graphsDir != null ? graphsDir : GraphLoadCommand.defaultGraphsDir();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("k", K);
        result.put("name_weight", nameWeight != null ? nameWeight : GraphRetriever.DEFAULT_NAME_WEIGHT);
        int total = 0;
        double[] sums = new double[6];
        try (OnnxEncoder english = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized());
             OnnxEncoder chinese = OnnxEncoder.load(EncoderSpec.bgeSmallZhV15());
             KnowledgeGraph graph = KnowledgeGraph.connect(connection.settings())) {
            System.out.printf(Locale.ROOT, "%-8s %9s | %-22s | %-22s%n", "domain", "questions",
                    "named ranking: acc@1 r@3 MRR", "without: acc@1 r@3 MRR");
            for (String name : domains) {
                GraphDomain domain = GraphDomain.of(name);
                List<Question> questions = read(root.resolve(name).resolve(QUESTIONS_FILE));
                GraphRetriever.Builder builder = GraphRetriever.builder(graph, domain, english, chinese);
                double weight = nameWeight != null ? nameWeight : GraphRetriever.DEFAULT_NAME_WEIGHT;
                Scores named = score(builder.nameWeight(weight).build(), questions);
                Scores plain = score(builder.nameWeight(0).build(), questions);
                System.out.printf(Locale.ROOT, "%-8s %9d | %6.3f %6.3f %6.3f   | %6.3f %6.3f %6.3f%n", name,
                        questions.size(), named.accuracy(), named.recall(), named.mrr(), plain.accuracy(),
                        plain.recall(), plain.mrr());
                result.put(name + "_accuracy_at_1", ResultLine.round(named.accuracy()));
                result.put(name + "_mrr", ResultLine.round(named.mrr()));
                result.put(name + "_accuracy_at_1_without_named", ResultLine.round(plain.accuracy()));
                total += questions.size();
                sums[0] += named.first();
                sums[1] += named.withinK();
                sums[2] += named.reciprocalRankSum();
                sums[3] += plain.first();
                sums[4] += plain.withinK();
                sums[5] += plain.reciprocalRankSum();
            }
        }
        result.put("questions", total);
        result.put("accuracy_at_1", ResultLine.round(sums[0] / total));
        result.put("recall_at_3", ResultLine.round(sums[1] / total));
        result.put("mrr", ResultLine.round(sums[2] / total));
        result.put("accuracy_at_1_without_named", ResultLine.round(sums[3] / total));
        result.put("recall_at_3_without_named", ResultLine.round(sums[4] / total));
        result.put("mrr_without_named", ResultLine.round(sums[5] / total));
        ResultLine.print(result);
        return 0;
    }

    private Scores score(GraphRetriever retriever, List<Question> questions) {
        int first = 0;
        int withinK = 0;
        double rr = 0;
        for (Question q : questions) {
            List<String> ids = retriever.link(q.text(), K).stream().map(LinkedEntity::id).toList();
            int rank = ids.indexOf(q.entity());
            if (rank != 0 && showMisses) {
                System.out.printf(Locale.ROOT, "  miss: %s -> %s (want %s)%n", q.text(), ids, q.entity());
            }
            if (rank == 0) {
                first++;
            }
            if (rank >= 0) {
                withinK++;
                rr += 1.0 / (rank + 1);
            }
        }
        return new Scores(questions.size(), first, withinK, rr);
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
            if (!node.hasNonNull("question") || !node.hasNonNull("entity")) {
                throw new IllegalArgumentException(file + ":" + line + ": needs \"question\" and \"entity\"");
            }
            out.add(new Question(node.get("question").asText(), node.get("entity").asText()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no questions in " + file);
        }
        return out;
    }

}
