package dev.tessera.safety.screening;

import dev.tessera.safety.pii.Scripts;
import dev.tessera.sdk.head.Prediction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the scope head serves the three domain services, on project-written requests kept out of its training
 * ({@code scope-dev.tsv}, {@code scope-test.tsv}). Top-label accuracy says how well it names the domain; what the
 * services feel is the refusal rule ({@link InputScreen}): a service refuses a request when the head gives the
 * service's own domain less than the minimum probability. So a request of a domain counts as <em>refused</em> when
 * its own domain falls below the minimum, and an off-topic request counts once per service that would take it.
 * A service also keeps a request that names one of its graph's entities; this evaluation leaves that out, so it
 * scores the head alone.
 */
public final class ScopeEvaluation {

    /** Where the evaluation requests come from: {@code dev} may guide new training lines, {@code test} never does. */
    public enum Split {
        DEV("scope-dev.tsv"),
        TEST("scope-test.tsv");

        private final String file;

        Split(String file) {
            this.file = file;
        }

        /** The split named {@code dev} or {@code test}. */
        public static Split of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown scope evaluation split '" + name + "' (dev or test)", e);
            }
        }
    }

    /** A request the head labelled wrongly, or that a service would wrongly refuse or take. */
    public record Miss(LabeledExample request, Prediction prediction, boolean refused, int servicesTaking) {
    }

    /**
     * @param requests           how many requests were scored
     * @param correct            top label equal to the request's domain
     * @param correctChinese     of those, requests written with CJK characters
     * @param chinese            requests written with CJK characters
     * @param inDomain           requests of a service's domain
     * @param refused            of those, requests their own service would refuse
     * @param offTopic           off-topic requests
     * @param offTopicTakenBy    per service, the off-topic requests it would answer
     * @param misses             every request wrongly labelled, refused or taken, in file order
     */
    public record Report(int requests, int correct, int correctChinese, int chinese, int inDomain, int refused,
                         int offTopic, Map<Scope, Integer> offTopicTakenBy, List<Miss> misses) {
        public Report {
            offTopicTakenBy = Map.copyOf(offTopicTakenBy);
            misses = List.copyOf(misses);
        }

        /** (off-topic request, service) pairs the service would answer. */
        public int offTopicTaken() {
            return offTopicTakenBy.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** (off-topic request, service) pairs checked: one per service and off-topic request. */
        public int offTopicChecks() {
            return offTopic * SERVICES.size();
        }

        public double accuracy() {
            return ratio(correct, requests);
        }

        public double accuracyEnglish() {
            return ratio(correct - correctChinese, requests - chinese);
        }

        public double accuracyChinese() {
            return ratio(correctChinese, chinese);
        }

        /** Share of a domain's requests its own service would refuse as out of scope. */
        public double refusedRate() {
            return ratio(refused, inDomain);
        }

        /** Share of (off-topic request, service) pairs the service would answer instead of refusing. */
        public double offTopicTakenRate() {
            return ratio(offTopicTaken(), offTopicChecks());
        }

        private static double ratio(int n, int d) {
            return d == 0 ? Double.NaN : (double) n / d;
        }
    }

    /** The scopes a service serves, each the domain of one service. */
    public static final List<Scope> SERVICES = List.of(Scope.LEGAL, Scope.MEDICAL, Scope.FINANCE);

    private ScopeEvaluation() {
    }

    /** The project-written requests of {@code split}, shipped with the library. */
    public static List<LabeledExample> requests(Split split) {
        return ShippedModels.examples(split.file);
    }

    /**
     * Scores {@code head} (e.g. {@link ScopeClassifier#predict}) on {@code requests}.
     *
     * @param minProbability the services' refusal rule ({@link InputScreen#DEFAULT_MIN_SCOPE_PROBABILITY})
     */
    public static Report evaluate(Function<String, Prediction> head, List<LabeledExample> requests,
                                  double minProbability) {
        Objects.requireNonNull(head, "head");
        if (!(minProbability >= 0 && minProbability <= 1)) {
            throw new IllegalArgumentException("minProbability must be within [0, 1], was " + minProbability);
        }
        int correct = 0;
        int correctChinese = 0;
        int chinese = 0;
        int inDomain = 0;
        int refused = 0;
        int offTopic = 0;
        Map<Scope, Integer> offTopicTakenBy = new EnumMap<>(Scope.class);
        SERVICES.forEach(service -> offTopicTakenBy.put(service, 0));
        List<Miss> misses = new ArrayList<>();
        for (LabeledExample request : requests) {
            Scope expected = Scope.ofLabel(request.label());
            Prediction p = head.apply(request.text());
            boolean right = p.topLabel().equals(expected.label());
            boolean cjk = Scripts.containsCjk(request.text());
            correct += right ? 1 : 0;
            chinese += cjk ? 1 : 0;
            correctChinese += right && cjk ? 1 : 0;
            boolean wronglyRefused = false;
            int taking = 0;
            if (expected == Scope.OUT_OF_SCOPE) {
                offTopic++;
                for (Scope service : SERVICES) {
                    if (p.probability(service.label()) >= minProbability) {
                        offTopicTakenBy.merge(service, 1, Integer::sum);
                        taking++;
                    }
                }
            } else {
                inDomain++;
                wronglyRefused = p.probability(expected.label()) < minProbability;
                refused += wronglyRefused ? 1 : 0;
            }
            if (!right || wronglyRefused || taking > 0) {
                misses.add(new Miss(request, p, wronglyRefused, taking));
            }
        }
        return new Report(requests.size(), correct, correctChinese, chinese, inDomain, refused, offTopic,
                offTopicTakenBy, misses);
    }
}
