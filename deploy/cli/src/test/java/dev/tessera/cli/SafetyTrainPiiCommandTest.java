package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tessera.safety.pii.PiiTagger;

/** Template-grouped cross-validation from the command line, on a small set written here. */
class SafetyTrainPiiCommandTest {

    private static final List<String> TEMPLATES = List.of("My name is {{name}}", "Please call {{name}} tomorrow.",
            "{{name}} will join the meeting.");

    /** 18 texts, each of three templates filled with six names; templates.txt beside them. */
    private static Path writeData(Path dir) throws Exception {
        String[] names = {"Ann Lee", "Bob Ray", "Eva Holm", "Jon Berg", "Mia Park", "Tom Wu"};
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (String template : TEMPLATES) {
            for (String name : names) {
                String text = template.replace("{{name}}", name);
                int start = text.indexOf(name);
                lines.add(json.writeValueAsString(Map.of("text", text,
                        "spans", List.of(Map.of("type", "PERSON", "start", start, "end", start + name.length())))));
            }
        }
        Files.write(dir.resolve("templates.txt"), TEMPLATES);
        return Files.write(dir.resolve("train.jsonl"), lines);
    }

    /** Runs the command; returns what it printed, after checking it exited 0. */
    private static String run(String... args) {
        return CommandRun.printed(new SafetyTrainPiiCommand(), args);
    }

    @Test
    void crossValidationPrintsHeldOutScoresAndWritesNoModel(@TempDir Path dir) throws Exception {
        Path data = writeData(dir);
        Path models = dir.resolve("models");
        String printed = run("--cross-validate", "3", "--no-encoder", "--no-static-vectors",
                "--data", data.toString(), "--out-dir", models.toString());
        assertTrue(printed.contains("18 texts, 18 written by one of 3 templates; 3 groups, 3 folds"), printed);
        JsonNode result = CommandRun.result(printed);
        assertEquals(3, result.get("folds").asInt());
        assertTrue(!result.has("minilm_f1") && !result.has("static_f1"),
                "--no-encoder and --no-static-vectors: " + printed);
        double f1 = result.get("sparse_person_f1_overlap").asDouble();
        assertTrue(f1 > 0 && f1 <= 1, printed);
        assertTrue(Files.notExists(models), "cross-validation writes no model");
    }

    @Test
    void theWrittenModelRecordsTheAugmentationInItsProvenance(@TempDir Path dir) throws Exception {
        Path data = writeData(dir);
        Path models = dir.resolve("models");
        run("--no-encoder", "--no-static-vectors", "--augment", "2", "--data", data.toString(), "--out-dir",
                models.toString());
        PiiTagger tagger;
        try (var in = Files.newInputStream(models.resolve("pii-tagger.bin"))) {
            tagger = PiiTagger.load(in, "test");
        }
        String described = String.join(" ", tagger.provenance().values());
        assertTrue(described.contains("train.jsonl") && described.contains("+ 2 texts per project-written template, "
                + SafetyTrainPiiCommand.AUGMENT_TEMPLATES + " sha256 "), described);
        String text = "Please call Ann Lee tomorrow.";
        assertEquals(List.of("Ann Lee"), tagger.tag(text).stream().filter(s -> s.entity().equals("PERSON"))
                .map(s -> text.substring(s.start(), s.end())).toList(), "the model still learns its training data");
    }
}
