package dev.tessera.safety.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.safety.verify.VerificationCheck.Verdict;
import dev.tessera.sdk.encoder.EncoderSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Free-text grounding of Chinese answers with bge-small-zh-v1.5, and the measurement behind {@link
 * OutputVerifier#BGE_SMALL_ZH_THRESHOLD}: the English set of {@link OutputVerifierTest} written in Chinese, plus
 * two facts in the words the services' Chinese answers use.
 */
class ChineseGroundingTest {

    private static final LazyEncoder ENCODER = new LazyEncoder(EncoderSpec.bgeSmallZhV15());

    @AfterAll
    static void close() {
        ENCODER.close();
    }

    static final List<String> PASSAGES = List.of(
            "疟疾是由受感染的雌性按蚊叮咬传播给人的一种危及生命的疾病。最初的症状是发热、头痛和寒战。",
            "偏头痛是一种中度或重度头痛，表现为头部一侧的搏动性疼痛，常伴有恶心和对光敏感。",
            "责任限制条款限定一方因合同项下的损失须向另一方支付的金额；没有上限时，风险敞口可能是无限的。",
            "指数基金跟踪标普500等市场指数，费用通常低于主动管理型基金。",
            "良性阵发性位置性眩晕的症状包括恶心",
            "奥德摩尔物流有限公司是奥德摩尔控股有限公司的子公司");

    /** Project-written paraphrases of the passages above: each should be supported. */
    static final List<String> SUPPORTED = List.of(
            "疟疾通过受感染蚊子的叮咬传播。",
            "疟疾的早期症状有发热、头痛和寒战。",
            "偏头痛会引起头部一侧的搏动性疼痛。",
            "偏头痛患者常感到恶心，并且怕光。",
            "责任限制条款限制了一方为损失支付的金额。",
            "指数基金跟随市场指数，费用往往较低。",
            "恶心是良性阵发性位置性眩晕的症状之一。",
            "奥德摩尔物流有限公司隶属于奥德摩尔控股有限公司。");

    /** Invented sentences on the same topics that no passage states: each should be unsupported. */
    static final List<String> UNSUPPORTED = List.of(
            "每天喝两次热柠檬水就能治愈疟疾。",
            "偏头痛是由童年时期缺乏维生素C引起的。",
            "该条款必须在公证人面前用蓝色墨水签署。",
            "指数基金保证每年百分之十的回报。",
            "患者应在六个月内避免食用所有乳制品。",
            "法国法院从不执行用英文书写的合同。",
            "奥德摩尔物流有限公司去年在德国申请破产。");

    private static double score(String sentence) {
        VerificationResult r = OutputVerifier.builder(ENCODER.get()).mode(VerificationMode.FLAG)
                .threshold(OutputVerifier.BGE_SMALL_ZH_THRESHOLD).build()
                .verify(sentence, List.of(), List.of(), PASSAGES);
        return r.groundingScore().orElseThrow();
    }

    /**
     * The measurement: every paraphrase must clear the threshold and every invented sentence stay under it. The
     * printed ranges are the figures quoted on {@link OutputVerifier#BGE_SMALL_ZH_THRESHOLD}.
     */
    @Test
    void thresholdSeparatesParaphrasesFromInventions() {
        ThresholdMeasurement.assertSeparates("Chinese verify", OutputVerifier.BGE_SMALL_ZH_THRESHOLD, SUPPORTED,
                UNSUPPORTED, ChineseGroundingTest::score);
    }

    @Test
    void aChineseAnswerIsSplitAtItsFullStopsAndFlaggedInChinese() {
        OutputVerifier verifier = OutputVerifier.builder(ENCODER.get()).mode(VerificationMode.FLAG)
                .threshold(OutputVerifier.BGE_SMALL_ZH_THRESHOLD).marker(OutputVerifier.CHINESE_MARKER).build();
        String answer = SUPPORTED.get(1) + UNSUPPORTED.get(0) + "以上信息仅供一般参考。";
        VerificationResult r = verifier.verify(answer, List.of(), List.of(), PASSAGES);
        assertEquals(List.of(Verdict.SUPPORTED, Verdict.UNSUPPORTED, Verdict.SKIPPED),
                r.checks().stream().map(VerificationCheck::verdict).toList());
        assertEquals(SUPPORTED.get(1) + "每天喝两次热柠檬水就能治愈疟疾" + OutputVerifier.CHINESE_MARKER + "。以上信息仅供一般参考。",
                r.text());
    }
}
