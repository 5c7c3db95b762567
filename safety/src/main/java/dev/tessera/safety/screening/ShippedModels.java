package dev.tessera.safety.screening;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.head.OnnxHead;
import dev.tessera.sdk.onnx.InferenceOptions;
import dev.tessera.sdk.onnx.ModelSource;
import dev.tessera.sdk.registry.ModelCard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Where the trained screening heads, their cards and the project-written examples live on the class path. */
final class ShippedModels {

    static final String RESOURCE_DIR = "dev/tessera/safety/models/";
    static final String INJECTION_CONFIG = "injection-detector.json";
    static final String TOXICITY_HEAD = "toxicity-minilm.onnx";
    static final String SCOPE_HEAD = "scope-minilm.onnx";
    static final String SCOPE_CJK_HEAD = "scope-bge.onnx";
    static final String ZH_INJECTION_EXAMPLES = "injection-zh-examples.tsv";
    /** Project-written English lines in the "topic: question" shape, benign and injected alike. */
    static final String EN_INJECTION_EXAMPLES = "injection-en-examples.tsv";
    /** Project-written Chinese lines never used for training: the Chinese figures of the injection screen. */
    static final String ZH_INJECTION_EVALUATION = "injection-zh-eval.tsv";
    static final String SCOPE_EXAMPLES = "scope-examples.tsv";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ShippedModels() {
    }

    static OnnxHead head(String file, InferenceOptions options) {
        return OnnxHead.load(ModelSource.classpath(RESOURCE_DIR + file), options);
    }

    static <T> T json(String file, Class<T> type) {
        try (InputStream in = open(file)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + RESOURCE_DIR + file + ": " + e.getMessage(), e);
        }
    }

    static ModelCard card(String onnxFile) {
        return json(cardFile(onnxFile), ModelCard.class);
    }

    static String cardFile(String onnxFile) {
        return onnxFile.replace(".onnx", ".card.json");
    }

    /** A project-written example file: {@code label<TAB>text} lines, {@code #} comments. */
    static List<LabeledExample> examples(String file) {
        List<LabeledExample> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 1) {
                    throw new ModelLoadException(RESOURCE_DIR + file + ": line without label<TAB>text: " + line);
                }
                out.add(new LabeledExample(line.substring(tab + 1), line.substring(0, tab)));
            }
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + RESOURCE_DIR + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static InputStream open(String file) {
        InputStream in = ShippedModels.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new ModelLoadException("Screening model resource not found on the class path: " + RESOURCE_DIR
                    + file + " (train it with 'tessera train safety-heads')");
        }
        return in;
    }
}
