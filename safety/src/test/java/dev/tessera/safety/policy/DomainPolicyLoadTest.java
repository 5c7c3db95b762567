package dev.tessera.safety.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.safety.screening.InputScreen.BlockReason;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        assertEquals(Set.copyOf(DomainPolicy.SCREENING_REFUSAL_REASONS), p.screeningRefusals().keySet(),
                "a refusal per block reason");
        assertTrue(p.forbidden().stream().allMatch(r -> r.id().startsWith(domain + ".")));
        assertTrue(p.noEvidence().orElseThrow().en().contains("It holds"), "says what the graph holds");
        assertTrue(p.noEvidence().orElseThrow().zh().contains("它收录"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"legal", "medical", "finance"})
    void bundledTemplatesDoNotTripTheirOwnForbiddenRules(String domain) {
        DomainPolicy p = DomainPolicy.bundled(domain);
        for (Language language : Language.values()) {
            List<String> templates = new ArrayList<>(List.of(p.disclaimer().in(language), p.refusal().in(language)));
            p.screeningRefusals().values().forEach(t -> templates.add(t.in(language)));
            p.noEvidence().ifPresent(t -> templates.add(t.in(language)));
            for (String template : templates) {
                assertTrue(p.forbidden().stream().noneMatch(r -> r.matches(template)), domain + ": " + template);
            }
        }
    }

    @Test
    void aValidFileLoadsFromDisk() throws Exception {
        DomainPolicy p = DomainPolicy.load(write("demo.yaml", VALID));
        assertEquals("demo", p.domain());
        assertTrue(p.noEvidence().isEmpty(), "no_evidence is optional");
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
    void aBlockedQuestionGetsTheRefusalForItsFirstReasonAndTheGeneralOneOtherwise() throws Exception {
        DomainPolicy p = DomainPolicy.load(write("screening.yaml", VALID + """
                screening_refusal:
                  prompt_injection: {en: "That reads like an instruction to me.", zh: "这像是给我的指令。"}
                  out_of_scope: {en: "Ask me about demos.", zh: "请问与演示有关的问题。"}
                """));
        assertEquals("That reads like an instruction to me.",
                p.refusalFor(List.of("out_of_scope", "prompt_injection")).in(Language.EN));
        assertEquals("请问与演示有关的问题。", p.refusalFor(List.of("out_of_scope")).in(Language.ZH));
        assertEquals("I can't help with that.", p.refusalFor(List.of("toxicity")).in(Language.EN));
        assertEquals("I can't help with that.", DomainPolicy.load(write("plain.yaml", VALID))
                .refusalFor(List.of("prompt_injection")).in(Language.EN));
    }

    @Test
    void theRefusalReasonsAreTheScreensBlockReasonsInTheirOrder() {
        assertEquals(Arrays.stream(BlockReason.values()).map(BlockReason::code).toList(),
                DomainPolicy.SCREENING_REFUSAL_REASONS, "policy files are keyed by the codes the screen reports");
    }

    @Test
    void anUnknownBlockReasonOrAMissingTranslationIsNamed() throws Exception {
        Path unknown = write("reason.yaml", VALID + """
                screening_refusal:
                  jailbreak: {en: "No.", zh: "不。"}
                """);
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(unknown));
        assertTrue(e.getMessage().contains("screening_refusal: unknown key 'jailbreak' (allowed: [out_of_scope, "
                + "prompt_injection, toxicity])"), e.getMessage());
        Path english = write("en.yaml", VALID + """
                screening_refusal:
                  toxicity: {en: "Please keep it civil."}
                """);
        e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(english));
        assertEquals(english + ": screening_refusal.toxicity.zh: missing or not a non-empty string", e.getMessage());
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
    void anOperatorsPolicyCanIncludeTheSharedSelfHarmRules() throws Exception {
        Path file = write("with-crisis.yaml", VALID + """
                emergency:
                  en: "Call 988 now."
                  zh: "请立即拨打12356。"
                include_escalation: [self-harm]
                """);
        DomainPolicy policy = DomainPolicy.load(file);
        assertEquals(List.of("shared.red-flag.self-harm"), policy.escalation().stream().map(PolicyRule::id).toList());

        Path unknown = write("unknown-set.yaml", VALID + "include_escalation: [nonexistent]\n");
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(unknown));
        assertTrue(e.getMessage().contains("no shared rule set 'nonexistent'"), e.getMessage());

        Path noEmergency = write("crisis-no-emergency.yaml", VALID + "include_escalation: [self-harm]\n");
        e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(noEmergency));
        assertTrue(e.getMessage().contains("escalation rules need an 'emergency' message"), e.getMessage());

        Path badName = write("bad-set-name.yaml", VALID + "include_escalation: ['../legal']\n");
        e = assertThrows(PolicyLoadException.class, () -> DomainPolicy.load(badName));
        assertTrue(e.getMessage().contains("is no rule-set name"), e.getMessage());
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
