package dev.tessera.safety.eval;

import dev.tessera.safety.screening.ScreeningDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * Where the evaluation's test data sits under {@code <sharedData>/safety} (read in place, never copied). The
 * injection and toxicity splits come from {@link ScreeningDatasets}, so training and evaluation read them one way.
 */
final class EvalDatasets {

    private EvalDatasets() {
    }

    static Path piiTest(Path shared) {
        return shared.resolve("safety/pii_synthetic/test.jsonl");
    }

    static boolean present(Path shared) {
        return ScreeningDatasets.present(shared) && Files.isRegularFile(piiTest(shared));
    }

    /** Every {@code stride}-th element, starting with the first (stride 1 = all). */
    static <T> List<T> every(List<T> all, int stride) {
        if (stride <= 1) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += stride) {
            out.add(all.get(i));
        }
        return out;
    }
}
