package dev.tessera.cli;

import dev.tessera.safety.screening.InputScreen;
import dev.tessera.safety.screening.LabeledExample;
import dev.tessera.safety.screening.Scope;
import dev.tessera.safety.screening.ScopeClassifier;
import dev.tessera.safety.screening.ScopeEvaluation;
import dev.tessera.safety.screening.ScreeningDatasets;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.head.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The shipped scope head on the project-written requests kept out of its training (see {@link ScopeEvaluation}):
 * accuracy, and what the services' refusal rule makes of it. Needs no graph and no {@code ../shared}.
 */
@Command(name = "scope", mixinStandardHelpOptions = true,
        description = "Scope head on the project-written scope-dev.tsv / scope-test.tsv requests: top-label accuracy, "
                + "requests their own service would refuse, off-topic requests a service would take; "
                + "ends with RESULT {json}.")
final class EvalScopeCommand implements Callable<Integer> {

    @Option(names = "--split", defaultValue = "test", description = "dev or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--min-probability", description = "The services' refusal rule: refuse when the own domain "
            + "scores below this (default: InputScreen.DEFAULT_MIN_SCOPE_PROBABILITY, as the services run).")
    Double minProbability;

    @Option(names = "--show-misses", description = "Print each request labelled wrongly, refused or taken wrongly.")
    boolean showMisses;

    @Option(names = "--chat-like", description = "Also count how many of every third tweet of ../shared's toxicity "
            + "dev split (chat, no service's business) each service would take: off-topic text not written as a "
            + "request. Skipped with a message when ../shared is absent.")
    boolean chatLike;

    @Override
    public Integer call() throws Exception {
        ScopeEvaluation.Split which = ScopeEvaluation.Split.of(split);
        double min = minProbability != null ? minProbability : InputScreen.DEFAULT_MIN_SCOPE_PROBABILITY;
        if (!(min >= 0 && min <= 1)) { // before the encoders load, not after
            throw new IllegalArgumentException("--min-probability must be within [0, 1], was " + min);
        }
        ScopeEvaluation.Report r;
        Map<String, Object> chat = new LinkedHashMap<>();
        try (ScopeClassifier head = ScopeClassifier.load()) {
            r = ScopeEvaluation.evaluate(head::predict, ScopeEvaluation.requests(which), min);
            if (chatLike) {
                chatLike(head, min, chat);
            }
        }
        if (showMisses) {
            for (ScopeEvaluation.Miss m : r.misses()) {
                System.out.printf("%-12s %s%s | %s%n", m.request().label(),
                        m.refused() ? "REFUSED " : "", m.servicesTaking() > 0 ? "TAKEN x" + m.servicesTaking() + " "
                                : "", m.request().text() + "  -> " + scores(m.prediction()));
            }
        }
        System.out.printf("scope head, %s split, refusal below %.2f: %d requests, accuracy %.3f (en %.3f, zh %.3f); "
                        + "refused by their own service %d of %d; off-topic taken %d of %d service checks%n",
                which.name().toLowerCase(Locale.ROOT), min, r.requests(), r.accuracy(),
                r.accuracyEnglish(), r.accuracyChinese(), r.refused(), r.inDomain(), r.offTopicTaken(),
                r.offTopicChecks());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("split", which.name().toLowerCase(Locale.ROOT));
        result.put("requests", r.requests());
        result.put("min_probability", min);
        result.put("scope_accuracy", ResultLine.round(r.accuracy()));
        result.put("scope_accuracy_en", ResultLine.round(r.accuracyEnglish()));
        result.put("scope_accuracy_zh", ResultLine.round(r.accuracyChinese()));
        result.put("in_domain_refused", ResultLine.round(r.refusedRate()));
        result.put("off_topic_taken", ResultLine.round(r.offTopicTakenRate()));
        result.putAll(chat);
        ResultLine.print(result);
        return 0;
    }

    /** Counts, per service, the sampled tweets it would take; puts {@code chat_like_*} figures in {@code out}. */
    private static void chatLike(ScopeClassifier head, double min, Map<String, Object> out) {
        Optional<Path> shared = SharedData.root();
        if (shared.isEmpty()) {
            System.out.println("--chat-like skipped: ../shared/data not found (set TESSERA_SHARED_DATA)");
            return;
        }
        List<LabeledExample> tweets = ScreeningDatasets.toxicity(shared.get(), "dev");
        Map<String, Prediction> predictions = new HashMap<>();
        List<LabeledExample> offTopic = new ArrayList<>();
        for (int i = 0; i < tweets.size(); i += 3) {
            String text = tweets.get(i).text();
            try {
                predictions.put(text, head.predict(text));
            } catch (InvalidInputException e) {
                continue; // nothing visible left after normalisation: no request to score
            }
            offTopic.add(new LabeledExample(text, Scope.OUT_OF_SCOPE.label()));
        }
        ScopeEvaluation.Report chat = ScopeEvaluation.evaluate(predictions::get, offTopic, min);
        out.put("chat_like_texts", chat.requests());
        List<String> perService = new ArrayList<>();
        for (Scope service : ScopeEvaluation.SERVICES) {
            int taken = chat.offTopicTakenBy().get(service);
            out.put("chat_like_taken_" + service.label(), taken);
            perService.add(service.label() + " " + taken);
        }
        System.out.println("chat-like texts (every third toxicity dev tweet) each service would take, of "
                + chat.requests() + ": " + String.join(", ", perService));
    }

    private static String scores(Prediction p) {
        return p.scores().stream().map(s -> String.format("%s %.2f", s.label(), s.probability()))
                .collect(Collectors.joining(", "));
    }
}
