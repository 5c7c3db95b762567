package dev.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.safety.pii.PiiFinding;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.sdk.graph.GraphDomain;
import dev.tessera.sdk.graph.GraphNames;
import dev.tessera.service.testing.TesseraStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A service redacts a question before it asks the graph, so a disease, clause type or jurisdiction of the shipped
 * graphs that layer 1 takes for personal data is a question the graph can no longer answer ("What are the symptoms
 * of Malaria?" once reached it as "... of [PERSON]?"). Every node name and alias, English and Chinese, but those of
 * people and of case citations (which name parties and years), must come through the default scanner untouched in a
 * few question forms, as stored and capitalised: the scanner on its own ({@code tessera safety scan}) has no graph to
 * ask. The services also leave as written whatever their graph names ({@code tessera.screening.pii-graph-names}).
 */
class ShippedGraphNamesSurviveScreeningTest {

    /** Node labels whose names are personal data or hold it. */
    private static final Set<String> PERSONAL = Set.of("Person", "SanctionedParty", "Provision");
    /**
     * Labels of proper names checked as stored only: a company's short name ("Vessanor Maritime" for "Vessanor
     * Maritime Ltd") reads like a person's to any recogniser that cannot ask the graph; the finance service answers
     * about it by that name (FinanceServiceTest).
     */
    private static final Set<String> STORED_NAME_ONLY = Set.of("Company");
    /** Names the scanner still flags, and why; kept small and explained. */
    private static final Map<String, String> KNOWN = Map.of(
            "License Grant", "'Grant' is a given name; nothing in the phrase says it is not one here",
            "charley horse", "'Charley' is a given name, and the tagger reads the word after it as a surname",
            "Charley horse", "as 'charley horse'",
            "Grey list", "'Grey' is a surname; capitalised, nothing in the phrase says it is not one here",
            // Rare clinical words the word lists do not hold, capitalised: the tagger reads them as names. They stay
            // off the lists on purpose, as the held-out check of the clinical vocabulary (docs/evaluation).
            "Disequilibrium", "a rare clinical word, capitalised",
            "Dyschromia", "a rare clinical word, capitalised",
            "Tussis", "a rare clinical word, capitalised");
    private static final List<String> QUESTIONS = List.of("What are the risks of %s?", "Tell me about %s.",
            "%s: what should I know?", "%s - is it serious?");
    private static final List<String> QUESTIONS_ZH = List.of("%s有哪些风险？", "什么是%s？", "请介绍一下%s。");

    @Test
    void noEntityNameOfTheShippedGraphsIsRedacted() throws Exception {
        PiiScanner scanner = PiiScanner.builder().build();
        Map<String, String> flagged = new TreeMap<>();
        int names = 0;
        for (String domain : List.of("legal", "medical", "finance")) {
            for (GraphNames.Entity entity : GraphNames.read(GraphDomain.of(domain),
                    TesseraStack.graphsDir().resolve(domain))) {
                if (PERSONAL.contains(entity.label())) {
                    continue;
                }
                List<String> english = new ArrayList<>(STORED_NAME_ONLY.contains(entity.label())
                        ? entity.english().subList(0, 1) : entity.english());
                names += english.size() + entity.chinese().size();
                // Users capitalise a name that opens their question, and often one inside it.
                english.addAll(english.stream().map(ShippedGraphNamesSurviveScreeningTest::capitalised).toList());
                flag(scanner, english, QUESTIONS, flagged);
                flag(scanner, entity.chinese(), QUESTIONS_ZH, flagged);
            }
        }
        assertTrue(names > 1000, "read " + names + " names and aliases");
        flagged.keySet().removeAll(KNOWN.keySet());
        assertEquals(Map.of(), flagged);
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + name.substring(1);
    }

    /** Records in {@code flagged} each of {@code names} the scanner finds PII in, asked in any of {@code forms}. */
    private static void flag(PiiScanner scanner, List<String> names, List<String> forms, Map<String, String> flagged) {
        for (String name : names) {
            for (String form : forms) {
                String question = String.format(form, name);
                for (PiiFinding f : scanner.find(question)) {
                    flagged.put(name, f.type() + " '" + question.substring(f.start(), f.end()) + "'");
                }
            }
        }
    }
}
