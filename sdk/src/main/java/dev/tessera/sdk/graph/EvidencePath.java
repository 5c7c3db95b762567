package dev.tessera.sdk.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A path from a linked entity through the graph, with the sources of its relationships.
 *
 * @param steps the relationships in walking order; the first starts at the linked entity
 * @param score the linked entity's score times the retriever's decay once per hop, so short paths from well-linked
 *              entities rank first
 */
public record EvidencePath(List<PathStep> steps, double score) {

    public EvidencePath {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one step");
        }
    }

    public int hops() {
        return steps.size();
    }

    /** The nodes in walking order, the linked entity first. */
    public List<PathNode> nodes() {
        List<PathNode> nodes = new ArrayList<>(steps.size() + 1);
        nodes.add(steps.get(0).from());
        steps.forEach(step -> nodes.add(step.to()));
        return nodes;
    }

    public List<String> nodeIds() {
        return nodes().stream().map(PathNode::id).toList();
    }

    /**
     * The path as one line a model can quote and a reader can check, e.g. {@code Nausea [Symptom] <-[HAS_SYMPTOM]-
     * Migraine [Disease] -[HAS_SYMPTOM]-> Headache [Symptom]. Sources: NHS: Migraine}. Distinct sources are listed in
     * path order, separated by {@code " | "} (a source may itself contain {@code ;}).
     */
    public String citation() {
        StringBuilder text = new StringBuilder(steps.get(0).from().display());
        Set<String> sources = new LinkedHashSet<>();
        for (PathStep step : steps) {
            text.append(' ').append(step.arrow()).append(' ').append(step.to().display());
            sources.add(step.source());
        }
        return text.append(". Sources: ").append(String.join(" | ", sources)).toString();
    }
}
