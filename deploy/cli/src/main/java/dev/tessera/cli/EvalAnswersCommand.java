package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.sdk.graph.GraphDomain;
import dev.tessera.sdk.graph.GraphNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Asks the running services about their graphs' own entities and counts how many of the facts each answer states are
 * about the entity asked about: a fact is, when the entity is its subject or its object. The questions are each
 * domain's linking questions (question and entity) and a seeded sample of its other entities asked as "Tell me about
 * X." and "What should I know about X?". An answer that states facts about neighbours the searches linked for a shared
 * word answers a question nobody asked. It also counts the sentences layer 3 could not ground in the evidence, and
 * the answers that are the entity's own description (an entity no relationship reaches).
 *
 * <p>With {@code --language zh} the sample's entities that have a Chinese name are asked in Chinese ("请介绍一下X。",
 * "关于X，我应该知道什么？"), and the linking questions, which are English, are left out.
 */
@Command(name = "answers", mixinStandardHelpOptions = true,
        description = "Ask the running services (deploy/bin/tessera up) about their graphs' entities; count the "
                + "answers' facts about the entity asked about; ends with RESULT {json}.")
final class EvalAnswersCommand implements Callable<Integer> {

    static final List<String> FORMS = List.of("Tell me about %s.", "What should I know about %s?");
    static final List<String> CHINESE_FORMS = List.of("请介绍一下%s。", "关于%s，我应该知道什么？");
    /** A claim check's text, as {@code Claim.toString} writes it: {@code subject -[TYPE]-> object}. */
    private static final Pattern CLAIM = Pattern.compile("(.+) -\\[([A-Z0-9_]+)]-> (.+)");

    @Option(names = "--graphs-dir", description = "Where the domains' graph files live. Default: deploy/graphs of "
            + "this checkout.")
    Path graphsDir;

    @Mixin
    RunningServices services = new RunningServices();

    @Option(names = "--per-domain", defaultValue = "60", description = "Sampled entities per domain, besides the "
            + "linking questions (default: ${DEFAULT-VALUE}).")
    int perDomain;

