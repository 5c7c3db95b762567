package dev.tessera.sdk.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityMentionsTest {

    private static EntityMentions.Candidate candidate(String id, String... names) {
        return new EntityMentions.Candidate(id, Arrays.asList(names));
    }

    private static List<String> named(String text, List<EntityMentions.Candidate> candidates) {
        return EntityMentions.named(text, candidates).stream().map(EntityMentions.Named::id).toList();
    }

    private static final List<EntityMentions.Candidate> MEDICAL = List.of(
            candidate("redflag:severe_malaria", "Signs of severe malaria", "重症疟疾征象", "complicated malaria", "重症疟疾"),
            candidate("disease:malaria", "Malaria", "疟疾", "paludism", null),
            candidate("symptom:chest_pain", "Chest pain", "胸痛"),
            candidate("redflag:chest_pain_sweating", "Chest pain with sweating", null));

    @Test
    void wholeWordsCaseAndPunctuationIgnored() {
        assertEquals(List.of("disease:malaria"), named("What are the symptoms of MALARIA?", MEDICAL));
        assertEquals(List.of("disease:malaria"), named("paludism: how is it spread", MEDICAL),
                "an alias names it too");
        assertEquals(List.of(), named("Is antimalarial treatment safe?", MEDICAL),
                "inside a longer word is no mention");
    }

    @Test
    void longerNamesFirst() {
        assertEquals(List.of("redflag:chest_pain_sweating", "symptom:chest_pain"),
                named("Chest-pain with sweating since noon", MEDICAL));
        assertEquals(List.of("redflag:severe_malaria", "disease:malaria"),
                named("Signs of severe malaria in a child", MEDICAL));
    }

    @Test
    void namesOfTheSameLengthShareARank() {
        List<EntityMentions.Candidate> twins = List.of(candidate("symptom:coughing_blood", "Coughing up blood"),
                candidate("redflag:coughing_blood", "Coughing up blood"), candidate("symptom:cough", "Cough"));
        assertEquals(List.of(new EntityMentions.Named("symptom:coughing_blood", 1),
                        new EntityMentions.Named("redflag:coughing_blood", 1), new EntityMentions.Named("symptom:cough", 2)),
                EntityMentions.named("Coughing up blood and a cough", twins));
    }

    @Test
    void chineseNamesAsSubstrings() {
        assertEquals(List.of("disease:malaria"), named("疟疾有什么症状？", MEDICAL));
        assertEquals(List.of("redflag:severe_malaria", "disease:malaria"),
                named("出现重症疟疾怎么办", MEDICAL));
    }

    @Test
    void tooShortNamesAndBlankNamesNameNothing() {
        List<EntityMentions.Candidate> short_ = List.of(candidate("a", "Is", " ", null), candidate("b", "痛"));
        assertEquals(List.of(), named("Is it 痛?", short_));
        assertEquals("chest pain with sweating", EntityMentions.words("  Chest-PAIN, with… sweating!! "));
    }

    @Test
    void aTwoLetterAbbreviationCountsOnlyInCapitalsAsATokenOfItsOwn() {
        List<EntityMentions.Candidate> short_ = List.of(candidate("sector:it", "Information technology", "IT"),
                candidate("country:us", "United States", "US"), candidate("service:ae", "Emergency department", "A&E"),
                candidate("word:is", "Is"));
        assertEquals(List.of("sector:it"), named("IT: what should I know?", short_));
        assertEquals(List.of("country:us"), named("What are the risks of US?", short_));
        assertEquals(List.of("service:ae"), named("When should I go to A&E?", short_));
        assertEquals(List.of(), named("Is it risky for us to go?", short_), "lower case is the word, not the name");
        assertEquals(List.of(), named("ITALY and USB sticks; A&Eve", short_), "inside a longer token it is none");
    }
}
