package dev.tessera.safety.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subset of JSON Schema that structured answers need: {@code type} (object, string, number, integer, boolean,
 * array), {@code properties}, {@code required}, {@code items} and {@code enum}; {@code description} is allowed and
 * ignored. Any other keyword is rejected when the policy loads, so a schema never promises a check it does not do.
 * Extra properties in an answer are allowed. Immutable.
 */
public final class JsonSchema {

    private static final Set<String> TYPES = Set.of("object", "string", "number", "integer", "boolean", "array");
    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "items", "enum", "description");

    private final String type;
    private final Map<String, JsonSchema> properties;
    private final List<String> required;
    private final JsonSchema items;
    private final List<JsonNode> enumValues;

    private JsonSchema(String type, Map<String, JsonSchema> properties, List<String> required, JsonSchema items,
            List<JsonNode> enumValues) {
        this.type = type;
        this.properties = properties;
        this.required = required;
        this.items = items;
        this.enumValues = enumValues;
    }

    /**
     * Compiles a schema tree.
     *
     * @param where the schema's location in the policy file ("schema", "schema.properties.answer"), for messages
     * @throws IllegalArgumentException naming {@code where} and the problem
     */
    static JsonSchema compile(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYWORDS.contains(key)) {
                throw new IllegalArgumentException(where + ": unsupported keyword '" + key + "' (supported: "
                        + KEYWORDS + ")");
            }
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual() || !TYPES.contains(typeNode.asText())) {
            throw new IllegalArgumentException(where + ".type: must be one of " + TYPES);
        }
        String type = typeNode.asText();
        Map<String, JsonSchema> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        JsonSchema items = null;
        if (node.has("properties") || node.has("required")) {
            if (!type.equals("object")) {
                throw new IllegalArgumentException(where + ": properties/required need type object");
            }
            JsonNode props = node.path("properties");
            if (!props.isMissingNode() && !props.isObject()) {
                throw new IllegalArgumentException(where + ".properties: must be a mapping");
            }
            props.fields().forEachRemaining(e -> properties.put(e.getKey(),
                    compile(e.getValue(), where + ".properties." + e.getKey())));
            JsonNode req = node.path("required");
            if (!req.isMissingNode() && !req.isArray()) {
                throw new IllegalArgumentException(where + ".required: must be a list of property names");
            }
            for (JsonNode name : req) {
                if (!properties.containsKey(name.asText())) {
                    throw new IllegalArgumentException(where + ".required: '" + name.asText()
                            + "' is not declared under properties");
                }
                required.add(name.asText());
            }
        }
        if (node.has("items")) {
            if (!type.equals("array")) {
                throw new IllegalArgumentException(where + ": items needs type array");
            }
            items = compile(node.get("items"), where + ".items");
        }
        List<JsonNode> enumValues = new ArrayList<>();
        if (node.has("enum")) {
            JsonNode values = node.get("enum");
            if (!values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException(where + ".enum: must be a non-empty list");
            }
            for (JsonNode v : values) {
                if (!matchesType(v, type)) {
                    throw new IllegalArgumentException(where + ".enum: value " + v + " is not of type " + type);
                }
                enumValues.add(v);
            }
        }
        return new JsonSchema(type, Map.copyOf(properties), List.copyOf(required), items, List.copyOf(enumValues));
    }

    /** Every violation in {@code value}, each as "$.path: problem"; empty when the value conforms. */
    public List<String> validate(JsonNode value) {
        List<String> violations = new ArrayList<>();
        validate(value, "$", violations);
        return violations;
    }

    private void validate(JsonNode value, String path, List<String> violations) {
        if (!matchesType(value, type)) {
            violations.add(path + ": expected " + type + " but was " + value.getNodeType().name().toLowerCase());
            return;
        }
        if (!enumValues.isEmpty() && enumValues.stream().noneMatch(v -> sameValue(v, value))) {
            violations.add(path + ": " + value + " is not one of " + enumValues);
        }
        for (String name : required) {
            if (!value.has(name) || value.get(name).isNull()) {
                violations.add(path + "." + name + ": required but missing");
            }
        }
        properties.forEach((name, schema) -> {
            JsonNode child = value.get(name);
            if (child != null && !child.isNull()) {
                schema.validate(child, path + "." + name, violations);
            }
        });
        if (items != null) {
            for (int i = 0; i < value.size(); i++) {
                items.validate(value.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    private static boolean matchesType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "string" -> v.isTextual();
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber();
            case "boolean" -> v.isBoolean();
            case "array" -> v.isArray();
            default -> throw new IllegalStateException(type);
        };
    }

    /** Numbers compare by value, so an enum of 1 accepts 1.0 from a model that writes doubles. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0 : a.equals(b);
    }
}
