package dev.tessera.sdk.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a domain's {@code nodes.jsonl}, {@code relationships.jsonl} and, where present, {@code
 * relationship-types.jsonl} (format: {@code deploy/graphs/<domain>/SOURCES.md}). Every problem is collected with
 * its file and line before anything is written, so a bad file never leaves half a graph behind.
 */
final class GraphFiles {

    static final String NODES_FILE = "nodes.jsonl";
    static final String RELATIONSHIPS_FILE = "relationships.jsonl";
    /** Optional: how each relationship type reads as a sentence. When present, it must declare every type used. */
    static final String RELATIONSHIP_TYPES_FILE = "relationship-types.jsonl";

    /** Stop listing after this many: the first ones show what is wrong with the file. */
    private static final int MAX_PROBLEMS = 50;

    private static final Set<String> NODE_FIELDS = Set.of("id", "label", "name", "name_zh", "aliases", "aliases_zh",
            "description", "description_zh", "properties", "source");
    private static final Set<String> RELATIONSHIP_FIELDS = Set.of("from", "to", "type", "properties", "source");
    private static final Set<String> RELATIONSHIP_TYPE_FIELDS = Set.of("type", "reading", "reading_zh", "description",
            "rank_by");
    /** Relationship properties the loader sets itself. */
    static final Set<String> RESERVED_RELATIONSHIP_KEYS = Set.of("source", "reading", "reading_zh",
            RelationshipRank.RANK_PROPERTY);
    /** Node properties the loader sets itself; a node's own {@code properties} may not use these keys. */
    static final Set<String> RESERVED_NODE_KEYS = Set.of("id", "domain", "name", "name_zh", "aliases", "aliases_zh",
            "aliases_text", "description", "description_zh", "source", GraphLoader.ENGLISH_EMBEDDING,
            GraphLoader.CHINESE_EMBEDDING);

    /** One node line. {@code properties} hold Neo4j-storable values: scalars and homogeneous lists. */
    record NodeLine(int line, String id, String label, String name, String nameZh, List<String> aliases,
                    List<String> aliasesZh, String description, String descriptionZh, Map<String, Object> properties,
                    String source) {
    }

    record RelationshipLine(int line, String from, String to, String type, Map<String, Object> properties,
                            String source) {
    }

    /**
     * @param readings by relationship type; empty when the graph has no {@code relationship-types.jsonl}
     * @param ranks    by relationship type, for the types that declare {@code rank_by}
     */
    record GraphData(List<NodeLine> nodes, List<RelationshipLine> relationships,
                     Map<String, RelationshipReading> readings, Map<String, RelationshipRank> ranks) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final GraphDomain domain;
    private final List<String> problems = new ArrayList<>();
    /** Every type the types file declares, its line valid or not: a bad reading is not also an undeclared type. */
    private final Set<String> declaredTypes = new HashSet<>();
    private final Map<String, RelationshipRank> ranks = new LinkedHashMap<>();

    private GraphFiles(GraphDomain domain) {
        this.domain = domain;
    }

    /**
     * @throws GraphDataException listing every problem (up to 50) when the files are malformed, an id repeats, or a
     *                            relationship names a node that is not in the nodes file
     */
    static GraphData read(GraphDomain domain, Path directory) {
        return new GraphFiles(domain).readDirectory(directory);
    }

