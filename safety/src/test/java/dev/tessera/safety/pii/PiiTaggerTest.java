package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.ModelLoadException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training on a handful of sentences, and the model file round trip. */
class PiiTaggerTest {

    private static List<LabeledText> tinySet() {
        String[] names = {"Ann Lee", "Bob Ray", "Eva Holm", "Jon Berg", "Mia Park", "Tom Wu"};
        String[] frames = {"My name is %s.", "Please call %s tomorrow.", "%s will join the meeting."};
        List<LabeledText> out = new ArrayList<>();
        for (String name : names) {
            for (String frame : frames) {
                String text = String.format(frame, name);
                int start = text.indexOf(name);
                out.add(new LabeledText(text, List.of(new LabeledText.Span("PERSON", start, start + name.length()))));
            }
        }
        return out;
    }

    private static PiiTagger train() {
        return PiiTaggerTrainer.builder().entity("PERSON", "PERSON").bucketBits(14).epochs(10).build().train(tinySet());
    }

    @Test
    void learnsTheTrainingSpans() {
        PiiTagger tagger = train();
        assertEquals(List.of(new PiiTagger.Span("PERSON", 11, 19)), tagger.tag("My name is Eva Holm."));
        assertEquals(PiiTaggerTrainer.TRAINER_ID, tagger.provenance().get("trainer"));
    }

    @Test
    void severalOrderingsAveragedStillLearnTheSpansAndSayHowMany() {
        PiiTagger tagger = PiiTaggerTrainer.builder().entity("PERSON", "PERSON").bucketBits(14).epochs(10).orderings(3)
                .build().train(tinySet());
        assertEquals(List.of(new PiiTagger.Span("PERSON", 11, 19)), tagger.tag("My name is Eva Holm."));
        assertEquals("3", tagger.provenance().get("orderings"));
        assertThrows(IllegalArgumentException.class, () -> PiiTaggerTrainer.builder().orderings(0));
        assertThrows(IllegalArgumentException.class, () -> PiiTaggerTrainer.builder().orderings(65));
    }

    @Test
    void writeThenLoadGivesTheSameTags() throws Exception {
        PiiTagger tagger = train();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tagger.write(bytes);
        PiiTagger loaded = PiiTagger.load(new ByteArrayInputStream(bytes.toByteArray()), "memory");
        for (LabeledText t : tinySet()) {
            assertEquals(tagger.tag(t.text()), loaded.tag(t.text()));
        }
        assertEquals(tagger.provenance(), loaded.provenance());
    }

    @Test
    void crossValidationKeepsEachGroupInOneFoldAndScoresEveryText() {
        List<LabeledText> data = tinySet();
        int[] byFrame = new int[data.size()];
        for (int i = 0; i < byFrame.length; i++) {
            byFrame[i] = i % 3; // tinySet cycles through three sentence frames per name
        }
        PiiTaggerTrainer trainer = PiiTaggerTrainer.builder().entity("PERSON", "PERSON").bucketBits(14).epochs(10)
                .build();
        PiiEvaluation.Report r = trainer.crossValidate(data, byFrame, 3, null, PiiEvaluation.presidio());

        assertEquals(data.size(), r.texts());
        assertEquals(data.size(), r.exact().get(PiiType.PERSON).gold());
        // Every frame is held out once and names carry over from the other two frames' sentences.
        assertTrue(r.microOverlap().recall() > 0.5, r.table());
        assertThrows(IllegalArgumentException.class,
                () -> trainer.crossValidate(data, byFrame, 4, null, PiiEvaluation.presidio()), "more folds than groups");
        assertThrows(IllegalArgumentException.class,
                () -> trainer.crossValidate(data, new int[] {0, 1}, 2, null, PiiEvaluation.presidio()));
    }

    @Test
    void corruptOrMissingModelsFailWithATypedError() {
        assertThrows(ModelLoadException.class, () -> PiiTagger.load(null, "nowhere"));
        byte[] junk = {1, 2, 3};
        assertThrows(ModelLoadException.class, () -> PiiTagger.load(new ByteArrayInputStream(junk), "junk"));
    }

    @Test
    void bundledModelsRecordTheirProvenance() {
        PiiTagger bundled = PiiTagger.bundled();
        assertEquals(List.of("PERSON", "PLACE_OR_GROUP", "STREET_ADDRESS"), bundled.entities(),
                "places and nationalities are tagged so they are not read as people or streets");
        assertTrue(bundled.provenance().get("entity_map").contains("GPE=PLACE_OR_GROUP"));
        assertTrue(bundled.provenance().get("training_data").contains("train.jsonl"));
        assertEquals("none", bundled.provenance().get("word_vectors"));
    }

    @Test
    void theModelCardNamesEachShippedTaggersSha256AndSize() throws Exception {
        String card;
        try (var in = PiiTagger.class.getResourceAsStream("MODEL_CARD.md")) {
            card = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String file : List.of("pii-tagger.bin", "pii-tagger-minilm-static.bin", "pii-tagger-minilm.bin")) {
            byte[] bytes;
            try (var in = PiiTagger.class.getResourceAsStream(file)) {
                bytes = in.readAllBytes();
            }
            String row = card.lines().filter(l -> l.startsWith("| `" + file + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + file));
            assertTrue(row.contains("`" + dev.tessera.sdk.onnx.Sha256.hex(bytes) + "`"), row);
            assertTrue(row.contains("| " + bytes.length + " bytes |"), row);
        }
    }
}
