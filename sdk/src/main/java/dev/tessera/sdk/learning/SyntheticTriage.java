package dev.tessera.sdk.learning;

import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.head.HeadTrainer;
import dev.tessera.sdk.head.HeadType;
import dev.tessera.sdk.head.LinearHead;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A small symptom-to-specialty task written by the Tessera project (templates and phrases below; no external data),
 * used to demonstrate, test and benchmark continual learning. Sentences combine an opener, a symptom phrase and a
 * time phrase. The "reflux family" (heartburn-like complaints, truly gastroenterology) is left out of the base
 * training data on purpose: its chest wording pulls an untrained head towards cardiology, so users' corrections
 * have something to fix.
 */
public final class SyntheticTriage {

    public static final List<String> LABELS = List.of("cardiology", "dermatology", "gastroenterology", "neurology");
    public static final String MODEL = "triage";
    public static final String SOURCE = "Tessera project-written templates (SyntheticTriage); no external data";

    private static final List<String> OPENERS = List.of("I have had", "My mother complains of",
            "For the past week there has been", "The patient reports", "She is worried about", "He keeps getting",
            "My son has", "We noticed");
    private static final List<String> TIMES = List.of("for three days", "since last month", "every morning",
            "on and off for weeks", "since yesterday", "after the weekend");
    private static final List<List<String>> SYMPTOMS = List.of(
            List.of("a racing heartbeat", "chest pain when climbing stairs", "swollen ankles and breathlessness",
                    "palpitations at rest", "pressure in the chest during exercise", "an irregular pulse",
                    "fainting spells when standing", "high blood pressure readings", "tightness across the chest",
                    "shortness of breath lying flat"),
            List.of("an itchy red rash", "dry flaky skin on the elbows", "a mole that changed colour",
                    "hives after eating nuts", "acne on the back", "a scaly patch on the scalp",
                    "blisters on the hands", "a spreading ring-shaped rash", "painful cracked heels",
                    "dark spots on the face"),
            List.of("bloating after meals", "stomach cramps and diarrhoea", "constipation and abdominal pain",
                    "nausea and vomiting", "blood in the stool", "pain in the upper right abdomen",
                    "loss of appetite and stomach ache", "frequent loose stools", "a swollen belly",
                    "difficulty swallowing food"),
            List.of("severe headaches with flashing lights", "numbness in the left hand", "dizziness and poor balance",
                    "tremor in both hands", "memory lapses", "tingling in the feet", "a seizure",
                    "weakness on one side of the face", "migraines with nausea", "trouble finding words"));
    /** Reflux-like complaints: truly gastroenterology, worded like chest complaints. */
    public static final List<String> REFLUX_FAMILY = List.of("a burning feeling behind the breastbone after meals",
            "heartburn every night", "acid rising into the chest when lying down", "chest burning after spicy food",
            "a sour taste and burning in the chest", "burning chest discomfort after coffee");

    /** A labelled sentence. */
    public record Example(String text, String label) {
    }

    /**
     * The task's splits: {@code train} (base training data, no reflux family), {@code validation} and
     * {@code forgetting} (held out, no reflux family), {@code familyFeedback} and {@code familyTest} (reflux family,
     * labelled gastroenterology, disjoint).
     */
    public record Splits(List<Example> train, List<Example> validation, List<Example> forgetting,
                         List<Example> familyFeedback, List<Example> familyTest) {
    }

    private SyntheticTriage() {
    }

    public static Splits splits(long seed) {
        List<Example> all = new ArrayList<>();
        for (int c = 0; c < LABELS.size(); c++) {
            for (String s : SYMPTOMS.get(c)) {
                for (String o : OPENERS) {
                    for (String t : TIMES) {
                        all.add(new Example(o + " " + s + " " + t + ".", LABELS.get(c)));
                    }
                }
            }
        }
        List<Example> family = new ArrayList<>();
        for (String s : REFLUX_FAMILY) {
            for (String o : OPENERS) {
                for (String t : TIMES) {
                    family.add(new Example(o + " " + s + " " + t + ".", "gastroenterology"));
                }
            }
        }
        Random r = new Random(seed);
        Collections.shuffle(all, r);
        Collections.shuffle(family, r);
        // 1,920 sentences: 480 train, 160 validation, 160 forgetting; the rest is unused
        return new Splits(all.subList(0, 480), all.subList(480, 640), all.subList(640, 800),
                family.subList(0, 144), family.subList(144, 288));
    }

    public static ExampleSet embed(SentenceEncoder encoder, List<Example> examples) {
        List<Embedding> vectors = encoder.embedAll(examples.stream().map(Example::text).toList());
        int[] y = examples.stream().mapToInt(e -> LABELS.indexOf(e.label())).toArray();
        return new ExampleSet(LABELS, encoder.dimension(), vectors.stream().map(Embedding::vector).toList(), y);
    }

    /** Trains the base head on {@code train} and stores it as v1 of {@code default/triage} (unless it exists). */
    public static ModelManifest bootstrap(ModelStore store, SentenceEncoder encoder, Splits splits, int replayCapacity) {
        ModelKey key = ModelKey.base(MODEL);
        if (store.state().model(key) != null) {
            return store.manifest(key, store.state().model(key).current());
        }
        ExampleSet train = embed(encoder, splits.train());
        LinearHead head = HeadTrainer.builder(HeadType.MULTI_CLASS).epochs(40).encoder(encoder.modelName()).build()
                .train(MODEL, train.toTrainingSet(SOURCE + ", train split (" + train.size() + " sentences)"));
        return ModelLifecycle.bootstrap(store, key, head, encoder.modelName(), train,
                embed(encoder, splits.validation()), embed(encoder, splits.forgetting()), replayCapacity, 42);
    }
}