    private GraphData readDirectory(Path directory) {
        Path nodesFile = directory.resolve(NODES_FILE);
        Path relationshipsFile = directory.resolve(RELATIONSHIPS_FILE);
        for (Path file : List.of(nodesFile, relationshipsFile)) {
            if (!Files.isRegularFile(file)) {
                throw new GraphDataException("Cannot load graph '" + domain.name() + "'",
                        List.of(file + ": no such file"));
            }
        }
        List<NodeLine> nodes = new ArrayList<>();
        // Every id the file declares, valid line or not: an edge to a node with a typo elsewhere is not an edge to nowhere.
        Set<String> ids = new HashSet<>();
        forEachObject(nodesFile, (line, object) -> {
            JsonNode id = object.get("id");
            boolean duplicate = id != null && id.isTextual() && !ids.add(id.asText());
            if (duplicate) {
                problem(NODES_FILE, line, "duplicate id '" + id.asText() + "'");
            }
            NodeLine node = node(line, object);
            if (node != null && !duplicate) {
                nodes.add(node);
            }
        });
        Path typesFile = directory.resolve(RELATIONSHIP_TYPES_FILE);
        Map<String, RelationshipReading> readings = Files.isRegularFile(typesFile) ? readings(typesFile) : null;
        List<RelationshipLine> relationships = new ArrayList<>();
        Set<String> edges = new HashSet<>();
        forEachObject(relationshipsFile, (line, object) -> {
            RelationshipLine relationship = relationship(line, object, ids);
            if (relationship == null) {
                return;
            }
            if (readings != null && !declaredTypes.contains(relationship.type())) {
                problem(RELATIONSHIPS_FILE, line, "type '" + relationship.type() + "' is not declared in "
                        + RELATIONSHIP_TYPES_FILE);
                return;
            }
            if (!edges.add(relationship.from() + "\u0000" + relationship.type() + "\u0000" + relationship.to())) {
                problem(RELATIONSHIPS_FILE, line, "duplicate relationship " + relationship.from() + " -["
                        + relationship.type() + "]-> " + relationship.to());
            } else {
                relationships.add(relationship);
            }
        });
        if (!problems.isEmpty()) {
            throw new GraphDataException("Graph '" + domain.name() + "' in " + directory + " has "
                    + (problems.size() > MAX_PROBLEMS ? "more than " + MAX_PROBLEMS : problems.size())
                    + " problem(s); nothing was loaded", problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        }
        return new GraphData(List.copyOf(nodes), List.copyOf(relationships),
                readings == null ? Map.of() : Map.copyOf(readings), Map.copyOf(ranks));
    }

    /** The declared readings by type; a line with a problem is left out (and the problem listed). */
    private Map<String, RelationshipReading> readings(Path file) {
        Map<String, RelationshipReading> readings = new LinkedHashMap<>();
        forEachObject(file, (line, o) -> {
            int before = problems.size();
            unknownFields(RELATIONSHIP_TYPES_FILE, line, o, RELATIONSHIP_TYPE_FIELDS);
            String type = requiredText(RELATIONSHIP_TYPES_FILE, line, o, "type");
            String english = requiredText(RELATIONSHIP_TYPES_FILE, line, o, "reading");
            String chinese = optionalText(RELATIONSHIP_TYPES_FILE, line, o, "reading_zh");
            optionalText(RELATIONSHIP_TYPES_FILE, line, o, "description");
            if (type != null && !declaredTypes.add(type)) {
                problem(RELATIONSHIP_TYPES_FILE, line, "type '" + type + "' is declared twice");
            } else if (type != null && !validType(type)) {
                problem(RELATIONSHIP_TYPES_FILE, line, "type '" + type + "' must match "
                        + CypherNames.RELATIONSHIP_TYPE.pattern());
            }
            if (english != null) {
                RelationshipReading.problem(english)
                        .ifPresent(p -> problem(RELATIONSHIP_TYPES_FILE, line, "'reading' " + p));
            }
            if (!chinese.isEmpty()) {
                RelationshipReading.problem(chinese)
                        .ifPresent(p -> problem(RELATIONSHIP_TYPES_FILE, line, "'reading_zh' " + p));
            }
            RelationshipRank rank = rank(line, o.get("rank_by"));
            if (problems.size() == before) {
                readings.put(type, new RelationshipReading(english, chinese));
                if (rank != null) {
                    ranks.put(type, rank);
                }
            }
        });
        return readings;
    }

    /**
     * {@code rank_by}: {@code {"property": "frequency", "values": ["common", "occasional"]}} or {@code {"property":
     * "percent", "descending": true}}; null when absent or wrong (the problem listed).
     */
    private RelationshipRank rank(int line, JsonNode rankBy) {
        if (rankBy == null || rankBy.isNull()) {
            return null;
        }
        if (!rankBy.isObject()) {
            problem(RELATIONSHIP_TYPES_FILE, line, "'rank_by' must be an object");
            return null;
        }
        int before = problems.size();
        unknownFields(RELATIONSHIP_TYPES_FILE, line, rankBy, Set.of("property", "values", "descending"));
        String property = requiredText(RELATIONSHIP_TYPES_FILE, line, rankBy, "property");
        List<String> values = textList(RELATIONSHIP_TYPES_FILE, line, rankBy, "values");
        JsonNode descending = rankBy.get("descending");
        if (descending != null && !descending.isBoolean()) {
            problem(RELATIONSHIP_TYPES_FILE, line, "'rank_by.descending' must be true or false");
        } else if (descending != null && !values.isEmpty()) {
            problem(RELATIONSHIP_TYPES_FILE, line, "'rank_by' takes 'values' or 'descending', not both");
        }
        if (property != null && RESERVED_RELATIONSHIP_KEYS.contains(property)) {
            problem(RELATIONSHIP_TYPES_FILE, line, "'rank_by.property' '" + property + "' is set by the loader");
        }
        return problems.size() == before
                ? new RelationshipRank(property, values, descending != null && descending.asBoolean()) : null;
    }

    private static boolean validType(String type) {
        return CypherNames.RELATIONSHIP_TYPE.matcher(type).matches() && type.length() <= CypherNames.MAX_NAME_LENGTH;
    }

    private NodeLine node(int line, JsonNode o) {
        int before = problems.size();
        unknownFields(NODES_FILE, line, o, NODE_FIELDS);
        String id = requiredText(NODES_FILE, line, o, "id");
        String label = requiredText(NODES_FILE, line, o, "label");
        String name = requiredText(NODES_FILE, line, o, "name");
        String source = requiredText(NODES_FILE, line, o, "source");
        String nameZh = optionalText(NODES_FILE, line, o, "name_zh");
        String description = optionalText(NODES_FILE, line, o, "description");
        String descriptionZh = optionalText(NODES_FILE, line, o, "description_zh");
        List<String> aliases = textList(NODES_FILE, line, o, "aliases");
        List<String> aliasesZh = textList(NODES_FILE, line, o, "aliases_zh");
        Map<String, Object> properties = properties(NODES_FILE, line, o, RESERVED_NODE_KEYS);
        if (id != null && !id.startsWith(domain.idPrefix())) {
            // Ids are global (unique constraint on Entity.id): a foreign prefix would take over another domain's node.
            problem(NODES_FILE, line, "id '" + id + "' does not start with '" + domain.idPrefix() + "'");
        }
        if (label != null) {
            if (!CypherNames.LABEL.matcher(label).matches() || label.length() > CypherNames.MAX_NAME_LENGTH) {
                problem(NODES_FILE, line, "label '" + label + "' must match " + CypherNames.LABEL.pattern());
            } else if (label.equals(GraphDomain.ENTITY_LABEL) || label.startsWith(GraphDomain.LABEL_PREFIX)) {
                problem(NODES_FILE, line, "label '" + label + "' is reserved");
            }
        }
        return problems.size() > before ? null : new NodeLine(line, id, label, name, nameZh, aliases, aliasesZh,
                description, descriptionZh, properties, source);
    }

    private RelationshipLine relationship(int line, JsonNode o, Set<String> nodeIds) {
        int before = problems.size();
        unknownFields(RELATIONSHIPS_FILE, line, o, RELATIONSHIP_FIELDS);
        String from = requiredText(RELATIONSHIPS_FILE, line, o, "from");
        String to = requiredText(RELATIONSHIPS_FILE, line, o, "to");
        String type = requiredText(RELATIONSHIPS_FILE, line, o, "type");
        String source = requiredText(RELATIONSHIPS_FILE, line, o, "source");
        Map<String, Object> properties = properties(RELATIONSHIPS_FILE, line, o, RESERVED_RELATIONSHIP_KEYS);
        if (type != null && !validType(type)) {
            problem(RELATIONSHIPS_FILE, line, "type '" + type + "' must match " + CypherNames.RELATIONSHIP_TYPE.pattern());
        }
        for (String[] end : new String[][] {{"from", from}, {"to", to}}) {
            if (end[1] != null && !nodeIds.contains(end[1])) {
                problem(RELATIONSHIPS_FILE, line, "'" + end[0] + "' node '" + end[1] + "' is not in " + NODES_FILE);
            }
        }
        return problems.size() > before ? null : new RelationshipLine(line, from, to, type, properties, source);
    }

    private interface LineHandler {
        void accept(int line, JsonNode object);
    }

    private void forEachObject(Path file, LineHandler handler) {
        String name = file.getFileName().toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode object;
                try {
                    object = json.readTree(text);
                } catch (JsonProcessingException e) {
                    problem(name, line, "not valid JSON: " + e.getOriginalMessage());
                    continue;
                }
                if (object == null || !object.isObject()) {
                    problem(name, line, "not a JSON object");
                    continue;
                }
                handler.accept(line, object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private void unknownFields(String file, int line, JsonNode o, Set<String> known) {
        for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                problem(file, line, "unknown field '" + field + "'");
            }
        }
    }

    private String requiredText(String file, int line, JsonNode o, String field) {
        JsonNode value = o.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problem(file, line, "'" + field + "' must be a non-empty string");
            return null;
        }
        return value.asText();
    }

