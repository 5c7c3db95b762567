package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.TesseraException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and degenerate input: rejected with a typed exception, or scanned without a crash. */
class BadInputTest {

    private final PiiScanner scanner = PiiScanner.builder().build();

    @Test
    void tenMegabytesAreRejectedBeforeAnyWork() {
        String huge = "a".repeat(10 * 1024 * 1024);
        PiiInputTooLargeException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(PiiInputTooLargeException.class, () -> scanner.scan(huge)));
        assertEquals(PiiScanner.DEFAULT_MAX_INPUT_BYTES, e.limitBytes());
        assertTrue(e instanceof TesseraException);
        assertTrue(!e.getMessage().contains("aaaa"), "the message does not quote the input");
    }

    @Test
    void limitCountsUtf8Bytes() {
        PiiScanner small = PiiScanner.builder().maxInputBytes(10).build();
        small.scan("abcdefghij");
        assertThrows(PiiInputTooLargeException.class, () -> small.scan("abcdefghijk"));
        assertThrows(PiiInputTooLargeException.class, () -> small.scan("电话电话")); // 12 bytes in 4 chars
    }

    @Test
    void nullIsInvalidEmptyIsNothing() {
        assertThrows(InvalidInputException.class, () -> scanner.scan(null));
        PiiScanResult r = scanner.scan("");
        assertEquals("", r.text());
        assertTrue(r.findings().isEmpty());
        assertTrue(scanner.scan(" \n\t ").findings().isEmpty());
    }

    @Test
    void loneSurrogatesAndControlCharacters() {
        String text = "\uD800bob@example.com\uDC00 \u0000\u0007 call +1 415-555-2671\u001B[0m \uD83D";
        PiiScanResult r = scanner.scan(text);
        assertEquals(List.of("EMAIL_ADDRESS:bob@example.com", "PHONE_NUMBER:+1 415-555-2671"),
                Fixtures.describe(text, r.findings()));
        assertEquals("\uD800[EMAIL_ADDRESS]\uDC00 \u0000\u0007 call [PHONE_NUMBER]\u001B[0m \uD83D", r.text());
    }

    @Test
    void mixedScriptsAndRightToLeft() {
        String text = "Имя: Иван, email ivan@example.ru, ‏רחוב הרצל 5, 电话13812345678, ١٢٣";
        List<String> found = Fixtures.describe(text, scanner.find(text));
        assertTrue(found.contains("EMAIL_ADDRESS:ivan@example.ru"), found.toString());
        assertTrue(found.contains("PHONE_NUMBER:13812345678"), found.toString());
    }

    @Test
    void aLatinNameWrittenIntoChineseIsTheNameAloneNotTheSentence() {
        String text = "Marek Dunstane在哪些公司担任职务？";
        assertEquals(List.of("PERSON:Marek Dunstane"), Fixtures.describe(text, scanner.find(text)));
        assertEquals("[PERSON]在哪些公司担任职务？", scanner.scan(text).text());
        assertEquals(List.of("Marek", "Dunstane", "在哪些公司担任职务", "？"), words(Tokens.of(text)));
        assertEquals(List.of("第590条"), words(Tokens.of("第590条")), "digits join Chinese as before");
    }

    private static List<String> words(Tokens tokens) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.word(i));
        }
        return out;
    }

    @Test
    void aMegabyteOfWorstCaseTextFinishesQuickly() {
        // Long runs of what every pattern starts with: digits, letters, dots, '@', Han characters.
        StringBuilder b = new StringBuilder();
        while (b.length() < 900_000) {
            b.append("1".repeat(5000)).append(' ').append("a".repeat(5000)).append("@.").append("路".repeat(300))
                    .append("号 ").append("1.2.3.4.".repeat(100)).append('\n');
        }
        String text = b.toString();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scanner.scan(text));
    }

    @Test
    void aMegabyteOfRepeatedNamesAndListsStaysLinear() {
        // Every repeated mention and list item is checked against what was found: quadratic if done pairwise.
        String text = "Faina D. Yefremova met Ann, Bo, Cy and Yefremova. ".repeat(20_000);
        List<PiiFinding> found = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> scanner.find(text));
        assertTrue(found.size() >= 20_000, () -> found.size() + " findings");
        // Lower-case names in a text with one capital at its end: the casing check must not rescan the whole text.
        String lower = "call eva kleist or jon berg today. ".repeat(29_000) + "X";
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> scanner.find(lower));
        // One line of titled names: each title's line start must not be sought back to the text's start.
        String titled = "Mr. Ann Lee said hi. ".repeat(48_000);
        List<PiiFinding> people = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> scanner.find(titled));
        assertTrue(people.size() >= 48_000, () -> people.size() + " findings");
    }

    @Test
    void aMegabyteOfFirmsAndAddressesStaysLinear() {
        // Each firm, military address, letter block, closing segment, joined number or name and place line removes or
        // joins what it covers: quadratic if done per match.
        String block = "Lopez, Santos and Coleman wrote to Ann Lee at PSC 1234, Box 5678\nAPO AE 09876 and at "
                + "12 Baker Street\n Suite 5\nLondon\n, ON\n 82269\nAnn Lee Ann Lee\n0645 Reyes 17 Apt. 2, Sol\nZuoz\n"
                + "Telenav is a design agency; I work for Socrata in South Africa.\nThomas and Sons\nMaureen Thibault\n\n"
                + "41086 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896\nSend it to 28245 Parijsstraat 8 Suite 292. "
                + "It is 87818 Dalmatinova 68 Suite 541 Turkovice u Prelouce ON, Cyprus (Greek) 91674 is on Rua Mina 50 "
                + "street; my zip code is 76400.\n";
        String text = block.repeat(900_000 / block.length());
        List<PiiFinding> found = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> scanner.find(text));
        assertTrue(found.stream().filter(f -> f.type() == PiiType.STREET_ADDRESS).count() >= 900_000 / block.length(),
                () -> found.size() + " findings");
    }

    @Test
    void aMegabyteOfStreetsWithUnitsStaysLinear() {
        // Every address is split into number, street and unit: done by removing each from the list, quadratic.
        String text = "Send it to 28245 Parijsstraat 8 Suite 292. ".repeat(24_000);
        List<PiiFinding> found = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> scanner.find(text));
        assertTrue(found.stream().filter(f -> f.type() == PiiType.STREET_ADDRESS).count() >= 24_000,
                () -> found.size() + " findings");
    }

    @Test
    void aMegabyteLineOfNamesAndAddressesStaysLinear() {
        // Every address right after a name opens a letter block whose first line is this whole megabyte: read to the
        // line's end per address, it would be quadratic. The tagger's spans are given, as it might find them.
        String unit = "Ann Lee 12 Elm Road 4 ";
        String text = unit.repeat(48_000) + "end";
        List<PiiTagger.Span> people = new ArrayList<>();
        List<PiiFinding> found = new ArrayList<>();
        for (int n = 0, at = 0; n < 48_000; n++, at += unit.length()) {
            people.add(new PiiTagger.Span("PERSON", at, at + 7));
            found.add(new PiiFinding(PiiType.STREET_ADDRESS, at + 8, at + 21, 0.8, "street-address"));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> LetterAddressBlocks.split(text, found, people));
        assertEquals(48_000, found.size(), "a line longer than an address block's is no block: nothing split");
    }

    @Test
    void aLongRunOfHanCharactersIsOneWordAndStillLinear() {
        // No space or punctuation: one tagger word of 300,000 word pieces for the MiniLM input-embedding features.
        String text = "张三住在北京市朝阳区".repeat(30_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scanner.scan(text));
    }
}
