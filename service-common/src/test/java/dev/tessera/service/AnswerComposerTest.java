package dev.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.safety.policy.Language;
import dev.tessera.safety.verify.Claim;
import dev.tessera.safety.verify.ClaimMatcher;
import dev.tessera.sdk.graph.EntityDescription;
import dev.tessera.sdk.graph.Evidence;
import dev.tessera.sdk.graph.EvidencePath;
import dev.tessera.sdk.graph.LinkedEntity;
import dev.tessera.sdk.graph.PathNode;
import dev.tessera.sdk.graph.PathStep;
import dev.tessera.sdk.graph.RelationshipReading;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerComposerTest {

    private static final PathNode FLU = new PathNode("medical:disease:influenza", List.of("Disease"), "Influenza");
    private static final PathNode FEVER = new PathNode("medical:symptom:fever", List.of("Symptom"), "Fever");
    private static final PathNode COUGH = new PathNode("medical:symptom:cough", List.of("Symptom"), "Cough");

    /** The step from {@code from} along a relationship stored from it to {@code to}. */
    private static PathStep out(PathNode from, String type, PathNode to, String source) {
        return new PathStep(from, type, PathStep.Direction.OUTGOING, to, source);
    }

    /** The step from {@code from} back along a relationship stored from {@code to} to it. */
    private static PathStep in(PathNode from, String type, PathNode to, String source) {
        return new PathStep(from, type, PathStep.Direction.INCOMING, to, source);
    }

    private static EvidencePath path(double score, PathStep... steps) {
        return new EvidencePath(List.of(steps), score);
    }

    @Test
    void statesEachDistinctFactOnceInItsStoredDirection() {
        // The walk goes Fever <-[HAS_SYMPTOM]- Influenza -[HAS_SYMPTOM]-> Cough; a second path repeats a fact.
        EvidencePath walk = path(0.9, in(FEVER, "HAS_SYMPTOM", FLU, "src-a"), out(FLU, "HAS_SYMPTOM", COUGH, "src-b"));
        EvidencePath repeat = path(0.5, out(FLU, "HAS_SYMPTOM", FEVER, "src-a"));

        AnswerComposer.Composed answer = new AnswerComposer(5).compose(List.of(walk, repeat));

        assertEquals("Influenza has symptom Fever. Influenza has symptom Cough.", answer.text());
        assertEquals(List.of(new Claim("Influenza", "HAS_SYMPTOM", "Fever"),
                new Claim("Influenza", "HAS_SYMPTOM", "Cough")), answer.claims());
        for (Claim claim : answer.claims()) {
            assertTrue(ClaimMatcher.find(claim, List.of(walk, repeat)).isPresent(), claim::toString);
        }
    }

    @Test
    void statesTheFactsOfTheRelationAskedAboutFirst() {
        PathNode rest = new PathNode("medical:precaution:rest", List.of("Precaution"), "Rest");
        EvidencePath precaution = path(0.5, out(FLU, "HAS_PRECAUTION", rest, "s"));
        EvidencePath fever = path(0.5, out(FLU, "HAS_SYMPTOM", FEVER, "s"));
        EvidencePath twoHops = path(0.25, out(FLU, "HAS_SYMPTOM", COUGH, "s"), out(COUGH, "HAS_PRECAUTION", rest, "s"));
        List<EvidencePath> paths = List.of(precaution, fever, twoHops);
        AnswerComposer composer = new AnswerComposer(2);
        assertEquals("Influenza has precaution Rest. Influenza has symptom Fever.", composer.compose(paths).text(),
                "path order without weights");
        AnswerComposer.Composed symptoms = composer.compose(paths, type -> type.equals("HAS_SYMPTOM") ? 1.0 : 0.01,
                Language.EN);
        assertEquals("Influenza has symptom Fever. Influenza has symptom Cough.", symptoms.text());
        assertEquals(List.of(fever, twoHops), AnswerComposer.sources(symptoms, paths),
                "the precaution path states no fact of the answer");
    }

    @Test
    void stopsAtTheFactLimitAndSaysNothingWithoutEvidence() {
        EvidencePath walk = path(1.0, out(FLU, "HAS_SYMPTOM", FEVER, "s"), out(FLU, "HAS_SYMPTOM", COUGH, "s"));
        assertEquals(1, new AnswerComposer(1).compose(List.of(walk)).claims().size());
        AnswerComposer.Composed none = new AnswerComposer(3).compose(List.of());
        assertEquals("", none.text());
        assertTrue(none.claims().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new AnswerComposer(0));
    }

    private static LinkedEntity entity(PathNode node, String mention) {
        Set<LinkedEntity.Match> by = mention.isEmpty() ? Set.of(LinkedEntity.Match.VECTOR)
                : Set.of(LinkedEntity.Match.NAME, LinkedEntity.Match.FULLTEXT);
        return new LinkedEntity(node.id(), node.labels(), node.name(), 0.9, 0.6, by, mention);
    }

    @Test
    void answersFromThePathsThroughWhatTheQuestionNames() {
        PathNode cold = new PathNode("medical:disease:common_cold", List.of("Disease"), "Common cold");
        EvidencePath flu = path(0.5, out(FLU, "HAS_SYMPTOM", FEVER, "s"));
        EvidencePath coldCough = path(0.45, out(cold, "HAS_SYMPTOM", COUGH, "s"));
        EvidencePath throughFlu = path(0.2, in(COUGH, "HAS_SYMPTOM", FLU, "s"), out(FLU, "HAS_SYMPTOM", FEVER, "s"));
        List<EvidencePath> paths = List.of(flu, coldCough, throughFlu);
        String question = "Is influenza worse than a cold?";

        Evidence named = new Evidence(Evidence.Status.AVAILABLE, "", List.of(entity(FLU, "influenza"),
                entity(cold, "")), paths);
        assertEquals(List.of(flu, throughFlu), AnswerComposer.aboutNamed(named, question),
                "the cold is linked by the vector search alone: a neighbour, not what was asked about");

        Evidence unnamed = new Evidence(Evidence.Status.AVAILABLE, "", List.of(entity(FLU, ""), entity(cold, "")),
                paths);
        assertEquals(paths, AnswerComposer.aboutNamed(unnamed, question), "nothing named: every path");
        PathNode lonely = new PathNode("medical:disease:kuru", List.of("Disease"), "Kuru");
        Evidence namedWithoutPaths = new Evidence(Evidence.Status.AVAILABLE, "", List.of(entity(lonely, "kuru"),
                entity(FLU, "")), paths);
        assertEquals(paths, AnswerComposer.aboutNamed(namedWithoutPaths, "Is kuru like influenza?"),
                "no path through the named entity: every path rather than none");
    }

    @Test
    void whatOnlySharesANodeWithTheNamedEntityIsNoFactAboutIt() {
        PathNode venezuela = new PathNode("finance:jurisdiction:ve", List.of("Jurisdiction"), "Venezuela");
        PathNode algeria = new PathNode("finance:jurisdiction:dz", List.of("Jurisdiction"), "Algeria");
        PathNode grey = new PathNode("finance:fatf_list:increased_monitoring", List.of("FatfList"), "FATF grey list");
        PathNode shipper = new PathNode("finance:company:x", List.of("Company"), "X Shipping Ltd");
        PathNode owner = new PathNode("finance:person:y", List.of("Person"), "Y");
        EvidencePath own = path(0.5, out(venezuela, "ON_FATF_LIST", grey, "s"));
        EvidencePath coMember = path(0.25, out(venezuela, "ON_FATF_LIST", grey, "s"),
                in(grey, "ON_FATF_LIST", algeria, "s"));
        EvidencePath chain = path(0.25, in(venezuela, "INCORPORATED_IN", shipper, "s"),
                in(shipper, "OWNS", owner, "s"));
        EvidencePath reversed = path(0.25, out(algeria, "ON_FATF_LIST", grey, "s"),
                in(grey, "ON_FATF_LIST", venezuela, "s"));
        assertEquals(List.of(own, path(0.25, out(venezuela, "ON_FATF_LIST", grey, "s")), chain,
                        path(0.25, in(grey, "ON_FATF_LIST", venezuela, "s"))),
                AnswerComposer.withoutCoMembers(List.of(own, coMember, chain, reversed), Set.of(venezuela.id())),
                "Algeria's membership goes, wherever the walk meets it; the owner of a company there stays");
        EvidencePath beyond = path(0.1, out(venezuela, "ON_FATF_LIST", grey, "s"),
                in(grey, "ON_FATF_LIST", algeria, "s"), in(algeria, "INCORPORATED_IN", shipper, "s"));
        EvidencePath elsewhere = path(0.1, out(algeria, "INCORPORATED_IN", shipper, "s"));
        assertEquals(List.of(elsewhere), AnswerComposer.withoutCoMembers(List.of(elsewhere), Set.of(venezuela.id())),
                "a path that does not reach the named entity has no co-member to drop");
        assertEquals(List.of(path(0.1, out(venezuela, "ON_FATF_LIST", grey, "s"))),
                AnswerComposer.withoutCoMembers(List.of(beyond), Set.of(venezuela.id())),
                "past a co-member the walk is about the co-member: one walk is kept, not its pieces");
        assertEquals(List.of(coMember), AnswerComposer.withoutCoMembers(List.of(coMember), Set.of(grey.id())),
                "the list named: both members are facts about it");
        assertEquals(List.of(coMember), AnswerComposer.withoutCoMembers(List.of(coMember), Set.of()),
                "nothing named: every path as it is");
        assertEquals(1, new AnswerComposer(5).compose(AnswerComposer.withoutCoMembers(List.of(own, coMember),
                Set.of(venezuela.id()))).claims().size(), "one fact: Venezuela's own");
    }

    @Test
    void twoNamedEntitiesTakeTurnsAndEachOnesFactsStandTogether() {
        PathNode cold = new PathNode("medical:disease:common_cold", List.of("Disease"), "Common cold");
        PathNode rest = new PathNode("medical:precaution:rest", List.of("Precaution"), "Rest");
        PathNode vaccine = new PathNode("medical:precaution:vaccine", List.of("Precaution"), "Vaccination");
        List<EvidencePath> paths = List.of(path(0.50, out(cold, "HAS_SYMPTOM", COUGH, "s")),
                path(0.50, out(cold, "HAS_SYMPTOM", FEVER, "s")), path(0.50, out(cold, "HAS_PRECAUTION", rest, "s")),
                path(0.49, out(FLU, "HAS_SYMPTOM", FEVER, "s")), path(0.49, out(FLU, "HAS_PRECAUTION", vaccine, "s")),
                path(0.3, out(COUGH, "SEEN_WITH", rest, "s")));
        AnswerComposer three = new AnswerComposer(3);
        assertEquals(3, three.compose(paths, t -> 1.0, Language.EN, List.of(cold.id())).claims().stream()
                .filter(c -> c.subject().equals("Common cold")).count(), "one named entity: the best three facts");
        List<String> subjects = three.compose(paths, t -> 1.0, Language.EN, List.of(FLU.id(), cold.id()))
                .claims().stream().map(Claim::subject).toList();
        assertEquals(List.of("Influenza", "Influenza", "Common cold"), subjects,
                "influenza named first takes the first and third turns; each one's facts together");
        AnswerComposer five = new AnswerComposer(5);
        assertEquals(List.of("Common cold", "Common cold", "Common cold", "Influenza", "Influenza"),
                five.compose(paths, t -> 1.0, Language.EN, List.of(cold.id(), FLU.id())).claims().stream()
                        .map(Claim::subject).toList());
        assertEquals(five.compose(paths, t -> 1.0, Language.EN, List.of()).claims(),
                five.compose(paths, t -> 1.0, Language.EN, List.of("medical:disease:kuru", cold.id())).claims(),
                "only one named entity has facts: the best five by score, as with none named");
    }

    @Test
    void aQuestionNamingOnlyEntitiesNoPathPassesThroughIsAboutTheBestOfThem() {
        PathNode kuru = new PathNode("medical:disease:kuru", List.of("Disease"), "Kuru");
        PathNode prion = new PathNode("medical:disease:prion", List.of("Disease"), "Prion disease");
        List<EvidencePath> paths = List.of(path(0.5, out(FLU, "HAS_SYMPTOM", FEVER, "s")));
        Evidence namesKuru = new Evidence(Evidence.Status.AVAILABLE, "",
                List.of(entity(kuru, "kuru"), entity(prion, "prion"), entity(FLU, "")), paths);
        assertEquals(Optional.of("medical:disease:kuru"),
                AnswerComposer.namedWithoutPaths(namesKuru, "Is kuru a prion disease?").map(LinkedEntity::id),
                "named first of the two it names");

        Evidence namesBoth = new Evidence(Evidence.Status.AVAILABLE, "",
                List.of(entity(kuru, "kuru"), entity(FLU, "influenza")), paths);
        assertEquals(Optional.empty(), AnswerComposer.namedWithoutPaths(namesBoth, "Is kuru like influenza?"),
                "a path passes through influenza, which it also names");
        Evidence namesNone = new Evidence(Evidence.Status.AVAILABLE, "", List.of(entity(kuru, "")), paths);
        assertEquals(Optional.empty(), AnswerComposer.namedWithoutPaths(namesNone, "Is it contagious?"));
        Evidence nothing = new Evidence(Evidence.Status.AVAILABLE, "", List.of(entity(kuru, "kuru")), List.of());
        assertEquals(Optional.of("medical:disease:kuru"),
                AnswerComposer.namedWithoutPaths(nothing, "Kuru?").map(LinkedEntity::id), "no paths at all");
    }

    @Test
    void aDescribedEntityIsItsNameAndStoredDescriptionWithoutClaims() {
        EntityDescription syria = new EntityDescription("finance:jurisdiction:sy", List.of("Jurisdiction"), "Syria",
                "叙利亚", "Listed by FATF as a jurisdiction under increased monitoring (as of October 2024).",
                "被金融行动特别工作组（FATF）列为受强化监控的司法管辖区（截至2024年10月）", "FATF");
        AnswerComposer.Composed answer = AnswerComposer.described(syria, Language.EN);
        assertEquals("Syria: Listed by FATF as a jurisdiction under increased monitoring (as of October 2024).",
                answer.text());
        assertEquals(List.of(), answer.claims(), "it states no relationship");
        assertEquals(List.of(answer.text()), AnswerComposer.statements(answer.text()));
        assertEquals("叙利亚：被金融行动特别工作组（FATF）列为受强化监控的司法管辖区（截至2024年10月）。",
                AnswerComposer.described(syria, Language.ZH).text(), "in Chinese where the graph gives it");

        EntityDescription twoSentences = new EntityDescription("medical:disease:kuru", List.of("Disease"), "Kuru", "",
                "A fatal prion disease. Once spread by funerary practices ", "", "WHO");
        assertEquals(AnswerComposer.described(twoSentences, Language.EN),
                AnswerComposer.described(twoSentences, Language.ZH), "in English where the graph gives no Chinese");
        AnswerComposer.Composed described = AnswerComposer.described(twoSentences, Language.EN);
        assertEquals("Kuru: A fatal prion disease. Once spread by funerary practices.", described.text(),
                "ended with a full stop where the description has none");
        assertEquals(List.of("Kuru: A fatal prion disease.", "Once spread by funerary practices."),
                AnswerComposer.statements(described.text()), "each sentence a passage of its own");
    }

    @Test
    void anOpenQuestionAboutOneNamedEntityOpensWithWhatItIs() {
        PathNode cold = new PathNode("medical:disease:common_cold", List.of("Disease"), "Common cold");
        List<EvidencePath> paths = List.of(path(0.5, out(FLU, "HAS_SYMPTOM", FEVER, "s")));
        Evidence aboutFlu = new Evidence(Evidence.Status.AVAILABLE, "", List.of(entity(FLU, "influenza"),
                entity(cold, "")), paths);
        assertEquals(Optional.of(FLU.id()),
                AnswerComposer.soleNamed(aboutFlu, "Tell me about influenza.").map(LinkedEntity::id));
        Evidence both = new Evidence(Evidence.Status.AVAILABLE, "", List.of(entity(FLU, "influenza"),
                entity(cold, "common cold")), paths);
        assertEquals(Optional.empty(), AnswerComposer.soleNamed(both, "Is influenza worse than the common cold?"));

        AnswerComposer.Composed facts = new AnswerComposer(5).compose(paths);
        EntityDescription influenza = new EntityDescription(FLU.id(), FLU.labels(), "Influenza", "流行性感冒",
                "An acute viral infection of the airways.", "一种急性呼吸道病毒感染。", "WHO");
        AnswerComposer.Composed opened = AnswerComposer.opened(AnswerComposer.described(influenza, Language.EN), facts);
        assertEquals("Influenza: An acute viral infection of the airways. Influenza has symptom Fever.", opened.text());
        assertEquals(facts.claims(), opened.claims(), "the description adds no claim");
        AnswerComposer.Composed chinese = new AnswerComposer(5).compose(paths, type -> 1.0, Language.ZH);
        assertEquals("流行性感冒：一种急性呼吸道病毒感染。" + chinese.text(),
                AnswerComposer.opened(AnswerComposer.described(influenza, Language.ZH), chinese).text(),
                "no space after a Chinese full stop");
    }

    @Test
    void eachStepOfThePathsIsAPassageOnceStatedAsTheAnswerStatesIt() {
        EvidencePath walk = path(0.25, in(FEVER, "HAS_SYMPTOM", FLU, "src-a"), out(FLU, "HAS_SYMPTOM", COUGH, "src-b"));
        EvidencePath prefix = path(0.5, in(FEVER, "HAS_SYMPTOM", FLU, "src-a"));
        assertEquals(List.of("Influenza has symptom Fever.", "Influenza has symptom Cough."),
                AnswerComposer.stepStatements(List.of(walk, prefix), Language.EN));
    }

    private static final RelationshipReading SYMPTOM_READING =
            new RelationshipReading("Symptoms of {subject} include {object}", "{subject}的症状包括{object}");

    @Test
    void statesEachFactInTheGraphsReadingAndInChineseWithTheChineseNames() {
        PathNode flu = new PathNode(FLU.id(), FLU.labels(), "Influenza", "流行性感冒");
        PathNode fever = new PathNode(FEVER.id(), FEVER.labels(), "Fever", "发热");
        PathNode rest = new PathNode("medical:precaution:rest", List.of("Precaution"), "Rest");
        EvidencePath walk = path(0.9, new PathStep(fever, "HAS_SYMPTOM", PathStep.Direction.INCOMING, flu, "s",
                SYMPTOM_READING), out(flu, "HAS_PRECAUTION", rest, "s"));
        AnswerComposer composer = new AnswerComposer(5);

        AnswerComposer.Composed english = composer.compose(List.of(walk), type -> 1.0, Language.EN);
        assertEquals("Symptoms of Influenza include Fever. Influenza has precaution Rest.", english.text());
        AnswerComposer.Composed chinese = composer.compose(List.of(walk), type -> 1.0, Language.ZH);
        assertEquals("流行性感冒的症状包括发热。Influenza has precaution Rest.", chinese.text(),
                "a type without a Chinese reading is stated in English rather than left out");
        assertEquals(english.claims(), chinese.claims(), "claims are the same record in either language");
        assertEquals(List.of("流行性感冒的症状包括发热。", "Influenza has precaution Rest."),
                AnswerComposer.stepStatements(List.of(walk), Language.ZH));
    }
}