    private String optionalText(String file, int line, JsonNode o, String field) {
        JsonNode value = o.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            problem(file, line, "'" + field + "' must be a string");
            return "";
        }
        return value.asText();
    }

    private List<String> textList(String file, int line, JsonNode o, String field) {
        JsonNode value = o.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    problem(file, line, "'" + field + "' must be an array of strings");
                    return List.of();
                }
                texts.add(item.asText());
            }
            return List.copyOf(texts);
        }
        problem(file, line, "'" + field + "' must be an array of strings");
        return List.of();
    }

    /** Scalars and homogeneous arrays of scalars: what Neo4j can store as a property. */
    private Map<String, Object> properties(String file, int line, JsonNode o, Set<String> reserved) {
        JsonNode value = o.get("properties");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            problem(file, line, "'properties' must be an object");
            return Map.of();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String key = field.getKey();
            if (key.isBlank() || reserved.contains(key)) {
                problem(file, line, "property key '" + key + "' is " + (key.isBlank() ? "blank" : "reserved"));
                continue;
            }
            Object stored = storable(field.getValue());
            if (stored == null) {
                problem(file, line, "property '" + key + "' must be a string, number, boolean or an array of one of "
                        + "these kinds");
                continue;
            }
            properties.put(key, stored);
        }
        return properties;
    }

    private static Object storable(JsonNode value) {
        if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            Kind kind = null;
            for (JsonNode item : value) {
                Kind itemKind = Kind.of(item);
                if (itemKind == null || (kind != null && !kind.compatible(itemKind))) {
                    return null;
                }
                kind = kind == null ? itemKind : kind.widen(itemKind);
                items.add(scalar(item));
            }
            if (kind == Kind.FLOAT) {
                // Neo4j arrays are of one type: a mix of integers and decimals becomes all decimals.
                items.replaceAll(n -> ((Number) n).doubleValue());
            }
            return List.copyOf(items);
        }
        return Kind.of(value) == null ? null : scalar(value);
    }

    private static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.isIntegralNumber() ? (Object) value.asLong() : (Object) value.asDouble();
    }

    private enum Kind {
        STRING, BOOLEAN, INTEGER, FLOAT;

        static Kind of(JsonNode v) {
            if (v.isTextual()) {
                return STRING;
            }
            if (v.isBoolean()) {
                return BOOLEAN;
            }
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return INTEGER;
            }
            if (v.isFloatingPointNumber()) {
                return FLOAT;
            }
            return null;
        }

        boolean compatible(Kind other) {
            return this == other || (isNumber() && other.isNumber());
        }

        Kind widen(Kind other) {
            return this == other ? this : FLOAT;
        }

        private boolean isNumber() {
            return this == INTEGER || this == FLOAT;
        }
    }

    private void problem(String file, int line, String what) {
        problems.add(file + ":" + line + ": " + what);
    }
}
