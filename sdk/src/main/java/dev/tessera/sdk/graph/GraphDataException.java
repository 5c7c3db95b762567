package dev.tessera.sdk.graph;

import dev.tessera.sdk.InvalidInputException;
import java.util.List;

/**
 * A graph file is malformed: every problem found is listed with its file and line, and nothing was written.
 */
public class GraphDataException extends InvalidInputException {

    private final List<String> problems;

    public GraphDataException(String summary, List<String> problems) {
        super(summary + (problems.isEmpty() ? "" : ":\n  " + String.join("\n  ", problems)));
        this.problems = List.copyOf(problems);
    }

    /** One entry per problem, each starting with {@code file:line}. */
    public List<String> problems() {
        return problems;
    }
}
