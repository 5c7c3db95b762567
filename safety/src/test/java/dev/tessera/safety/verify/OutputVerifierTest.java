package dev.tessera.safety.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.audit.InMemoryAuditSink;
import dev.tessera.safety.audit.TextFingerprinter;
import dev.tessera.safety.verify.VerificationCheck.Verdict;
import dev.tessera.sdk.encoder.EncoderSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Free-text grounding with the quantized MiniLM, loaded once for the class on first use, and the threshold
 * measurement behind {@link OutputVerifier#DEFAULT_THRESHOLD}.
 */
class OutputVerifierTest {

    private static final LazyEncoder ENCODER = new LazyEncoder(EncoderSpec.allMiniLmL6V2Quantized());

    @AfterAll
    static void close() {
        ENCODER.close();
    }

    static final List<String> PASSAGES = List.of(
            "Malaria is a life-threatening disease spread to people by the bites of infected female Anopheles "
                    + "mosquitoes. The first symptoms are fever, headache and chills.",
            "Migraine is a moderate or severe headache felt as a throbbing pain on one side of the head, often "
                    + "with nausea and increased sensitivity to light.",
            "A limitation of liability clause caps the amount one party must pay the other for losses under the "
                    + "contract; without a cap, exposure can be unlimited.",
            "An index fund tracks a market index such as the S&P 500 and usually charges lower fees than an "
                    + "actively managed fund.");

    /** Project-written paraphrases of the passages above: each should be supported. */
    static final List<String> SUPPORTED = List.of(
            "Malaria spreads through bites from infected mosquitoes.",
            "Early malaria symptoms include fever, headache and chills.",
            "A migraine causes a throbbing headache on one side of the head.",
            "People with migraine often feel sick and are sensitive to light.",
            "A limitation of liability clause limits how much a party pays for losses.",
            "Index funds follow a market index and tend to have lower fees.");

    /** Invented sentences on the same topics that no passage states: each should be unsupported. */
    static final List<String> UNSUPPORTED = List.of(
            "Malaria can be cured by drinking hot lemon water twice a day.",
            "Migraine is caused by a vitamin C deficiency in childhood.",
            "The clause must be signed in blue ink before a notary.",
            "Index funds guarantee a return of ten percent every year.",
            "The patient should avoid all dairy products for six months.",
            "Courts in France never enforce contracts written in English.");

    private static OutputVerifier verifier(VerificationMode mode) {
        return OutputVerifier.builder(ENCODER.get()).mode(mode).build();
    }

    private static double score(String sentence) {
        VerificationResult r = verifier(VerificationMode.FLAG).verify(sentence, List.of(), List.of(), PASSAGES);
        return r.groundingScore().orElseThrow();
    }

    /**
     * The measurement: every paraphrase must clear the default threshold and every invented sentence stay under it.
     * The printed ranges are the figures quoted on {@link OutputVerifier#DEFAULT_THRESHOLD}.
     */
    @Test
    void defaultThresholdSeparatesParaphrasesFromInventions() {
        ThresholdMeasurement.assertSeparates("verify", OutputVerifier.DEFAULT_THRESHOLD, SUPPORTED, UNSUPPORTED,
                OutputVerifierTest::score);
    }

    @Test
    void anAuditedVerifierRecordsEveryCheckButSkippedSentences() {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        TextFingerprinter fp = new TextFingerprinter("k1", new byte[32]);
        Auditor auditor = Auditor.builder(sink, fp).requestId(() -> "req-8").build();
        String answer = SUPPORTED.get(1) + " " + UNSUPPORTED.get(0)
                + " This information is general and is not a diagnosis.";
        List<Claim> claims = List.of(new Claim("Malaria", "HAS_SYMPTOM", "Fever"),
                new Claim("Fever", "HAS_SYMPTOM", "Malaria"));
        for (VerificationMode mode : VerificationMode.values()) {
            VerificationResult r = OutputVerifier.builder(ENCODER.get()).mode(mode).auditor(auditor).build()
                    .verify(answer, claims, ClaimMatcherTest.PATHS, PASSAGES);
            List<AuditRecord> records = sink.records();
            assertEquals(List.of(OutputVerifier.AUDIT_GROUNDING, OutputVerifier.AUDIT_GROUNDING,
                    OutputVerifier.AUDIT_CLAIM, OutputVerifier.AUDIT_CLAIM),
                    records.stream().map(AuditRecord::ruleId).toList());
            AuditRecord.Action unsupported = mode == VerificationMode.REMOVE ? AuditRecord.Action.REDACT
                    : AuditRecord.Action.REWRITE;
            assertEquals(List.of(AuditRecord.Action.ALLOW, unsupported, AuditRecord.Action.ALLOW,
                    AuditRecord.Action.ALLOW), records.stream().map(AuditRecord::action).toList());
            List<Double> scores = r.checks().stream().filter(c -> c.verdict() != Verdict.SKIPPED)
                    .map(VerificationCheck::score).toList();
            assertEquals(scores, records.stream().map(AuditRecord::score).toList());
            assertEquals(List.of(ENCODER.get().modelName(), ENCODER.get().modelName(), "-", "-"),
                    records.stream().map(AuditRecord::modelVersion).toList());
            assertTrue(records.stream().allMatch(a -> a.layer() == AuditRecord.Layer.OUTPUT
                    && a.textFingerprint().equals(fp.fingerprint(answer))), records::toString);
            sink.clear();
        }
    }

    @Test
    void removeDropsUnsupportedSentenceAndKeepsTheRest() {
        String answer = "Malaria spreads through bites from infected mosquitoes. "
                + "Malaria can be cured by drinking hot lemon water twice a day. "
                + "Early malaria symptoms include fever, headache and chills.";
        VerificationResult r = verifier(VerificationMode.REMOVE).verify(answer, List.of(), List.of(), PASSAGES);
        assertEquals("Malaria spreads through bites from infected mosquitoes. "
                + "Early malaria symptoms include fever, headache and chills.", r.text());
        assertEquals(1, r.unsupportedSentences().size());
        assertEquals(PASSAGES.get(0), r.sentenceChecks().get(0).citation());
        double mean = r.sentenceChecks().stream().mapToDouble(VerificationCheck::score).average().orElseThrow();
        assertEquals(mean, r.groundingScore().orElseThrow(), 1e-12);
    }

    @Test
    void flagMarksUnsupportedSentenceBeforeItsFullStop() {
        String answer = "Index funds follow a market index and tend to have lower fees.\n"
                + "Index funds guarantee a return of ten percent every year.";
        VerificationResult r = verifier(VerificationMode.FLAG).verify(answer, List.of(), List.of(), PASSAGES);
        assertEquals("Index funds follow a market index and tend to have lower fees.\n"
                + "Index funds guarantee a return of ten percent every year [unverified].", r.text());
        assertFalse(r.allSentencesSupported());
    }

    @Test
    void disclaimersAndEmergencyMessagesAreSkippedAndKept() {
        String answer = "Migraine is caused by a vitamin C deficiency in childhood. "
                + "This information is general and is not a diagnosis or a substitute for advice from a qualified "
                + "clinician. URGENT: Call your local emergency number now.";
        VerificationResult r = verifier(VerificationMode.REMOVE).verify(answer, List.of(), List.of(), PASSAGES);
        List<Verdict> verdicts = r.sentenceChecks().stream().map(VerificationCheck::verdict).toList();
        assertEquals(List.of(Verdict.UNSUPPORTED, Verdict.SKIPPED, Verdict.SKIPPED), verdicts);
        assertTrue(r.text().startsWith("This information is general"), r.text());
        assertTrue(r.text().endsWith("URGENT: Call your local emergency number now."), r.text());
        assertEquals(r.sentenceChecks().get(0).score(), r.groundingScore().orElseThrow(), 1e-12,
                "skipped sentences are not in the mean");
    }

    @Test
    void onlyDisclaimersLeaveNoGroundingScore() {
        VerificationResult r = verifier(VerificationMode.REMOVE).verify(
                "免责声明：以上信息仅供参考。", List.of(), List.of(), PASSAGES);
        assertTrue(r.groundingScore().isEmpty());
        assertEquals("免责声明：以上信息仅供参考。", r.text());
    }

    @Test
    void customSkipPrefixIsHonoured() {
        OutputVerifier v = OutputVerifier.builder(ENCODER.get()).clearSkips().skipPrefix("Note to reader").build();
        VerificationResult r = v.verify("note to reader: nothing here is sourced.", List.of(), List.of(), PASSAGES);
        assertEquals(Verdict.SKIPPED, r.checks().get(0).verdict());
    }

    @Test
    void chineseAnswerIsSplitAndEachSentenceChecked() {
        VerificationResult r = verifier(VerificationMode.REMOVE).verify(
                "疟疾由蚊子传播。疟疾会引起发热！要喝水吗？", List.of(), List.of(), List.of("疟疾由蚊子传播。"));
        assertEquals(List.of("疟疾由蚊子传播。", "疟疾会引起发热！", "要喝水吗？"),
                r.sentenceChecks().stream().map(VerificationCheck::text).toList());
        assertEquals(Verdict.SUPPORTED, r.sentenceChecks().get(0).verdict(), "identical to the passage");
    }

    @Test
    void claimsAreListedAfterSentencesAndFailTheResult() {
        List<Claim> claims = List.of(new Claim("Malaria", "HAS_SYMPTOM", "Fever"),
                new Claim("Fever", "HAS_SYMPTOM", "Malaria"));
        VerificationResult r = verifier(VerificationMode.REMOVE).verify(
                "Early malaria symptoms include fever, headache and chills.", claims, ClaimMatcherTest.PATHS,
                PASSAGES);
        assertEquals(3, r.checks().size());
        assertEquals(2, r.claimChecks().size());
        VerificationCheck ok = r.claimChecks().get(0);
        assertTrue(ok.supported());
        assertEquals("WHO: Malaria fact sheet", ok.source());
        assertEquals(ClaimMatcherTest.PATHS.get(0).citation(), ok.citation());
        assertEquals(List.of("Fever -[HAS_SYMPTOM]-> Malaria"),
                r.unsupportedClaims().stream().map(VerificationCheck::text).toList());
        assertFalse(r.allClaimsSupported());
        assertTrue(r.allSentencesSupported());
    }

    @Test
    void noPassagesMeansEverySentenceIsUnsupported() {
        VerificationResult r = verifier(VerificationMode.REMOVE).verify(
                "Malaria spreads through mosquitoes.", List.of(), List.of(), List.of());
        assertEquals(Verdict.UNSUPPORTED, r.checks().get(0).verdict());
        assertEquals("", r.text());
    }

    @Test
    void emptyAnswerIsATypedError() {
        OutputVerifier v = verifier(VerificationMode.REMOVE);
        assertThrows(EmptyAnswerException.class, () -> v.verify("  \n ", List.of(), List.of(), PASSAGES));
        assertThrows(EmptyAnswerException.class, () -> v.verify("...", List.of(), List.of(), PASSAGES));
    }
}
