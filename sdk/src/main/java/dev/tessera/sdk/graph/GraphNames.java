package dev.tessera.sdk.graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The names and aliases of a graph directory's entities, read and checked exactly as {@link GraphLoader} reads them:
 * what users will call the entities, for tools that ask about them without a running Neo4j.
 */
public final class GraphNames {

    /**
     * One entity's names.
     *
     * @param english its name, then its English aliases
     * @param chinese its Chinese name when it has one, then its Chinese aliases
     */
    public record Entity(String id, String label, List<String> english, List<String> chinese) {
        public Entity {
            english = List.copyOf(english);
            chinese = List.copyOf(chinese);
        }
    }

    private GraphNames() {
    }

    /**
     * The entities of {@code directory}'s {@code nodes.jsonl}, in file order.
     *
     * @throws GraphDataException when the directory's graph files are missing or malformed
     */
    public static List<Entity> read(GraphDomain domain, Path directory) {
        List<Entity> out = new ArrayList<>();
        for (GraphFiles.NodeLine node : GraphFiles.read(domain, directory).nodes()) {
            List<String> english = new ArrayList<>(List.of(node.name()));
            english.addAll(node.aliases());
            List<String> chinese = new ArrayList<>(List.of(node.nameZh()));
            chinese.addAll(node.aliasesZh());
            english.removeIf(String::isBlank);
            chinese.removeIf(String::isBlank); // an absent Chinese name reads as ""
            out.add(new Entity(node.id(), node.label(), english, chinese));
        }
        return List.copyOf(out);
    }
}
