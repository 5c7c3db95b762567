package dev.tessera.safety.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.audit.InMemoryAuditSink;
import dev.tessera.safety.audit.TextFingerprinter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyEngineTest {

    private static final PolicyEngine MEDICAL = new PolicyEngine(DomainPolicy.bundled("medical"));
    private static final PolicyEngine FINANCE = new PolicyEngine(DomainPolicy.bundled("finance"));
    private static final PolicyEngine LEGAL = new PolicyEngine(DomainPolicy.bundled("legal"));
    private static final TextFingerprinter FP = new TextFingerprinter("k1", new byte[32]);

    private static PolicyEngine engine(String domain) {
        return switch (domain) {
            case "medical" -> MEDICAL;
            case "finance" -> FINANCE;
            case "legal" -> LEGAL;
            default -> throw new IllegalArgumentException(domain);
        };
    }

    @ParameterizedTest(name = "{0} refuses: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            medical | medical.no-dosing               | For the headache, take 400 mg of ibuprofen every 6 hours.
            medical | medical.no-dosing               | 每次服用布洛芬400毫克，每天三次。
            medical | medical.no-definitive-diagnosis | Based on your symptoms you definitely have appendicitis.
            medical | medical.no-definitive-diagnosis | 根据你的描述，你得了阑尾炎。
            finance | finance.no-trade-instruction    | Given your savings, you should buy Tesla stock now.
            finance | finance.no-trade-instruction    | 你应该马上买入这只股票。
            finance | finance.no-guaranteed-return    | This fund offers guaranteed returns of 8% a year.
            finance | finance.no-guaranteed-return    | 这个产品稳赚不赔。
            legal   | legal.no-legal-advice-claim     | This is legal advice: terminate the lease today.
            legal   | legal.no-legal-advice-claim     | 本回答构成法律意见，你可以直接起诉。
            legal   | legal.no-outcome-guarantee      | With these facts you will definitely win in court.
            legal   | legal.no-outcome-guarantee      | 这个案子你一定会胜诉。
            """)
    void forbiddenAdviceIsRefusedWithTheTemplateInTheAnswersLanguage(String domain, String rule, String answer) {
        PolicyEngine engine = engine(domain);
        Language language = Language.detect(answer);
        PolicyDecision d = engine.apply(answer, language);
        assertEquals(PolicyAction.REFUSE, d.action());
        assertTrue(d.firedRules().contains(rule), d.firedRules().toString());
        assertEquals(engine.policy().refusal().in(language), d.text());
    }

    @ParameterizedTest(name = "{0} passes with disclaimer: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            medical | Ibuprofen is an anti-inflammatory; dosing depends on age, weight and kidney function.
            medical | 头痛可能有多种原因，例如紧张、脱水或睡眠不足，你可能患有偏头痛，建议就医。
            finance | An index fund spreads risk across many companies; fees and time horizon matter.
            finance | 指数基金通过分散投资降低单一公司风险，费用和投资期限很重要。
            legal   | A fixed-term lease usually ends on its end date unless it has a break clause.
            legal   | 定期租赁合同通常在到期日终止，除非合同约定了提前解除条款。
            """)
    void fineAnswerIsRewrittenWithTheDisclaimerAndThenPasses(String domain, String answer) {
        PolicyEngine engine = engine(domain);
        Language language = Language.detect(answer);
        PolicyDecision d = engine.apply(answer, language);
        assertEquals(PolicyAction.REWRITE, d.action());
        assertEquals(List.of(), d.firedRules());
        assertEquals(answer + "\n\n" + engine.policy().disclaimer().in(language), d.text());

        PolicyDecision again = engine.apply(d.text(), language);
        assertEquals(PolicyAction.PASS, again.action(), "a rewritten answer is stable");
        assertEquals(d.text(), again.text());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            medical.red-flag.chest-pain       | I have chest pain that spreads down my left arm. | Heartburn is common after meals.
            medical.red-flag.stiff-neck-fever | My son has a stiff neck and a high fever.          | Rest and fluids help most viral illnesses.
            shared.red-flag.self-harm | I keep having suicidal thoughts. | Talking to someone you trust can help.
            medical.red-flag.chest-pain       | 我胸口痛，而且痛到左臂。                             | 请注意休息。
            medical.red-flag.stiff-neck-fever | 孩子脖子僵硬，还发高烧。                             | 多喝水，注意休息。
            shared.red-flag.self-harm | 我最近总想自杀。 | 和信任的人聊聊会有帮助。
            medical.red-flag.stroke           | 我爸爸突然言语不清。                                 | 请注意休息。
            medical.red-flag.stroke           | Her face is drooping on one side.                  | Rest and fluids help most viral illnesses.
            medical.red-flag.stroke           | He woke up with a drooping mouth.                  | Rest and fluids help most viral illnesses.
            medical.red-flag.stiff-neck-fever | A headache for three days, and now my neck is stiff. | Rest helps.
            medical.red-flag.stiff-neck-fever | 头痛得厉害，脖子也僵硬。                             | 请注意休息。
            medical.red-flag.non-blanching-rash | My child has a rash that doesn't fade under a glass. | Rest helps.
            medical.red-flag.non-blanching-rash | She has a non-blanching rash on her legs. | Rest helps.
            medical.red-flag.non-blanching-rash | 孩子身上起了皮疹，用杯子压也不褪色。               | 请注意休息。
            medical.red-flag.non-blanching-rash | 宝宝发烧了，身上起了红点点，按一下也不消。 | 请注意休息。
            shared.red-flag.self-harm | I feel like hurting myself. | Talking to someone you trust can help.
            shared.red-flag.self-harm | I've been cutting myself again. | Talking to someone you trust can help.
            shared.red-flag.self-harm | Everyone would be better off if I ended it all. | Talking helps.
            shared.red-flag.self-harm | I don't want to live anymore. | Talking to someone you trust can help.
            shared.red-flag.self-harm | 最近总想自残。 | 和信任的人聊聊会有帮助。
            shared.red-flag.self-harm | I took too many pills on purpose. | Talking helps.
            shared.red-flag.self-harm | My friend says she wants to kill herself. | Talking helps.
            """)
    void redFlagInTheQuestionPutsTheEmergencyMessageFirst(String rule, String question, String answer) {
        Language language = Language.detect(question);
        PolicyDecision d = MEDICAL.apply(question, answer, language);
        assertEquals(PolicyAction.REWRITE, d.action());
        assertEquals(List.of(rule), d.firedRules());
        String emergency = MEDICAL.policy().emergency().orElseThrow().in(language);
        assertTrue(d.text().startsWith(emergency + "\n\n" + answer), d.text());
        assertTrue(d.text().endsWith(MEDICAL.policy().disclaimer().in(language)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"The rash fades when I press a glass on it.", "My neck is stiff from sleeping badly.",
        "A stiff neck after a long drive is common.", "皮疹按压后会褪色。", "脖子有点僵硬，可能是落枕了。",
        "身上有红点，按了就消了。", "I cut myself cooking, how do I clean it?", "Take two tablets with food.",
        "I injured myself at the gym.", "I cut my finger while cooking."})
    void aRashThatFadesAStiffNeckAloneOrAnAccidentIsNoRedFlag(String question) {
        PolicyDecision d = MEDICAL.apply(question, "Rest and fluids help.", Language.detect(question));
        assertEquals(List.of(), d.firedRules(), question);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I lost all my savings and I want to end it all.", "我欠了太多债，真的不想活了。"})
    void everyDomainLeadsWithTheCrisisLineForSelfHarm(String question) {
        Language language = Language.detect(question);
        for (PolicyEngine engine : List.of(FINANCE, LEGAL, MEDICAL)) {
            PolicyDecision d = engine.apply(question, "An answer.", language);
            assertEquals(List.of("shared.red-flag.self-harm"), d.firedRules(), engine.policy().domain());
            assertTrue(d.text().startsWith(engine.policy().emergency().orElseThrow().in(language)), d.text());
        }
        assertTrue(FINANCE.policy().emergency().orElseThrow().en().contains("988"));
        assertTrue(LEGAL.policy().emergency().orElseThrow().zh().contains("12356"));
    }

    @Test
    void redFlagInTheAnswerAloneEscalatesToo() {
        PolicyDecision d = MEDICAL.apply("Chest pain radiating to the arm can be a heart attack.", Language.EN);
        assertEquals(List.of("medical.red-flag.chest-pain"), d.firedRules());
        assertTrue(d.text().startsWith("URGENT:"), d.text());
    }

    @Test
    void refusalStillLeadsWithTheEmergencyMessage() {
        PolicyDecision d = MEDICAL.apply("I have crushing chest pain going into my jaw, what should I take?",
                "Take 300 mg of aspirin and lie down.", Language.EN);
        assertEquals(PolicyAction.REFUSE, d.action());
        assertEquals(List.of("medical.red-flag.chest-pain", "medical.no-dosing"), d.firedRules());
        assertEquals(MEDICAL.policy().emergency().orElseThrow().en() + "\n\n" + MEDICAL.policy().refusal().en(),
                d.text());
    }

    @Test
    void fullWidthTextCannotSlipPastTheRules() {
        assertEquals(PolicyAction.REFUSE, FINANCE.apply("ｙｏｕ ｓｈｏｕｌｄ ｂｕｙ ＡＣＭＥ", Language.EN).action());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            medical | {"answer": "See a doctor.", "urgency": "whenever"}         | $.urgency: "whenever" is not one of
            medical | {"answer": "See a doctor."}                                | $.urgency: required but missing
            finance | {"answer": 42, "risk_level": "low"}                        | $.answer: expected string but was number
            finance | {"answer": "ok", "risk_level": "low", "sources": [1]}      | $.sources[0]: expected string
            legal   | {"answer": "ok"                                            | $: not valid JSON
            legal   | {"answer": "ok", "jurisdiction": "UK"} trailing prose      | $: not valid JSON
            """)
    void structuredAnswerThatViolatesTheSchemaIsRefusedWithTheReason(String domain, String answer, String reason) {
        PolicyEngine engine = engine(domain);
        PolicyDecision d = engine.apply(answer, Language.EN);
        assertEquals(PolicyAction.REFUSE, d.action());
        assertEquals(List.of(domain + ".schema"), d.firedRules());
        assertTrue(d.reasons().stream().anyMatch(r -> r.contains(reason)), d.reasons().toString());
        assertEquals(engine.policy().refusal().en(), d.text());
    }

    @Test
    void conformingStructuredAnswerGetsDisclaimerAndEmergencyFields() throws Exception {
        String answer = "{\"answer\": \"A stiff neck with fever needs urgent care.\", \"urgency\": \"emergency\"}";
        PolicyDecision d = MEDICAL.apply(answer, Language.EN);
        assertEquals(PolicyAction.REWRITE, d.action());
        JsonNode out = new ObjectMapper().readTree(d.text());
        assertEquals(List.of("emergency", "answer", "urgency", "disclaimer"), fieldNames(out));
        assertEquals(MEDICAL.policy().emergency().orElseThrow().en(), out.get("emergency").asText());
        assertEquals(MEDICAL.policy().disclaimer().en(), out.get("disclaimer").asText());
        assertEquals(PolicyAction.PASS, MEDICAL.apply(d.text(), Language.EN).action());
    }

    @Test
    void forbiddenAdviceInsideAStructuredAnswerIsRefused() {
        PolicyDecision d = FINANCE.apply("{\"answer\": \"You should sell everything.\", \"risk_level\": \"high\"}",
                Language.EN);
        assertEquals(PolicyAction.REFUSE, d.action());
        assertEquals(List.of("finance.no-trade-instruction"), d.firedRules());
    }

    @Test
    void languageIsDetectedFromCjkCharacters() {
        assertEquals(Language.ZH, Language.detect("Please 注意"));
        assertEquals(Language.EN, Language.detect("Plain English."));
        assertEquals(FINANCE.policy().disclaimer().zh(),
                FINANCE.apply("指数基金的费用较低。").text().split("\n\n")[1]);
    }

    @Test
    void anAuditedEngineRecordsEveryFiredRuleOrOneRecordForTheWholeAnswer() {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        Auditor auditor = Auditor.builder(sink, FP).requestId(() -> "req-3").build();
        PolicyEngine engine = new PolicyEngine(DomainPolicy.bundled("medical"), auditor);
        String refused = "Take 400 mg of ibuprofen every 6 hours.";
        PolicyDecision d = engine.apply("Chest pain spreading to my left arm, what should I take?", refused,
                Language.EN);
        String passed = engine.apply("Rest helps.", Language.EN).text();
        engine.apply(passed, Language.EN);
        List<AuditRecord> records = sink.records();
        assertEquals(List.of("medical.red-flag.chest-pain", "medical.no-dosing", "medical.disclaimer",
                "medical.policy"), records.stream().map(AuditRecord::ruleId).toList());
        assertEquals(d.firedRules(), List.of("medical.red-flag.chest-pain", "medical.no-dosing"));
        assertEquals(List.of(AuditRecord.Action.REFUSE, AuditRecord.Action.REFUSE, AuditRecord.Action.REWRITE,
                AuditRecord.Action.ALLOW), records.stream().map(AuditRecord::action).toList());
        assertEquals(List.of(1.0, 1.0, 0.0, 0.0), records.stream().map(AuditRecord::score).toList());
        assertEquals(FP.fingerprint(refused), records.get(0).textFingerprint(), "the answer is the checked text");
        for (AuditRecord r : records) {
            assertEquals(AuditRecord.Layer.GENERATION, r.layer());
            assertEquals("4", r.modelVersion(), "the bundled policy file's version");
            assertEquals("req-3", r.requestId());
        }
    }

    @Test
    void aRuleIdThatCannotBeAuditedIsRefusedWhenTheAuditedEngineIsBuilt() {
        DomainPolicy medical = DomainPolicy.bundled("medical");
        PolicyRule odd = new PolicyRule("medical.no dosing", "spaces", List.of(Pattern.compile("dose")));
        DomainPolicy p = new DomainPolicy("medical", 1, medical.disclaimer(), medical.refusal(), Map.of(),
                Optional.empty(), medical.emergency(), List.of(odd), List.of(), Optional.empty());
        Auditor auditor = Auditor.builder(new InMemoryAuditSink(), FP).build();
        assertThrows(IllegalArgumentException.class, () -> new PolicyEngine(p, auditor));
        assertEquals(PolicyAction.REFUSE, new PolicyEngine(p).apply("the dose", Language.EN).action());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