    @Option(names = "--show", description = "Print each question with its outcome and facts on the entity.")
    boolean show;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--language", defaultValue = "en", description = "en: the linking questions and the sample in "
            + "English; zh: the sample's entities with a Chinese name, asked in Chinese (default: ${DEFAULT-VALUE}).")
    String language;

    /** One question, and the id and name of the entity it asks about. */
    record Question(String text, String entityId, String entityName) {
    }

    /** What one domain's answers held. */
    static final class Tally {
        final Map<String, Integer> outcomes = new LinkedHashMap<>();
        int facts;
        int factsOnEntity;
        int answersWithoutEntityFact;
        int answersWithOtherFacts;
        int answersFromDescription;
        int answersOpeningWithDescription;
        int sentences;
        int sentencesUnsupported;

        void add(Tally other) {
            other.outcomes.forEach((k, v) -> outcomes.merge(k, v, Integer::sum));
            facts += other.facts;
            factsOnEntity += other.factsOnEntity;
            answersWithoutEntityFact += other.answersWithoutEntityFact;
            answersWithOtherFacts += other.answersWithOtherFacts;
            answersFromDescription += other.answersFromDescription;
            answersOpeningWithDescription += other.answersOpeningWithDescription;
            sentences += other.sentences;
            sentencesUnsupported += other.sentencesUnsupported;
        }

        /**
         * Counts one {@code /v1/ask} response to a question about the entity {@code entityId} named
         * {@code entityName}. An evidence item of one node is a description, never a path: an answer whose first
         * item is the entity's own opens with what it is, and with no claim, it is the description alone (an
         * entity no relationship reaches): about the entity, with no fact to count.
         */
        void count(JsonNode response, String entityId, String entityName) {
            String outcome = response.path("outcome").asText("MISSING");
            outcomes.merge(outcome, 1, Integer::sum);
            if (!outcome.equals("ANSWERED")) {
                return;
            }
            int stated = 0;
            int onEntity = 0;
            for (JsonNode check : response.path("checks")) {
                String verdict = check.path("verdict").asText();
                if (check.path("kind").asText().equals("sentence") && !verdict.equals("skipped")) {
                    sentences++;
                    sentencesUnsupported += verdict.equals("unsupported") ? 1 : 0;
                }
                if (!check.path("kind").asText().equals("claim")) {
                    continue;
                }
                Matcher m = CLAIM.matcher(check.path("text").asText());
                stated++;
                onEntity += m.matches() && (m.group(1).equals(entityName) || m.group(3).equals(entityName)) ? 1 : 0;
            }
            facts += stated;
            factsOnEntity += onEntity;
            JsonNode first = response.path("evidence").path(0).path("nodeIds");
            boolean opensWithDescription = first.size() == 1 && first.get(0).asText().equals(entityId);
            boolean described = opensWithDescription && stated == 0;
            answersFromDescription += described ? 1 : 0;
            answersOpeningWithDescription += opensWithDescription && stated > 0 ? 1 : 0;
            answersWithoutEntityFact += onEntity == 0 && !described ? 1 : 0;
            answersWithOtherFacts += onEntity < stated ? 1 : 0;
        }

        Map<String, Object> figures() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("answered", outcomes.getOrDefault("ANSWERED", 0));
            out.put("outcomes", new LinkedHashMap<>(outcomes));
            out.put("facts", facts);
            out.put("facts_on_entity", factsOnEntity);
            out.put("share_on_entity", ResultLine.round(factsOnEntity / (double) Math.max(1, facts)));
            out.put("answers_without_entity_fact", answersWithoutEntityFact);
            out.put("answers_with_other_facts", answersWithOtherFacts);
            out.put("answers_from_description", answersFromDescription);
            out.put("answers_opening_with_description", answersOpeningWithDescription);
            out.put("sentences", sentences);
            out.put("sentences_unsupported", sentencesUnsupported);
            return out;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!language.equals("en") && !language.equals("zh")) {
            throw new IllegalArgumentException("--language must be en or zh, not '" + language + "'");
        }
        Path graphs = graphsDir != null ? graphsDir : GraphLoadCommand.defaultGraphsDir();
        Map<String, Tally> byDomain = new LinkedHashMap<>();
        for (String domain : RunningServices.DOMAINS) {
            Tally tally = new Tally();
            List<Question> asked = language.equals("zh") ? chineseQuestions(domain, graphs.resolve(domain), perDomain,
                    seed) : questions(domain, graphs.resolve(domain), perDomain, seed);
            for (Question q : asked) {
                JsonNode response = services.post(domain, "/v1/ask", Map.of("question", q.text()));
                if (show) {
                    Tally one = new Tally();
                    one.count(response, q.entityId(), q.entityName());
                    System.out.printf(Locale.ROOT, "  %s | %s | %s | facts on the entity %d of %d%n", domain,
                            q.text(), response.path("outcome").asText("MISSING"), one.factsOnEntity, one.facts);
                }
                tally.count(response, q.entityId(), q.entityName());
            }
            byDomain.put(domain, tally);
            System.out.println(domain + ": " + tally.figures());
        }
        Tally total = new Tally();
        byDomain.values().forEach(total::add);
        Map<String, Object> result = new LinkedHashMap<>(total.figures());
        result.put("language", language);
        result.put("seed", seed);
        result.put("per_domain", perDomain);
        byDomain.forEach((domain, t) -> result.put(domain, t.figures()));
        ResultLine.print(result);
        return 0;
    }

    /**
     * The domain's linking questions, then {@code sample} of its other entities (people left out, as in {@code eval
     * graph-questions}) in the forms, alternately, chosen with {@code seed}.
     */
    static List<Question> questions(String domain, Path directory, int sample, long seed) throws IOException {
        List<GraphNames.Entity> entities = new ArrayList<>(GraphNames.read(GraphDomain.of(domain), directory));
        Map<String, String> names = new LinkedHashMap<>();
        entities.forEach(e -> names.put(e.id(), e.english().get(0)));
        List<Question> out = new ArrayList<>();
        for (EvalLinkingCommand.Question q : EvalLinkingCommand.read(directory.resolve(
                EvalLinkingCommand.QUESTIONS_FILE))) {
            String name = names.get(q.entity());
            if (name == null) {
                throw new IllegalArgumentException(domain + ": linking question about an unknown entity " + q.entity());
            }
            out.add(new Question(q.text(), q.entity(), name));
        }
        entities.removeIf(e -> EvalGraphQuestionsCommand.PERSONAL_LABELS.contains(e.label()));
        Collections.shuffle(entities, new Random(seed));
        for (int i = 0; i < Math.min(sample, entities.size()); i++) {
            GraphNames.Entity e = entities.get(i);
            out.add(new Question(FORMS.get(i % FORMS.size()).formatted(e.english().get(0)), e.id(),
                    e.english().get(0)));
        }
        return out;
    }

    /**
     * {@code sample} of the domain's entities (people left out) that have a Chinese name, asked in the Chinese forms,
     * alternately, chosen with {@code seed}. The entity name kept is the English one: claims name nodes in English.
     */
    static List<Question> chineseQuestions(String domain, Path directory, int sample, long seed) {
        List<GraphNames.Entity> entities = new ArrayList<>(GraphNames.read(GraphDomain.of(domain), directory));
        entities.removeIf(e -> EvalGraphQuestionsCommand.PERSONAL_LABELS.contains(e.label())
                || e.chinese().isEmpty() || e.chinese().get(0).isBlank());
        Collections.shuffle(entities, new Random(seed));
        List<Question> out = new ArrayList<>();
        for (int i = 0; i < Math.min(sample, entities.size()); i++) {
            GraphNames.Entity e = entities.get(i);
            out.add(new Question(CHINESE_FORMS.get(i % CHINESE_FORMS.size()).formatted(e.chinese().get(0)), e.id(),
                    e.english().get(0)));
        }
        return out;
    }
}
