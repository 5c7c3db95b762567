package dev.tessera.safety.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainPolicyLoadTest {

    private static final String VALID = """
            domain: demo
            version: 1
            disclaimer: {en: "General information only.", zh: "仅供参考。"}
            refusal: {en: "I can't help with that.", zh: "我无法回答。"}
            forbidden:
              - id: demo.no-promise
                reason: promises an outcome
                en: ['\\bguarantee\\b']
                zh: ['保证']
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"legal", "medical", "finance"})
    void bundledPoliciesLoadWithRulesInBothLanguagesAndASchema(String domain) {
        DomainPolicy p = DomainPolicy.bundled(domain);
        assertEquals(domain, p.domain());
        assertTrue(p.forbidden().size() >= 2);
        assertTrue(p.schema().isPresent());
        assertTrue(p.forbidden().stream().allMatch(r -> r.id().startsWith(domain + ".")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"legal", "medical", "finance"})
    void bundledTemplatesDoNotTripTheirOwnForbiddenRules(String domain) {
        DomainPolicy p = DomainPolicy.bundled(domain);
        for (Language language : Language.values()) {
            for (String template : List.of(p.disclaimer().in(language), p.refusal().in(language))) {
                assertTrue(p.forbidden().stream().noneMatch(r -> r.matches(template)), domain + ": " + template);
            }
        }
    }

    @Test
    void aValidFileLoadsFromDisk() throws Exception {
        DomainPolicy p = DomainPolicy.load(write("demo.yaml", VALID));
        assertEquals("demo", p.domain());
        assertEquals(PolicyAction.REFUSE, new PolicyEngine(p).apply("We guarantee it.", Language.EN).action());
    }

    @Test
    void badRegexNamesTheFileTheRuleAndTheProblem() throws Exception {
        Path file = write("bad-regex.yaml", VALID.replace("'\\bguarantee\\b'", "'(guarantee'"));
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(file));
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ": forbidden[0] (demo.no-promise).en: regex '(guarantee'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("does not compile"), e.getMessage());
    }

    @Test
    void missingChineseTemplateIsNamed() throws Exception {
        Path file = write("no-zh.yaml", VALID.replace(", zh: \"我无法回答。\"", ""));
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(file));
        assertEquals(file + ": refusal.zh: missing or not a non-empty string", e.getMessage());
    }

    @Test
    void misspeltKeyIsRejectedRatherThanIgnored() throws Exception {
        Path file = write("typo.yaml", VALID.replace("forbidden:", "forbiden:"));
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(file));
        assertTrue(e.getMessage().contains("top level: unknown key 'forbiden'"), e.getMessage());
    }

    @Test
    void ruleWithoutChinesePatternsIsRejected() throws Exception {
        Path file = write("en-only.yaml", VALID.replace("    zh: ['保证']\n", ""));
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(file));
        assertTrue(e.getMessage().endsWith("forbidden[0] (demo.no-promise).zh: must be a non-empty list of regexes"),
                e.getMessage());
    }

    @Test
    void patternMatchingEverythingIsRejected() throws Exception {
        Path file = write("greedy.yaml", VALID.replace("['保证']", "['.*']"));
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(file));
        assertTrue(e.getMessage().contains("matches the empty string"), e.getMessage());
    }

    @Test
    void escalationWithoutEmergencyMessageIsRejected() throws Exception {
        Path file = write("no-emergency.yaml", VALID + """
                escalation:
                  - id: demo.red-flag
                    reason: urgent
                    en: ['\\bnow\\b']
                    zh: ['立即']
                """);
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(file));
        assertTrue(e.getMessage().contains("escalation rules need an 'emergency' message"), e.getMessage());
    }

    @Test
    void unsupportedSchemaKeywordAndUndeclaredRequiredFieldAreNamed() throws Exception {
        Path keyword = write("schema-min.yaml", VALID + """
                schema:
                  type: object
                  properties:
                    score: {type: number, minimum: 0}
                """);
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(keyword));
        assertTrue(e.getMessage().contains("schema.properties.score: unsupported keyword 'minimum'"), e.getMessage());

        Path required = write("schema-req.yaml", VALID + """
                schema:
                  type: object
                  required: [answer]
                  properties: {text: {type: string}}
                """);
        e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(required));
        assertTrue(e.getMessage().contains("schema.required: 'answer' is not declared under properties"),
                e.getMessage());
    }

    @Test
    void brokenYamlAndMissingResourceAreNamed() throws Exception {
        Path file = write("broken.yaml", "domain: [unclosed\n");
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(file));
        assertTrue(e.getMessage().startsWith(file + ": not valid YAML"), e.getMessage());

        e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.fromClasspath("nope/missing.yaml"));
        assertEquals("nope/missing.yaml: not found on the class path", e.getMessage());
        assertThrows(PolicyLoadException.class, () -> DomainPolicy.bundled("astrology"));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
