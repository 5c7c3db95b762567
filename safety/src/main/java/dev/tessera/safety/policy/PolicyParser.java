package dev.tessera.safety.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns a YAML policy file into a {@link DomainPolicy}, or a {@link PolicyLoadException} naming file and entry. */
final class PolicyParser {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final String SCREENING_REFUSALS = "screening_refusal";
    private static final String INCLUDE = "include_escalation";
    private static final Set<String> TOP_KEYS = Set.of("domain", "version", "disclaimer", "refusal",
            SCREENING_REFUSALS, "no_evidence", "emergency", "forbidden", "escalation", INCLUDE, "schema");
    /** Escalation rule sets every policy may include by name, bundled beside the domain policies. */
    static final String SHARED_DIR = DomainPolicy.BUNDLED_DIR + "shared/";
    static final String SHARED_PREFIX = "shared";
    private static final Set<String> SHARED_KEYS = Set.of("set", "version", "escalation");
    private static final Set<String> RULE_KEYS = Set.of("id", "reason", "en", "zh");
    private static final Set<String> TEXT_KEYS = Set.of("en", "zh");

    private PolicyParser() {
    }

    static DomainPolicy parse(String source, byte[] yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new PolicyLoadException(source, "not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PolicyLoadException(source, "cannot be read: " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new PolicyLoadException(source, e.getMessage(), e);
        }
    }

    private static DomainPolicy parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the top level must be a mapping");
        }
        checkKeys(root, TOP_KEYS, "top level");
        String domain = text(root, "domain", "top level");
        if (!domain.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("domain '" + domain + "' must be lower-case letters, digits and '-'");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.asInt() < 1) {
            throw new IllegalArgumentException("version: must be a positive integer");
        }
        LocalizedText disclaimer = localized(root, "disclaimer");
        LocalizedText refusal = localized(root, "refusal");
        Map<String, LocalizedText> screeningRefusals = screeningRefusals(root);
        Optional<LocalizedText> noEvidence = root.has("no_evidence")
                ? Optional.of(localized(root, "no_evidence")) : Optional.empty();
        Optional<LocalizedText> emergency = root.has("emergency")
                ? Optional.of(localized(root, "emergency")) : Optional.empty();
        Set<String> ids = new HashSet<>();
        List<PolicyRule> forbidden = rules(root, "forbidden", domain, ids);
        List<PolicyRule> escalation = new ArrayList<>(rules(root, "escalation", domain, ids));
        escalation.addAll(included(root, ids));
        Optional<JsonSchema> schema = root.has("schema")
                ? Optional.of(JsonSchema.compile(root.get("schema"), "schema")) : Optional.empty();
        return new DomainPolicy(domain, version.asInt(), disclaimer, refusal, screeningRefusals, noEvidence, emergency,
                forbidden, escalation, schema);
    }

    /**
     * {@code screening_refusal: {prompt_injection: {en, zh}, ...}}, its keys from
     * {@link DomainPolicy#SCREENING_REFUSAL_REASONS}.
     */
    private static Map<String, LocalizedText> screeningRefusals(JsonNode root) {
        JsonNode node = root.get(SCREENING_REFUSALS);
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(SCREENING_REFUSALS + ": must be a mapping from a block reason to "
                    + "'en' and 'zh' texts");
        }
        checkKeys(node, Set.copyOf(DomainPolicy.SCREENING_REFUSAL_REASONS), SCREENING_REFUSALS);
        Map<String, LocalizedText> refusals = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String code = it.next();
            refusals.put(code, localized(node, code, SCREENING_REFUSALS + "." + code));
        }
        return refusals;
    }

    /**
     * The escalation rules of the shared sets the policy names under {@value #INCLUDE}, in the order named: rules
     * that every domain needs alike (a user in crisis writes to a finance service too), kept in one file.
     */
    private static List<PolicyRule> included(JsonNode root, Set<String> ids) {
        JsonNode names = root.path(INCLUDE);
        if (names.isMissingNode()) {
            return List.of();
        }
        if (!names.isArray()) {
            throw new IllegalArgumentException(INCLUDE + ": must be a list of shared rule-set names");
        }
        List<PolicyRule> rules = new ArrayList<>();
        for (JsonNode name : names) {
            if (!name.isTextual() || !name.asText().matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException(INCLUDE + ": '" + name.asText() + "' is no rule-set name");
            }
            rules.addAll(sharedSet(name.asText(), ids));
        }
        return rules;
    }

    private static List<PolicyRule> sharedSet(String name, Set<String> ids) {
        String resource = SHARED_DIR + name + ".yaml";
        JsonNode root;
        try (InputStream in = PolicyParser.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(INCLUDE + ": no shared rule set '" + name + "' (" + resource + ")");
            }
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(INCLUDE + ": " + resource + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(resource + ": the top level must be a mapping");
        }
        checkKeys(root, SHARED_KEYS, resource);
        if (!name.equals(text(root, "set", resource))) {
            throw new IllegalArgumentException(resource + ": 'set' must be its file name, " + name);
        }
        try {
            return rules(root, "escalation", SHARED_PREFIX, ids);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(resource + ": " + e.getMessage(), e);
        }
    }

    private static List<PolicyRule> rules(JsonNode root, String section, String domain, Set<String> ids) {
        JsonNode list = root.path(section);
        if (list.isMissingNode()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(section + ": must be a list of rules");
        }
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode rule = list.get(i);
            String where = section + "[" + i + "]";
            if (!rule.isObject()) {
                throw new IllegalArgumentException(where + ": must be a mapping with id, reason, en, zh");
            }
            String id = text(rule, "id", where);
            where = where + " (" + id + ")";
            checkKeys(rule, RULE_KEYS, where);
            if (!id.startsWith(domain + ".")) {
                throw new IllegalArgumentException(where + ": id must start with '" + domain + ".'");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + ": duplicate rule id");
            }
            String reason = text(rule, "reason", where);
            List<Pattern> patterns = new ArrayList<>();
            for (String lang : List.of("en", "zh")) {
                JsonNode regexes = rule.get(lang);
                if (regexes == null || !regexes.isArray() || regexes.isEmpty()) {
                    throw new IllegalArgumentException(where + "." + lang + ": must be a non-empty list of regexes");
                }
                for (JsonNode regex : regexes) {
                    patterns.add(compile(regex, where + "." + lang));
                }
            }
            rules.add(new PolicyRule(id, reason, patterns));
        }
        return rules;
    }

    private static Pattern compile(JsonNode regex, String where) {
        if (!regex.isTextual() || regex.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": every entry must be a non-empty string");
        }
        Pattern p;
        try {
            p = Pattern.compile(regex.asText(), PolicyRule.FLAGS);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": regex '" + regex.asText() + "' does not compile: "
                    + e.getDescription());
        }
        // A pattern that matches the empty string would fire on every answer and refuse everything.
        if (p.matcher("").find()) {
            throw new IllegalArgumentException(where + ": regex '" + regex.asText() + "' matches the empty string");
        }
        return p;
    }

    private static LocalizedText localized(JsonNode root, String key) {
        return localized(root, key, key);
    }

    private static LocalizedText localized(JsonNode parent, String key, String where) {
        JsonNode node = parent.get(key);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": must be a mapping with 'en' and 'zh' texts");
        }
        checkKeys(node, TEXT_KEYS, where);
        return new LocalizedText(text(node, "en", where), text(node, "zh", where));
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + "." + key + ": missing or not a non-empty string");
        }
        return v.asText().strip();
    }

    /** Unknown keys are errors: a misspelt "forbiden" must not silently drop every rule under it. */
    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (allowed: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }
}
