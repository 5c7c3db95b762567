package dev.tessera.safety.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> split(String text) {
        return SentenceSplitter.split(text).stream().map(s -> s.text(text)).toList();
    }

    @Test
    void englishEndsAtTerminatorsFollowedBySpace() {
        assertEquals(List.of("Fever is common.", "Is it serious?", "Yes!", "See a doctor;", "soon ok."),
                split("Fever is common. Is it serious? Yes! See a doctor; soon ok."));
    }

    @Test
    void decimalsAndAbbreviationsDoNotSplit() {
        assertEquals(List.of("Take e.g. 3.5 units, cf. Dr. Smith.", "Done."),
                split("Take e.g. 3.5 units, cf. Dr. Smith. Done."));
        assertEquals(List.of("Cap On Liability governed by PRC Civil Code Art. 506 (Invalid exemption clauses).", "Next."),
                split("Cap On Liability governed by PRC Civil Code Art. 506 (Invalid exemption clauses). Next."));
        assertEquals(List.of("It is governed by eBay Inc. v. MercExchange, L.L.C., 547 U.S. 388 (2006).", "Next."),
                split("It is governed by eBay Inc. v. MercExchange, L.L.C., 547 U.S. 388 (2006). Next."),
                "a full stop before a lower-case word ends an abbreviation");
        assertEquals(List.of("It is governed by UCC §2-210 (Delegation of performance; assignment of rights).", "Next;",
                        "然后受第2-309条（期限未约定；终止通知）规制。", "好。"),
                split("It is governed by UCC §2-210 (Delegation of performance; assignment of rights). Next; "
                        + "然后受第2-309条（期限未约定；终止通知）规制。好。"), "a semicolon in brackets parts the parenthesis");
        assertEquals(List.of("An unclosed (bracket ends here.", "Next;", "then this."),
                split("An unclosed (bracket ends here. Next; then this."), "a bracket does not outlive its sentence");
    }

    @Test
    void chineseEndsWithoutSpaces() {
        assertEquals(List.of("疟疾的症状包括发热。", "会头痛吗？", "会！", "请就医；", "谢谢"),
                split("疟疾的症状包括发热。会头痛吗？会！请就医；谢谢"));
    }

    @Test
    void closingQuotesStayWithTheirSentenceAndLinesSplit() {
        assertEquals(List.of("He said \"rest.\"", "- Fever", "- Chills", "他说：“休息。”", "好。"),
                split("He said \"rest.\" \n- Fever\n- Chills\n\n他说：“休息。”好。"));
    }

    @Test
    void bodyEndIsBeforeClosingPunctuation() {
        String text = "Fever is common?! 发热。";
        List<SentenceSplitter.Span> spans = SentenceSplitter.split(text);
        assertEquals("Fever is common", text.substring(spans.get(0).start(), spans.get(0).bodyEnd()));
        assertEquals("发热", text.substring(spans.get(1).start(), spans.get(1).bodyEnd()));
    }

    @Test
    void dottedInitialsAndCourtAbbreviationsEndNoSentence() {
        assertEquals(List.of("Arbitration is governed by the Federal Arbitration Act §2 (9 U.S.C. §2).",
                        "It is in Specht v. Netscape, 306 F.3d 17 (2d Cir. 2002).", "Done."),
                split("Arbitration is governed by the Federal Arbitration Act §2 (9 U.S.C. §2). "
                        + "It is in Specht v. Netscape, 306 F.3d 17 (2d Cir. 2002). Done."));
    }

    @Test
    void aBracketOrQuoteClosedBeforeTheTerminatorStaysInTheBody() {
        String text = "It is governed by the Federal Arbitration Act (9 U.S.C. §2). He said \"rest.\" See (a)";
        List<String> bodies = SentenceSplitter.split(text).stream()
                .map(s -> text.substring(s.start(), s.bodyEnd())).toList();
        assertEquals(List.of("It is governed by the Federal Arbitration Act (9 U.S.C. §2)", "He said \"rest",
                "See (a)"), bodies);
    }

    @Test
    void blankOrPunctuationOnlyHasNoSentences() {
        assertEquals(List.of(), split(" \n ... \n-"));
    }
}
