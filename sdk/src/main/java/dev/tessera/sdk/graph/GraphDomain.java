package dev.tessera.sdk.graph;

import java.util.regex.Pattern;

/**
 * One domain's graph (medical, legal, finance, …) and the Neo4j names derived from it.
 *
 * <p>Every node of the domain carries three labels: {@code Entity} (unique {@code id} across all domains), its own
 * label such as {@code Disease}, and the domain label {@code Domain_<name>}. The domain label scopes the domain's
 * full-text and vector indexes, so a medical query never links a legal entity. Its {@code Domain_} prefix keeps it
 * apart from entity labels, which may not use that prefix.
 *
 * @param name lowercase ASCII, e.g. {@code medical}; also the directory name under {@code deploy/graphs}
 */
public record GraphDomain(String name) {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,31}$");
    /** Prefix of the domain labels; entity labels may not start with it. */
    static final String LABEL_PREFIX = "Domain_";
    /** The label every node has, with the unique constraint on {@code id}. */
    static final String ENTITY_LABEL = "Entity";

    public GraphDomain {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid domain " + (name == null ? "null" : "'" + name + "'")
                    + ": lowercase ASCII letters, digits and '_', starting with a letter, at most 32 characters");
        }
    }

    public static GraphDomain of(String name) {
        return new GraphDomain(name);
    }

    /** E.g. {@code Domain_medical}. */
    public String label() {
        return LABEL_PREFIX + name;
    }

    /** Prefix every node id of the domain has, e.g. {@code medical:}. */
    public String idPrefix() {
        return name + ":";
    }

    String fullTextIndex() {
        return name + "_entity_text";
    }

    String englishVectorIndex() {
        return name + "_entity_embedding_en";
    }

    String chineseVectorIndex() {
        return name + "_entity_embedding_zh";
    }
}
