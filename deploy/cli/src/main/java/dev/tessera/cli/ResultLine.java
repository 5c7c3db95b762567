package dev.tessera.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The last line every benchmark and evaluation prints, {@code RESULT {json}}, so runs can be compared by tools. */
final class ResultLine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLine() {
    }

    static void print(Map<String, ?> figures) throws JsonProcessingException {
        System.out.println("RESULT " + JSON.writeValueAsString(figures));
    }

    /** Four decimals: finer than any of these figures can be trusted, coarse enough to read. */
    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
