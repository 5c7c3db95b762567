package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each recognizer on its own: a positive with exact offsets, and the negatives its validation must reject. */
class RecognizersTest {

    /** The single finding of {@code r} in {@code text}, as "TYPE:value"; fails unless there is exactly one. */
    private static String one(PiiRecognizer r, String text) {
        List<PiiFinding> found = r.find(text);
        assertEquals(1, found.size(), () -> r.name() + " in '" + text + "': " + Fixtures.describe(text, found));
        return Fixtures.describe(text, found).get(0);
    }

    private static void none(PiiRecognizer r, String text) {
        List<PiiFinding> found = r.find(text);
        assertTrue(found.isEmpty(),
                () -> r.name() + " should find nothing in '" + text + "': " + Fixtures.describe(text, found));
    }

    @Test
    void email() {
        EmailRecognizer r = new EmailRecognizer();
        String text = "Write to jane.doe+pii@mail.example.co.uk, thanks.";
        List<PiiFinding> f = r.find(text);
        assertEquals(1, f.size());
        assertEquals(9, f.get(0).start());
        assertEquals(40, f.get(0).end());
        assertEquals("EMAIL_ADDRESS:李雷@例子.中国", one(r, "邮箱 李雷@例子.中国 谢谢"));
        assertEquals("EMAIL_ADDRESS:wangfang@lawfirm.cn", one(r, "请发给王芳律师，邮箱wangfang@lawfirm.cn联系她"),
                "Chinese text right against a Latin address is the sentence's");
        none(r, "jane..doe@example.com and .jane@example.com and user@localhost");
    }

    @Test
    void phone() {
        PhoneRecognizer r = new PhoneRecognizer();
        assertEquals("PHONE_NUMBER:+1 415-555-2671", one(r, "Reach me at +1 415-555-2671 tomorrow."));
        assertEquals("PHONE_NUMBER:(415) 555-2671 x204", one(r, "Office (415) 555-2671 x204."));
        assertEquals("PHONE_NUMBER:+44 20 7946 0958", one(r, "London: +44 20 7946 0958"));
        assertEquals("PHONE_NUMBER:07700 900 123", one(r, "ring 07700 900 123 after six"));
        assertEquals("PHONE_NUMBER:98765 43210", one(r, "my number is 98765 43210"), "an unusual grouping, cued");
        assertEquals("PHONE_NUMBER:0755-88886666", one(r, "座机：0755-88886666"), "a landline after 座机");
        assertEquals("PHONE_NUMBER:+86 138 1234 5678", one(r, "手机 +86 138 1234 5678"));
        assertEquals("PHONE_NUMBER:13812345678", one(r, "我的手机是13812345678。"));
        assertEquals("PHONE_NUMBER:467 3395", one(r, "Phone:\n467 3395"), "short local number after a phone word");
        assertEquals("PHONE_NUMBER:22 81 44 19", one(r, "22 81 44 19-Office"), "label after the number");
        none(r, "Order 467 3395 has shipped.");
        none(r, "Invoice 2024-03-05, total 1234.50, ref 12");
        none(r, "+1 555");
        assertEquals("PHONE_NUMBER:415-555-2671", one(r, "Call Ann (415-555-2671) today"), "inside brackets");
        assertEquals("PHONE_NUMBER:(415) 555-2671", one(r, "Call Ann ((415) 555-2671)"));
        assertEquals("PHONE_NUMBER:+44 20 7946 0958", one(r, "the office (+44 20 7946 0958)"));
        assertEquals("PHONE_NUMBER:(02) 9876 5432", one(r, "Sydney office: (02) 9876 5432"), "bracketed trunk prefix");
        none(r, "See (2019) and (1) 2 3");
    }

    @Test
    void creditCard() {
        CreditCardRecognizer r = new CreditCardRecognizer();
        String visa = Fixtures.luhnValid("411111111111111");
        assertEquals("CREDIT_CARD:4111 1111 1111 1111", one(r, "card 4111 1111 1111 1111 expires"));
        assertEquals("CREDIT_CARD:" + visa, one(r, "number " + visa + "."));
        String amex = Fixtures.luhnValid("37828224631000");
        assertEquals("CREDIT_CARD:" + amex, one(r, "Amex " + amex));
        assertEquals("CREDIT_CARD:" + visa, one(r, "pay " + visa + " 2 times"), "a neighbouring number is not swallowed");
        String maestro = Fixtures.luhnValid("50181234567");
        assertEquals("CREDIT_CARD:" + maestro, one(r, "my card " + maestro + " is blocked"));
        none(r, "reference " + maestro + " only");
        none(r, "card " + Fixtures.luhnBroken(visa) + " declined");
        none(r, "card 4111-1111-1111-1112");
        none(r, "IBAN GB82WEST12345698765432");
        String afterCountryCode = Fixtures.luhnValid("8613812345678");
        none(r, "call +" + afterCountryCode); // a country code opens a phone number, however its digits sum
    }

    @Test
    void iban() {
        IbanRecognizer r = new IbanRecognizer();
        assertEquals("IBAN:GB82 WEST 1234 5698 7654 32", one(r, "Pay to GB82 WEST 1234 5698 7654 32 by Friday"));
        assertEquals("IBAN:DE89370400440532013000", one(r, "IBAN: DE89370400440532013000."));
        assertEquals("IBAN:gb82west12345698765432", one(r, "iban gb82west12345698765432"));
        none(r, "GB82 WEST 1234 5698 7654 33");
        none(r, "DE8937040044053201300");
        none(r, "XX89370400440532013000");
    }

    @Test
    void usSsn() {
        UsSsnRecognizer r = new UsSsnRecognizer();
        assertEquals("US_SSN:123-45-6789", one(r, "SSN 123-45-6789 on file"));
        assertEquals("US_SSN:536 22 8726", one(r, "social security number 536 22 8726"));
        none(r, "id 000-12-3456");
        none(r, "id 666-12-3456");
        none(r, "id 912-12-3456");
        none(r, "id 123-00-4567");
        none(r, "id 123-45-0000");
        none(r, "call 536 22 8726");
    }

    @Test
    void cnResidentId() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        CnResidentIdRecognizer r = new CnResidentIdRecognizer(clock);
        assertEquals("CN_RESIDENT_ID:11010519491231002X", one(r, "身份证号：11010519491231002X。"));
        assertEquals("CN_RESIDENT_ID:11010519491231002X", one(r, "患者身份证号11010519491231002X，手机"));
        assertEquals("CN_RESIDENT_ID:11010519491231002x", one(r, "id 11010519491231002x"));
        none(r, "11010519491231002 1");
        none(r, "身份证号 110105194912310021"); // wrong check character
        String badDate = "11010519491331002"; // month 13
        none(r, badDate + checkChar(badDate));
        String feb30 = "11010519490230002";
        none(r, feb30 + checkChar(feb30));
        String future = "11010520991231002";
        none(r, future + checkChar(future));
        String badProvince = "99010519491231002";
        none(r, badProvince + checkChar(badProvince));
    }

    private static String checkChar(String first17) {
        for (char c : "0123456789X".toCharArray()) {
            if (Checksums.cnResidentIdCheck(first17 + c)) {
                return String.valueOf(c);
            }
        }
        throw new AssertionError();
    }

    @Test
    void cnUscc() {
        CnUsccRecognizer r = new CnUsccRecognizer();
        assertEquals("CN_USCC:91350100M000100Y43", one(r, "统一社会信用代码：91350100M000100Y43"));
        assertEquals("CN_USCC:91350100M000100Y43", one(r, "信用代码91350100M000100Y43。"));
        none(r, "91350100M000100Y44");
        none(r, "91350100I000100Y43");
        none(r, "91990100M000100Y43");
    }

    @Test
    void cnBankCard() {
        CnBankCardRecognizer r = new CnBankCardRecognizer();
        String card = Fixtures.luhnValid("621700123456789012");
        assertEquals("CN_BANK_CARD:" + card, one(r, "银行卡号" + card + "，开户行北京"));
        String grouped = card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " "
                + card.substring(12, 16) + " " + card.substring(16);
        assertEquals("CN_BANK_CARD:" + grouped, one(r, "卡号 " + grouped));
        none(r, "卡号" + Fixtures.luhnBroken(card));
        none(r, Fixtures.luhnValid("411111111111111"));
        none(r, "电话 +" + card); // a digit run after a country code is a phone number's
    }

    @Test
    void ipAddress() {
        IpAddressRecognizer r = new IpAddressRecognizer();
        assertEquals("IP_ADDRESS:192.168.1.10", one(r, "from 192.168.1.10, blocked"));
        assertEquals("IP_ADDRESS:2001:db8::8a2e:370:7334", one(r, "v6 2001:db8::8a2e:370:7334 seen"));
        assertEquals("IP_ADDRESS:fe80:0:0:0:202:b3ff:fe1e:8329", one(r, "fe80:0:0:0:202:b3ff:fe1e:8329"));
        assertEquals("IP_ADDRESS:::ffff:10.0.0.1", one(r, "mapped ::ffff:10.0.0.1"));
        none(r, "256.1.1.1 and 1.2.3 and 1.2.3.4.5 and 01.2.3.4");
        none(r, "at 12:30:45 on 1:2:3:4:5:6:7:8:9 and 1::2::3");
        none(r, "Version 10.2.3.4 and build 6.1.7601.2 and v. 1.0.0.1 are out");
        none(r, "as set forth in Section 11.1.1.4, and subject to Clauses 13.2.3.1 and § 2.3.3.4");
        assertEquals("IP_ADDRESS:10.2.3.4", one(r, "Reverted to 10.2.3.4 after the update failed"));
    }

    @Test
    void dateTime() {
        DateTimeRecognizer r = new DateTimeRecognizer();
        assertEquals("DATE_TIME:2024-03-05 14:30:00", one(r, "Logged 2024-03-05 14:30:00 by the system"));
        assertEquals("DATE_TIME:March 5, 2024", one(r, "Due March 5, 2024."));
        assertEquals("DATE_TIME:MARCH 5, 2024", one(r, "DUE MARCH 5, 2024."), "month names in capitals");
        assertEquals("DATE_TIME:Dec 30 , 2009", one(r, "( ADPnews ) - Dec 30 , 2009 - Finnish"), "tokenised text");
        assertEquals("DATE_TIME:SUNDAY", one(r, "CLOSED ON SUNDAY"), "a weekday in capitals, no digit in the text");
        assertEquals("DATE_TIME:下午3点半", one(r, "我们下午3点半见"));
        assertEquals("DATE_TIME:5th of March 2024", one(r, "on the 5th of March 2024"));
        assertEquals("DATE_TIME:3/5/2024", one(r, "signed 3/5/2024"));
        assertEquals("DATE_TIME:2024/3/5", one(r, "filed 2024/3/5."));
        assertEquals("DATE_TIME:Tuesday", one(r, "See you on Tuesday morning"));
        assertEquals("DATE_TIME:2:30 pm", one(r, "at 2:30 pm sharp"));
        assertEquals("DATE_TIME:1977", one(r, "It was founded in 1977."));
        assertEquals("DATE_TIME:2024年3月5日", one(r, "会议在2024年3月5日举行"));
        assertEquals("DATE_OF_BIRTH:2/8/1935", one(r, "She was born on 2/8/1935."));
        assertEquals("DATE_OF_BIRTH:1990年5月6日", one(r, "出生日期：1990年5月6日"));
        none(r, "May I ask a question?");
        none(r, "Room 1977 on floor 3, invoice 13/45/2020, version 1.2.24, build 2024-13-01");
    }

    @Test
    void recordAndHeaderDatesAndChineseNumerals() {
        DateTimeRecognizer r = new DateTimeRecognizer();
        assertEquals("DATE_TIME:Sun, 05 May 2019 13:00:00 GMT", one(r, "Date: Sun, 05 May 2019 13:00:00 GMT"));
        assertEquals("DATE_TIME:05-MAR-1987", one(r, "Admitted 05-MAR-1987, discharged"));
        assertEquals("DATE_TIME:1-Jan-20", one(r, "valid from 1-Jan-20"));
        assertEquals("DATE_TIME:05/2020", one(r, "Expires 05/2020."));
        assertEquals("DATE_TIME:3/5/2024", one(r, "signed 3/5/2024"), "not a month and year inside a longer date");
        assertEquals("DATE_TIME:五月十二日下午三点", one(r, "我们五月十二日下午三点见"));
        assertEquals("DATE_TIME:二〇二〇年三月", one(r, "二〇二〇年三月开业"));
        assertEquals("DATE_TIME:星期一", one(r, "星期一休息"));
        assertEquals("DATE_TIME:周一", one(r, "下周一再说"));
        none(r, "周一鸣先生说有一点问题，十二月份再看，13/2020 and 5/1234 and 2.5/2020");
    }

    @Test
    void aSentencesFullStopIsNotPartOfTheDate() {
        DateTimeRecognizer r = new DateTimeRecognizer();
        assertEquals("DATE_TIME:4:30 PM", one(r, "The meeting is set for 4:30 PM."));
        assertEquals("DATE_TIME:21st of October", one(r, "It is due on the 21st of October."));
        assertEquals("DATE_TIME:5 September", one(r, "Closed on 5 September."));
        assertEquals("DATE_TIME:4:30 p.m.", one(r, "Call at 4:30 p.m. tomorrow"), "the dots of p.m. are its own");
        assertEquals("DATE_TIME:Oct. 21, 2003", one(r, "Filed Oct. 21, 2003 in Ohio"), "an abbreviation keeps its dot");
        assertEquals("DATE_TIME:Sept. 5", one(r, "Opened Sept. 5 this year"));
        assertEquals("DATE_TIME:4th day of March, 2019", one(r, "Dated this 4th day of March, 2019."));
        assertEquals("DATE_TIME:October", one(r, "It was a cold October morning."), "a month that is no word or name");
        none(r, "May I march with April, June and August?");
        assertEquals("DATE_TIME:Tuesdays", one(r, "Closed on Tuesdays."));
        assertEquals("DATE_TIME:Friday the 13th", one(r, "We met on Friday the 13th."));
        assertEquals("DATE_TIME:Monday, the 2nd at 9:30", one(r, "Start on Monday, the 2nd at 9:30 please"));
        assertEquals("DATE_TIME:Friday", one(r, "Friday the team met."), "no day after 'the': the weekday alone");
        String fiscal = "Revenue rose in Q3 2021 and H1-2022, and fell in FY24 and the mid-1990s.";
        assertEquals(List.of("DATE_TIME:Q3 2021", "DATE_TIME:H1-2022", "DATE_TIME:FY24", "DATE_TIME:1990s"),
                Fixtures.describe(fiscal, r.find(fiscal)));
    }

    @Test
    void aYearWithoutACueWordStandsOnItsOwn() {
        DateTimeRecognizer r = new DateTimeRecognizer();
        assertEquals("DATE_TIME:1977", one(r, "Their best season: 1977."));
        assertEquals("DATE_TIME:2019", one(r, "Smith et al. (2019)"));
        assertEquals("DATE_TIME:1914-1918", one(r, "The war of 1914-1918"), "a range is one span");
        assertEquals("DATE_TIME:2001-2005", one(r, "From 2001-2005 she worked here."), "a range after a cue too");
        String between = "Between 1990 and 1995 he lived abroad.";
        assertEquals(List.of("DATE_TIME:1990", "DATE_TIME:1995"), Fixtures.describe(between, r.find(between)),
                "the second of two years");
        assertEquals("DATE_TIME:1990s", one(r, "Music of the late 1990s"));
        assertEquals("DATE_TIME:1984", one(r, "1984 was a leap year"));
        none(r, "Send it to 1977 Main Street");
        none(r, "She lives at 1987 74 Diakou Street");
        none(r, "PO Box 1977.");
        none(r, "Please call Suite 2001, or room no. 1999.");
        none(r, "We hired 2000 people and paid $1999.");
        none(r, "Version 2.2019, score 1999/2000, amount 1,999");
    }

    @Test
    void aMonthWithoutDayOrYearFollowsAWordOfTime() {
        DateTimeRecognizer r = new DateTimeRecognizer();
        assertEquals("DATE_TIME:March", one(r, "She was admitted in March with a fever."));
        assertEquals("DATE_TIME:January", one(r, "No payments since January"));
        assertEquals("DATE_TIME:June", one(r, "The review is due mid-June."));
        assertEquals("DATE_TIME:May", one(r, "We closed at the end of May"));
        none(r, "May I ask? The band will march in the parade.");
        none(r, "Ms. June Carter and April Lee signed the March report.");
        none(r, "in march, in Jan, in MAYBE");
    }

    @Test
    void twoHalvesOfANameWithAMiddleInitialBetweenThemAreOneName() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String lower = "contact benjamin a seiler today";
        List<PiiFinding> halves = people(lower, "benjamin", "seiler");
        r.joined(lower, halves);
        assertEquals(List.of("PERSON:benjamin a seiler"), Fixtures.describe(lower, halves));
        String dotted = "Ann J. Lee, Bo Li";
        List<PiiFinding> list = people(dotted, "Ann", "Lee", "Bo Li");
        r.joined(dotted, list);
        assertEquals(List.of("PERSON:Ann J. Lee", "PERSON:Bo Li"), Fixtures.describe(dotted, list),
                "a comma still ends it");
        assertFalse(PersonRecognizer.isMiddleInitial("Ann and Lee", 3, 8), "a word of three letters is no initial");
    }

    /** Person findings over the first occurrence of each of {@code spans}, in a list {@code joined} may change. */
    private static List<PiiFinding> people(String text, String... spans) {
        List<PiiFinding> found = new ArrayList<>();
        for (String span : spans) {
            found.add(findingAt(PiiType.PERSON, text, span));
        }
        return found;
    }

    @Test
    void personRules() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String text = "Please ask Dr. Ann Lee about it.";
        assertTrue(Fixtures.describe(text, r.find(text)).contains("PERSON:Ann Lee"), "title excluded from the name");
        assertEquals(List.of("PERSON:张三"), Fixtures.describe("请联系张三先生。", r.find("请联系张三先生。")));
        assertEquals(List.of("PERSON:王"), Fixtures.describe("王先生到了", r.find("王先生到了")));
        assertEquals(List.of("PERSON:李小明"), Fixtures.describe("我叫李小明，在上海工作", r.find("我叫李小明，在上海工作")));
        assertEquals(List.of("PERSON:欧阳娜娜"), Fixtures.describe("欧阳娜娜女士", r.find("欧阳娜娜女士")));
        String form = "经办人：赵敏  借款人：孙立  户名: 周芳";
        assertEquals(List.of("PERSON:赵敏", "PERSON:孙立", "PERSON:周芳"), Fixtures.describe(form, r.find(form)),
                "the parties and holders of a form");
        none(r, "借款人应当按期还款，被告认为合同无效。");
        String possessive = "欧阳娜娜的身份证号和客户王小明的手机号都在这里。张伟，男，45岁。";
        assertEquals(List.of("PERSON:欧阳娜娜", "PERSON:王小明", "PERSON:张伟"),
                Fixtures.describe(possessive, r.find(possessive)), "a possessive asking for personal data; sex");
        none(r, "房东的电话、车主的电话、路由器的地址和明天的生日会都写在宁波的地址旁，沈阳的地址也是。");
        String verbs = "请联系王芳确认，或给李娜打电话。";
        assertEquals(List.of("PERSON:王芳", "PERSON:李娜"), Fixtures.describe(verbs, r.find(verbs)),
                "after 联系 and 给, the longest name of common given-name characters");
        none(r, "联系方式见下，给付款项，给王总回电。");
        String letter = "Mrs. Barbara Yudina Apt. 675 62314 Mellemvej 32";
        assertEquals(List.of("PERSON:Barbara Yudina"), Fixtures.describe(letter, r.rules(letter)),
                "the unit word opens the address");
        assertEquals(List.of("PERSON:Ann Hill"), Fixtures.describe("Dr. Ann Hill", r.rules("Dr. Ann Hill")));
        String street = "Ship to 1737 Cheriton Dr Queen Anne, Seattle";
        assertFalse(Fixtures.describe(street, r.find(street)).contains("PERSON:Queen Anne"), "'Dr' after a street name");
        none(r, "这是一个普通的句子。");
    }

    @Test
    void personTagger() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String text = "My name is Maria Garcia and I need help with my account.";
        List<String> found = Fixtures.describe(text, r.find(text));
        assertTrue(found.contains("PERSON:Maria Garcia"), found::toString);
    }

    @Test
    void aTaggerSpanOfCommonWordsOnlyIsNoName() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        assertFalse(r.plausible("He"), "a capitalised pronoun at a sentence start");
        assertFalse(r.plausible("Please Note"));
        assertFalse(r.plausible("42"));
        assertFalse(r.plausible("EUR42m"), "an amount");
        assertFalse(r.plausible("EUR2 ."), "an amount written '2 .1 m'");
        assertFalse(r.plausible("Lol"), "a chat interjection");
        assertFalse(r.plausible("Sie"), "another language's pronoun at a sentence start");
        String german = "Ich gebe Befehle ein und Sie antworten. Dyan van Gijn and Willemine ten Pas agree.";
        assertFalse(r.plausible(german, 0, german.indexOf(" antworten")), "a sentence the tagger ran over");
        assertTrue(r.plausible(german, german.indexOf("Dyan"), german.indexOf(" and")), "a name particle");
        assertTrue(r.plausible(german, german.indexOf("Willemine"), german.indexOf(" agree")));
        assertTrue(r.plausible("Ann"));
        assertTrue(r.plausible("Long"), "a common word that is also a surname");
        assertTrue(r.plausible("Will Grace"), "one word that is no common word is enough");
        String trip = "I am in Rohod for a business trip with Rohod Smith";
        assertFalse(r.plausible(trip, 8, 13), "a name right after 'in' is a place");
        assertTrue(r.plausible(trip, 39, 50));
        String begin = "We begin  Rohod";
        assertTrue(r.plausible(begin, 10, 15), "'in' must be a word of its own");
        String contraction = "\"Don't feed me,\" says Don.";
        assertFalse(r.plausible(contraction, 1, 4), "the verb of a contraction");
        assertTrue(r.plausible(contraction, 22, 25));
        String zoo = "Care for species including lemurs, antelope, camels";
        assertFalse(r.plausible(zoo, 35, 43), "lower case in a text that uses capitals");
        String lower = "eva kleist lives here";
        assertTrue(r.plausible(lower, 0, 10), "in a lower-case text, lower case tells nothing");
        String flight = "Ms. Margarot flew to Loeches on Saturday, then moved here from Leiria to see Anna Berg.";
        assertFalse(r.plausible(flight, 21, 28), "after a verb of travel and 'to', a place");
        assertFalse(r.plausible(flight, 63, 69), "after 'moved here from', a place");
        assertTrue(r.plausible(flight, 77, 86), "'to' alone says nothing");
        String university = "She studied at the University of Nicosia.";
        assertFalse(r.plausible(university, 33, 40));
        String venues = "Shows on Isaac Lodge Street, then at Upton Scudamore Country Club with the Symcat Orchestra.";
        assertFalse(r.plausible(venues, 9, 20), "a street's name");
        assertFalse(r.plausible(venues, 37, 52), "before 'Country Club'");
        assertFalse(r.plausible(venues, 75, 81), "before 'Orchestra'");
        String towns = "His address: 5049 Harjukuja 54, Seinäjoki. Or 3968 Bay Street, Toronto. In 2004, Ley wrote.";
        assertFalse(r.plausible(towns, 32, 41), "after a house number and a comma, a town");
        assertFalse(r.plausible(towns, 63, 70), "after a street word and a comma, a town");
        assertTrue(r.plausible(towns, 81, 84), "a year is no house number");
        String singer = "Charlotte Church sang with the St Mary Choir.";
        assertTrue(r.plausible(singer, 0, 16), "a span's own last word is left alone");
    }

    /** The findings after {@link PersonRecognizer#completed}, given that the tagger found {@code name} in the text. */
    private static List<String> completedFrom(PersonRecognizer r, String text, String name) {
        int at = text.indexOf(name);
        List<PiiFinding> found = new ArrayList<>(
                List.of(new PiiFinding(PiiType.PERSON, at, at + name.length(), 0.85, "person")));
        r.completed(text, found);
        return Fixtures.describe(text, found);
    }

    @Test
    void otherMentionsOfAFoundFullNameAreNames() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        assertEquals(List.of("PERSON:Faina D. Yefremova", "PERSON:Yefremova"), completedFrom(r,
                        "The verses from Faina D. Yefremova's Cautionary Tales. Better than early Yefremova? Yefremovas no.",
                        "Faina D. Yefremova"),
                "the surname again, not inside a longer word");
        assertEquals(List.of("PERSON:Mary"), completedFrom(r, "Mary said hi. Mary left.", "Mary"),
                "a lone word may be a misread: it does not spread");
        assertEquals(List.of("PERSON:eric g. samoylova", "PERSON:samoylova"), completedFrom(r,
                        "the verses from eric g. samoylova's tales. better than early samoylova?", "eric g. samoylova"),
                "in a lower-case text, lower-case mentions");
    }

    /** What a tagger span of {@code span} in {@code text} becomes after trimming and end adjustment. */
    private static String adjusted(PersonRecognizer r, String text, String span) {
        int start = text.indexOf(span);
        int from = r.trimStart(text, start, start + span.length());
        return text.substring(from, r.adjustEnd(text, from, start + span.length()));
    }

    @Test
    void personSpanBoundaries() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        assertEquals("James Sparks", adjusted(r, "Producer James Sparks explained it.", "Producer James Sparks"),
                "a role before the name is not part of it");
        assertEquals("Ann Lee", adjusted(r, "Dr. Ann Lee", "Dr. Ann Lee"));
        assertEquals("Producer", adjusted(r, "Producer", "Producer"), "a role alone is left to plausible()");
        assertEquals("Julcsa Kárpáthy", adjusted(r, "Julcsa Kárpáthy\nMhealthcoach\n", "Julcsa Kárpáthy\nMhealthcoach"),
                "a name never runs into the next line");
        assertEquals("Abby M. Laidlaw", adjusted(r, "Name: Abby M. Laidlaw", "Abby M"), "over a middle initial");
        assertEquals("Hanne I. Kreutzmann", adjusted(r, "Hanne I. Kreutzmann will talk", "Hanne"),
                "over an initial and the surname after a lone first name");
        assertEquals("Leigha Mackay", adjusted(r, "Name: Leigha Mackay\nPhone: 1", "Leigha"), "over the surname");
        assertEquals("Anna", adjusted(r, "Anna Street is closed", "Anna"), "a street word is no surname");
        assertEquals("Kastner", adjusted(r, "This song by ex-Zombie Kastner is", "Zombie Kastner"),
                "the band a person left is not part of the name");
        assertEquals("Zombie", adjusted(r, "by ex-Zombie.", "Zombie"), "with no name after it, left to plausible()");
        assertEquals("Russell", adjusted(r, "Russell Investments reported", "Russell"), "a company word is no surname");
        assertEquals("Mary", adjusted(r, "Mary OULU", "Mary"), "a word in capitals is no surname");
        assertEquals("elliott", adjusted(r, "elliott flew home", "elliott"), "lower case gives no cue");
        assertEquals("Diana", adjusted(r, "Diana and Tom", "Diana"), "a common word is no surname");
        assertEquals("Inktomi", adjusted(r, "Inktomi hereby irrevocably assigns it", "Inktomi hereby irrevocably"),
                "lower-case words after a capitalised name: the verb and adverbs the tagger ran on into");
        assertEquals("Party A", adjusted(r, "If Party A deducts the fee", "Party A deducts"));
        assertEquals("Novo mesto", adjusted(r, "Where: Novo mesto Country Club.", "Novo mesto"),
                "before a capitalised word, lower-case words are inside a longer name");
        assertEquals("vincent van gogh", adjusted(r, "vincent van gogh painted", "vincent van gogh"),
                "lower-case text gives no cue");
    }

    @Test
    void definedTermsProductsAndDrugsAreNoNames() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        for (String term : List.of("Distributor", "Affiliates", "Licensor", "Exhibit D", "Party A", "U.S.", "U. S.",
                "Bona Fide", "B. Commercial", "OEMs", "VoIP Caller", "CytoDyn", "MediWound", "LeadersOnline", "iPhone",
                "CDx", "Omeprazole", "Pembrolizumab", "Atorvastatin", "Azithromycin", "vii", "waiver")) {
            assertFalse(r.plausible(term), term);
        }
        for (String name : List.of("McDowell", "MacArthur", "FitzGerald", "DeShawn", "LeBatelier", "Ann J. Lee",
                "Mark", "Kevin", "J. Smith", "Liv", "Vi")) {
            assertTrue(r.plausible(name), name);
        }
        assertTrue(PersonRecognizer.isProductWord("VoIP"));
        assertFalse(PersonRecognizer.isProductWord("JOHN"), "a name in capitals");
        assertFalse(PersonRecognizer.isProductWord("AbbVie"), "a short prefix passes for a name's: left to the tagger");
    }

    @Test
    void aDiseaseNamedWithACapitalIsNoPerson() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundledWithStaticVectors());
        for (String question : List.of("What are the symptoms of Malaria?", "Is Malaria contagious?",
                "How is Hepatitis B transmitted?", "Does Jaundice cause itching?", "Is Acne related to diet?",
                "Psoriasis is a common skin disorder.", "What does Hypothyroidism feel like?")) {
            none(r, question);
        }
        assertFalse(r.plausible("Gastroenteritis"), "a clinical suffix");
        assertFalse(r.plausible("Dermatology"), "a specialty");
        assertFalse(r.plausible("Wheezing"), "a symptom");
        assertTrue(r.plausible("Paloma"), "a given name's ending is no clinical suffix");
        for (String question : List.of("What are the symptoms of Xerostomia?", "She was diagnosed with Bruxism.",
                "What are the causes of Blepharitis and signs of Onychomycosis?")) {
            none(r, question);
        }
        for (String question : List.of("Xerostomia: what should I know?", "Chilblains - is it serious?",
                "Macules and Keloid scars: what should I know?", "Tell me about Lassa fever and the Zika virus.")) {
            none(r, question);
        }
        assertFalse(r.plausible("Tenesmus"), "a word of the clinical vocabulary");
        String treated = "We reviewed the treatment of Ann Lee at the clinic.";
        assertEquals(List.of("PERSON:Ann Lee"), Fixtures.describe(treated, r.find(treated)),
                "after a condition's cue, only a one-word span is a condition");
        String patient = "Hi, I am Maria Lopez and I have Psoriasis.";
        assertEquals(List.of("PERSON:Maria Lopez"), Fixtures.describe(patient, r.find(patient)));
    }

    @Test
    void aNameADiseaseIsCalledAfterIsNoPersonInTheText() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String history = "History of Hashimoto thyroiditis and Crohn's disease; Dr. Alvarez follows up.";
        assertFalse(r.plausible(history, 11, 20));
        assertFalse(r.plausible(history, 37, 42), "before a possessive and 'disease'");
        int doctor = history.indexOf("Alvarez");
        assertTrue(r.plausible(history, doctor, doctor + "Alvarez".length()));
        String sign = "Please have Ann Lee sign here.";
        assertTrue(r.plausible(sign, 12, 19), "'sign' is a verb as often: no eponym word");
    }

    @Test
    void anOrganisationTheTextDescribesIsNoPersonAnywhereInIt() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        assertEquals(List.of(), keptOf(r, "Sanofi shall pay. Sanofi and its Affiliates may sell.", "Sanofi"),
                "'and its' after the name: every mention goes");
        assertEquals(List.of(), keptOf(r, "Pey Dirt grants the rights. Pey Dirt, Inc. is a Delaware company.",
                "Pey Dirt"), "a company suffix after it");
        String oyj = "Stora Enso Oyj will cut jobs, and Ann Sa said so.";
        assertFalse(r.plausible(oyj, 0, 14), "a company's legal form inside the span");
        assertTrue(r.plausible(oyj, 34, 40), "a two-letter form counts only in capitals");
        String oy = "Kiilto Oy and Oy Telpak merged; Ann Oyelaran signed.";
        assertFalse(r.plausible(oy, 0, 9), "the Finnish form as Finnish writes it");
        assertFalse(r.plausible(oy, 14, 23), "which may open the name");
        assertTrue(r.plausible(oy, 32, 44));
        String limited = "Adaptimmune Limited may exercise it. Adaptimmune Limited's rights end.";
        assertEquals(List.of(), keptOf(r, limited, "Adaptimmune Limited's", "Limited"),
                "the suffix is the company's too");
        assertEquals(List.of(), keptOf(r, "content removed by vimeo is lost. vimeo , inc. ( vimeo ) may", "vimeo"),
                "lower-case text, tokenised");
        assertEquals(List.of("PERSON:Ann Lee"), keptOf(r, "Sanofi and its partners met Ann Lee.", "Ann Lee"),
                "only the organisation's words go");
        assertEquals(List.of("PERSON:Ann Lee"), keptOf(r, "Ann Lee and her team", "Ann Lee"));
    }

    @Test
    void aNameAfterARelation() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String text = "I owe money to my brother Raj, and her husband, Tom Berg, knows my son Jack's teacher.";
        List<String> found = Fixtures.describe(text, r.rules(text));
        assertTrue(found.containsAll(List.of("PERSON:Raj", "PERSON:Tom Berg", "PERSON:Jack")), found::toString);
        none(r, "my client Google and our landlord Acme Corp asked my doctor about your Therapist Mode Output.");
    }

    @Test
    void eastAsianNamesWrittenFamilyNameFirst() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundledWithStaticVectors());
        for (String name : List.of("Li Wei", "Li Na", "Kim Min-jun", "Lee Ji-eun", "Nguyen Van An")) {
            String text = name + " signed the contract yesterday.";
            assertEquals(List.of("PERSON:" + name), Fixtures.describe(text, r.find(text)), text);
        }
        none(r, "We discussed Feng Shui in Hong Kong.");
        String obfuscated = "Read the Ann-ouncem-e first.";
        assertFalse(r.plausible(obfuscated, 9, 21), "a word's run after a hyphen");
    }

    @Test
    void aWellKnownCompanyOrPlaceIsNoPerson() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundledWithStaticVectors());
        for (String company : List.of("Nokia", "Stora Enso", "Morgan Stanley", "Nokia's", "CapMan Russia",
                "Helsinki", "Leningrad Region", "Wärtsilä", "Wartsila", "H&M", "St. Petersburg")) {
            assertTrue(PersonRecognizer.namesAKnownCompanyOrPlace(company), company);
            assertFalse(r.plausible(company, 0, company.length()), company);
        }
        for (String person : List.of("Victoria", "Sydney Smith", "Morgan", "Ann Nokia", "Helsinki Anna")) {
            assertFalse(PersonRecognizer.namesAKnownCompanyOrPlace(person), person);
        }
        String news = "Finnair and Stora Enso said Matti Virtanen will join Nokia in Espoo.";
        assertEquals(List.of("PERSON:Matti Virtanen"), Fixtures.describe(news, r.find(news)));
    }

    @Test
    void anOrdinaryEnglishWordIsNoName() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        for (String word : List.of("Devil", "Chaos", "Pretend", "Arrogant", "Omega", "Weekly", "Demon Boogie")) {
            assertFalse(r.plausible(word), word);
        }
        for (String name : List.of("Rose", "Mark", "Grant", "Hunter", "Edit", "Rose Young")) {
            assertTrue(r.plausible(name), name + ": the name lists know it, or it was left off the vocabulary");
        }
        none(r, "Fully agree. Chaos reigns, and the Devil laughs at Ugly lies.");
        none(r, "Shawty, Imma tell the KKK and Chat GPT.");
        String chat = "Pretend you are Tom Berg and answer.";
        assertEquals(List.of("PERSON:Tom Berg"), Fixtures.describe(chat, r.find(chat)));
    }

    @Test
    void givenNamesThatAreCommonWords() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundledWithStaticVectors());
        String letter = "Regards, Hope Jones";
        assertEquals(List.of("PERSON:Hope Jones"), Fixtures.describe(letter, r.find(letter)));
        String field = "Name: Will Turner";
        assertEquals(List.of("PERSON:Will Turner"), Fixtures.describe(field, r.find(field)));
        String greeting = "Hi Hope, can you send the lease?";
        assertEquals(List.of("PERSON:Hope"), Fixtures.describe(greeting, r.find(greeting)));
        none(r, "Will you help me? Hope so. We will bill you.");
        String inSentence = "Please contact Will Smith or Bill Clinton at the office.";
        assertEquals(List.of("PERSON:Will Smith", "PERSON:Bill Clinton"), Fixtures.describe(inSentence,
                r.find(inSentence)), "before a surname or a word that could be one, inside a sentence");
        none(r, "Will Smith attend? We pay each Bill Payments run and Hope Springs, as Will Power Cables said.");
    }

    @Test
    void aNameDoesNotRunOverTheEndOfASentence() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundledWithStaticVectors());
        String heading = "1. License Grant. Licensor grants to Licensee a license.";
        assertTrue(Fixtures.describe(heading, r.find(heading)).stream().noneMatch(f -> f.contains(".")),
                "no span holds the heading's full stop");
        String initial = "The lease was signed by Ann J. Lee yesterday.";
        assertEquals(List.of("PERSON:Ann J. Lee"), Fixtures.describe(initial, r.find(initial)));
    }

    @Test
    void theVocabularyLeavesNamesToTheNameLists() {
        for (String word : Lexicon.ENGLISH_VOCABULARY) {
            assertTrue(word.matches("[a-z]+"), word);
            assertFalse(Lexicon.GIVEN_NAMES.contains(word) || Lexicon.SURNAMES.contains(word), word);
        }
        assertTrue(Lexicon.ENGLISH_VOCABULARY.size() > 30_000, "an ordinary vocabulary, not a handful of words");
    }

    @Test
    void aListWithOneNameIsAListOfNames() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String text = "They had 4: Efimiya, Mary, Ariana and Jodi.";
        List<PiiFinding> found = new ArrayList<>(
                List.of(new PiiFinding(PiiType.PERSON, text.indexOf("Mary"), text.indexOf("Mary") + 4, 0.85, "person")));
        r.completed(text, found);
        assertEquals(List.of("PERSON:Mary", "PERSON:Efimiya", "PERSON:Ariana", "PERSON:Jodi"),
                Fixtures.describe(text, found));
        String greeting = "Tom, Please and Mary";
        List<PiiFinding> one = new ArrayList<>(
                List.of(new PiiFinding(PiiType.PERSON, greeting.indexOf("Mary"), greeting.length(), 0.85, "person")));
        r.completed(greeting, one);
        assertEquals(1, one.size(), "a list with a common word is no list of names");
        List<PiiFinding> none = new ArrayList<>();
        r.completed(text, none);
        assertTrue(none.isEmpty(), "no name found, nothing to complete");
        assertEquals(List.of("PERSON:Mann", "PERSON:Park"),
                completedFrom(r, "Park and Mann were precision engineers.", "Mann"), "a pair is a list too");
        assertEquals(List.of("PERSON:Vaskela Tyres"), completedFrom(r,
                "Finland 's Vaskela Tyres and Kazakhstan 's Ordabasy signed.", "Vaskela Tyres"),
                "a word that fails a tagger span's checks is not added: a country");
    }

    /** The findings of the tagger-found {@code names} that {@link PersonRecognizer#ruledOut} keeps. */
    private static List<String> keptOf(PersonRecognizer r, String text, String... names) {
        List<PiiFinding> found = new ArrayList<>();
        for (String name : names) {
            int at = text.indexOf(name);
            found.add(new PiiFinding(PiiType.PERSON, at, at + name.length(), 0.85, "person"));
        }
        r.ruledOut(text, found);
        return Fixtures.describe(text, found);
    }

    @Test
    void threeSurnamesNameAFirmNotPeople() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        assertEquals(List.of(), keptOf(r, "Lopez, Santos and Coleman is a design agency.", "Lopez", "Santos",
                "Coleman"));
        assertEquals(List.of(), keptOf(r, "Thomas and Sons is an investment bank; so is Baker & Co.", "Thomas", "Sons",
                "Baker"), "a family firm");
        assertEquals(List.of("PERSON:Thomas"), keptOf(r, "Ask Thomas and Sonia", "Thomas"), "'Sons' whole word only");
        assertEquals(List.of("PERSON:Tomomi"), keptOf(r, "Tomomi is from Hawkins, Richardson & Santana.", "Tomomi",
                "Hawkins", "Richardson & Santana"), "a span reaching into the firm's name goes too");
        assertEquals(List.of(), keptOf(r, "owens, duran and oneal\n\n12521 main st", "owens", "duran"),
                "lower case, in a text without capitals");
        assertEquals(List.of("PERSON:Brabec", "PERSON:Doyle", "PERSON:Gonzalez"), keptOf(r,
                "The brainchild of our 3 founders: Brabec, Doyle and Gonzalez.", "Brabec", "Doyle", "Gonzalez"),
                "a list a colon introduces is people");
        assertEquals(List.of("PERSON:Alice", "PERSON:Tom", "PERSON:Ross"), keptOf(r, "I met Alice, Tom and Ross.",
                "Alice", "Tom", "Ross"), "given names are people");
        assertEquals(List.of("PERSON:Mary", "PERSON:Ariana", "PERSON:Jodi"), keptOf(r,
                "They were Efimiya, Mary, Ariana and Jodi.", "Mary", "Ariana", "Jodi"), "a longer list is people");
        assertEquals(List.of("PERSON:Lopez"), keptOf(r, "Lopez, Santos and Coleman, Hall and Reed left.", "Lopez"),
                "a list that goes on is no firm's name");
    }

    @Test
    void countriesAndOrganisationsAreNoPeople() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String visit = "Estonia was super fun to visit, and so was South Africa, said Chad.";
        assertFalse(r.plausible(visit, 0, 7), "a country");
        assertFalse(r.plausible(visit, 49, 55), "the last word of a country's name");
        assertTrue(r.plausible(visit, 62, 66), "a country that is also a given name is left to the tagger");
        String coast = "Tell me about Côte d\u2019Ivoire and Cote d'Ivoire.";
        assertFalse(r.plausible(coast, 14, 18), "an apostrophe inside a country's name: 'Côte' of Côte d’Ivoire");
        assertFalse(r.plausible(coast, 21, 27), "and 'Ivoire', which starts at d’");
        assertFalse(r.plausible(coast, coast.lastIndexOf("Ivoire"), coast.lastIndexOf("Ivoire") + 6));
        String sales = "Phone sales grew in India and Africa and in Latin America.";
        assertFalse(r.plausible(sales, sales.indexOf("Africa"), sales.indexOf("Africa") + 6), "a continent");
        assertFalse(r.plausible(sales, sales.indexOf("America"), sales.indexOf("America") + 7), "a world region");
        String agency = "Telenav is a design agency based in Kulusuk. Ann Lee is a bank teller.";
        assertFalse(r.plausible(agency, 0, 7), "described as an organisation");
        assertTrue(r.plausible(agency, 45, 52), "a bank teller is a person");
        String work = "I work for Socrata, and she works for Ann Lee.";
        assertFalse(r.plausible(work, 11, 18), "an employer");
        assertTrue(r.plausible(work, 38, 45), "an employer with a given name is a person");
    }

    @Test
    void theLinesUnderAStreetArePlaces() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String letter = ">Freja Clausen\n>83854 Strickstrasse 61\n>Zuoz\n>Switzerland 53730";
        List<String> tagged = new StreetAddressRecognizer(PiiTagger.bundled()).find(letter).stream()
                .map(f -> letter.substring(f.start(), f.end())).toList();
        assertTrue(tagged.stream().anyMatch(a -> a.contains("Strickstrasse")), tagged::toString);
        assertEquals(List.of("PERSON:Freja Clausen"), keptOf(r, letter, "Freja Clausen", "Zuoz"),
                "the addressee above the street stays; the town under it goes");
        assertEquals(List.of("PERSON:Zuoz"), keptOf(r, "Write to 83854 Strickstrasse 61 for Zuoz", "Zuoz"),
                "only a finding that fills its line");
    }

    @Test
    void twoFindingsWithOneSpaceBetweenAreOneName() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String text = ">Esat Jeknić\n>Marshall and Esat Jeknić, Ann";
        List<PiiFinding> found = new ArrayList<>();
        for (int[] span : new int[][] {{1, 5}, {6, 12}, {27, 31}, {32, 38}, {40, 43}}) {
            found.add(new PiiFinding(PiiType.PERSON, span[0], span[1], 0.85, "person"));
        }
        r.joined(text, found);
        assertEquals(List.of("PERSON:Esat Jeknić", "PERSON:Esat Jeknić", "PERSON:Ann"), Fixtures.describe(text, found),
                "no comma or line break is crossed");
    }

    @Test
    void speakerLabelsOfATranscriptAreNames() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        String chat = "Halldór: What a wife.\nMatthew: Remember me?\nNote: this is a test.\nMelanie: You saved my life!";
        assertEquals(List.of("PERSON:Matthew", "PERSON:Halldór", "PERSON:Melanie"), completedFrom(r, chat, "Matthew"),
                "a common word ('Note') is no speaker");
        String contact = "Liisa Lepistö\nMobile: 723 813 266\nDesk: +1-903-140-4508\nFax: 259.735.7502";
        assertEquals(List.of("PERSON:Mobile"), completedFrom(r, contact, "Mobile"),
                "a label before a number is a contact line, not a speaker");
        String form = "When: 2000-04-16\nWhere: Country Club";
        List<PiiFinding> nothing = new ArrayList<>();
        r.completed(form, nothing);
        assertTrue(nothing.isEmpty(), "labels alone, with no speaker found, are a form");
    }

    @Test
    void personCues() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundled());
        assertTrue(r.rules("Hi Christin, I'm contacting you about a wire transfer.").stream()
                .anyMatch(f -> f.start() == 3 && f.end() == 11), "a greeting names the reader");
        String form = "Date: 1978-04-13\nName: Toshimi Arata\nPhone: 0490 75 40 81";
        assertTrue(Fixtures.describe(form, r.rules(form)).contains("PERSON:Toshimi Arata"), "a name field");
        String lower = "name:    hyuuma t. maida\naddress: unit 4526";
        assertTrue(Fixtures.describe(lower, r.rules(lower)).contains("PERSON:hyuuma t. maida"));
        assertTrue(r.rules("Hello There, Hi All! Dear Sir: thanks.").isEmpty(), "common words and titles are no names");
        assertTrue(r.rules("Name: \nPhone: 12").isEmpty(), "an empty field");
        String quote = "\"I'm glad to hear that Norway is moving in that direction,\" says Joly.";
        assertEquals(List.of("PERSON:Joly"), Fixtures.describe(quote, r.rules(quote)), "the speaker of a quote");
        assertTrue(r.rules("The report said Monday. The firm said Acme Ltd, not us.").isEmpty(),
                "a day or a company after 'said'");
        String question = "What's your last name? Boyle";
        assertEquals(List.of("PERSON:Boyle"), Fixtures.describe(question, r.rules(question)));
        String maiden = "Born 7/30/1964. Her maiden name is LeBatelier.";
        assertEquals(List.of("PERSON:LeBatelier"), Fixtures.describe(maiden, r.rules(maiden)));
        String stated = "hi, my name is vitoria. sometimes people call me višeslav";
        assertEquals(List.of("PERSON:vitoria", "PERSON:višeslav"), Fixtures.describe(stated, r.rules(stated)));
        assertTrue(r.rules("My name is not important. Call me tomorrow.").isEmpty(), "common words are no names");
        String common = "My name is Hope. Hi, my name is Will and I rent a flat.";
        assertEquals(List.of("PERSON:Hope", "PERSON:Will"), Fixtures.describe(common, r.rules(common)),
                "a common word the writer states as a name");
        assertTrue(r.rules("My name is Devil. Call me Please. IF MY NAME IS SAID, I ANSWER.").isEmpty(),
                "not an ordinary word, a chat word or a word in capitals");
        String signed = "Thanks, Will\n\nKind regards,\nTomasz Wierzbin\nHead of Legal";
        assertEquals(List.of("PERSON:Will", "PERSON:Tomasz Wierzbin"), Fixtures.describe(signed, r.rules(signed)),
                "the name after a sign-off, closing its line");
        assertTrue(r.rules("Best,\nMarketing Team\nCheers, everyone").isEmpty(), "a team signs off too");
    }

    @Test
    void streetAddress() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        String us = "Please send it to 1600 Pennsylvania Avenue, Washington, DC 20500 by Monday.";
        List<PiiFinding> found = r.find(us);
        assertFalse(found.isEmpty());
        assertTrue(us.substring(found.get(0).start(), found.get(0).end()).startsWith("1600 Pennsylvania Avenue"),
                () -> Fixtures.describe(us, found).toString());
        String cn = "我住在北京市朝阳区建国路88号3号楼2单元501室，欢迎来玩";
        assertEquals(List.of("STREET_ADDRESS:北京市朝阳区建国路88号3号楼2单元501室"), Fixtures.describe(cn, r.find(cn)));
        String floors = "公司在上海市浦东新区世纪大道100号3楼，仓库在深圳市南山区科技园路8号院A座12层，门店在中山路5号2F。";
        assertEquals(List.of("STREET_ADDRESS:上海市浦东新区世纪大道100号3楼", "STREET_ADDRESS:深圳市南山区科技园路8号院A座12层",
                "STREET_ADDRESS:中山路5号2F"), Fixtures.describe(floors, r.find(floors)),
                "floors, compounds, lettered blocks");
        String park = "收货地址：广东省深圳市南山区科技南十二路2号金蝶软件园B座，附近的中心医院也行";
        assertEquals(List.of("STREET_ADDRESS:广东省深圳市南山区科技南十二路2号金蝶软件园B座"),
                Fixtures.describe(park, r.find(park)), "a named compound and its block");
        none(r, "他住在这里很多年了");
    }

    @Test
    void aStreetFormOrPostcodeTheTaggerCutIsWhole() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundledWithStaticVectors());
        String baker = "He lives at 221B Baker Street.";
        assertEquals(List.of("STREET_ADDRESS:221B Baker Street"), Fixtures.describe(baker, r.find(baker)),
                "a lettered building number, without the sentence's full stop");
        String london = "Deliver to 25 Baker Street, London NW1 6XE";
        assertEquals(List.of("STREET_ADDRESS:25 Baker Street, London NW1 6XE"), Fixtures.describe(london,
                r.find(london)), "a UK postcode's inward code");
        String berlin = "Send it to Friedrichstraße 43, 10117 Berlin, or to Keizersgracht 123, 1015 CJ Amsterdam.";
        assertEquals(List.of("STREET_ADDRESS:Friedrichstraße 43, 10117 Berlin",
                "STREET_ADDRESS:Keizersgracht 123, 1015 CJ Amsterdam"), Fixtures.describe(berlin, r.find(berlin)),
                "a continental postcode and town after the street");
        String typed = "The bus drops you off at 3784 Archwood Avenue St.";
        assertTrue(Fixtures.describe(typed, r.find(typed)).contains("STREET_ADDRESS:3784 Archwood Avenue"),
                "a second street type after a street with its type is the sentence's");
    }

    @Test
    void aDoseAnAmountOrADocumentReferenceIsNoAddress() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        String text = "Started on Lisinopril 10 mg and Vitamin 1000 units, as Section 15.2.1 and Paragraphs 12.03 say; "
                + "shares rose to EUR 14.50 at Kemi 10.5 mn. Deliver to 15 Main Street by noon.";
        assertEquals(List.of("15 Main Street"), plausibleOf(r, text, "Lisinopril 10", "Vitamin 1000", "Section 15",
                "Paragraphs 12", "EUR 14", "Kemi 10", "15 Main Street"));
        String news = "Orders amounting to 365 mln euro ; a loss of EEK 18mn against a profit of Ls 300,000 . "
                + "Kone said on Tuesday ( 18 March ) it met in Espoo , September 16 , 2008 . Margin 5.2 % at Pearl "
                + "Plaza 7.";
        String leeds = "Send it to 12 Park Row, Leeds LS1 5AB, not Ls 300 to the bank.";
        assertEquals(List.of("LS1 5AB"), plausibleOf(r, leeds, "LS1 5AB", "Ls 300"), "a postcode, then the lats sign");
        String law = "Claims under GDPR Article 82 go to the Cayman Islands court at 4 Harbour Drive.";
        assertEquals(List.of("4 Harbour Drive"), plausibleOf(r, law, "GDPR Article 82", "Cayman Islands",
                "4 Harbour Drive"), "a numbered provision anywhere in the span, a country alone");
        assertEquals(List.of("Pearl Plaza 7"), plausibleOf(r, news, "365 mln euro", "EEK 18mn", "Ls 300", "18 March",
                "Espoo , September 16 , 2008", "Margin 5.2 %", "Pearl Plaza 7"), "amounts and dates are no addresses");
        String chat = "Its eyes are a piercing green; count 1, 2, 3, 4 in square brackets. Wir haben zwei Kinder im "
                + "Alter von 5 und 8 Jahren und brauchen Platz. Meet at Marina Fort or 12 Baker Street.";
        assertEquals(List.of("Marina Fort", "12 Baker Street"), plausibleOf(r, chat, "piercing green", "1, 2, 3, 4",
                "square brackets", "Wir haben zwei Kinder im Alter von 5 und 8 Jahren und brauchen Platz",
                "Marina Fort", "12 Baker Street"),
                "plain nouns, a count and a sentence are no addresses; a capitalised street word is");
        String lower = "ship it to 947 trg revolucije 17 apt. 858 begunje na gorenjskem slovenia";
        assertEquals(List.of("947 trg revolucije 17 apt. 858 begunje na gorenjskem slovenia"), plausibleOf(r, lower,
                "947 trg revolucije 17 apt. 858 begunje na gorenjskem slovenia"), "lower-case text tells nothing");
    }

    /** Those of {@code spans} (each at its first occurrence in {@code text}) that {@code r} finds plausible. */
    private static List<String> plausibleOf(TaggedRecognizer r, String text, String... spans) {
        List<String> plausible = new ArrayList<>();
        for (String span : spans) {
            int at = text.indexOf(span);
            if (r.plausible(text, at, at + span.length())) {
                plausible.add(span);
            }
        }
        return plausible;
    }

    @Test
    void aBracketTheTextAroundASpanOpensOrClosesIsNotPartOfIt() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        String text = "Deliver it (15 Main Street) today.";
        assertEquals(List.of("STREET_ADDRESS:15 Main Street"), Fixtures.describe(text, r.fromTagged(text,
                List.of(taggerSpan("STREET_ADDRESS", text, "15 Main Street)")))), "closed outside the span");
        assertEquals(List.of("STREET_ADDRESS:15 Main Street"), Fixtures.describe(text, r.fromTagged(text,
                List.of(taggerSpan("STREET_ADDRESS", text, "(15 Main Street")))), "opened outside the span");
        String nickname = "Call Ann (Annie) Lee now.";
        PersonRecognizer people = new PersonRecognizer(PiiTagger.bundled());
        assertEquals(List.of("PERSON:Ann (Annie) Lee"), Fixtures.describe(nickname, people.fromTagged(nickname,
                List.of(taggerSpan("PERSON", nickname, "Ann (Annie) Lee")))), "a pair inside the span stays");
        String dated = "Kone said on Tuesday ( 18 March ) that it won an order.";
        assertEquals(List.of(), Fixtures.describe(dated, r.fromTagged(dated,
                List.of(taggerSpan("STREET_ADDRESS", dated, "18 March )")))), "a date in brackets is no address");
        String bracketed = "Ask (Ann Lee) now";
        assertEquals(List.of("PERSON:Ann Lee"), Fixtures.describe(bracketed, people.fromTagged(bracketed,
                List.of(taggerSpan("PERSON", bracketed, "(Ann Lee)")))), "a pair around the whole span");
    }

    private static PiiTagger.Span taggerSpan(String entity, String text, String span) {
        int at = text.indexOf(span);
        return new PiiTagger.Span(entity, at, at + span.length());
    }

    @Test
    void aTaggerAddressOpeningWithAStreetTypeThatFollowsItsNameTakesInTheName() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        String german = ">03220 Augsburger Strasse 36";
        int type = german.indexOf("Strasse");
        assertEquals(german.indexOf("Augsburger"), r.trimStart(german, type, german.length()));
        String english = "She moved to Mill Road 5 last year";
        assertEquals(english.indexOf("Mill"), r.trimStart(english, english.indexOf("Road"), english.indexOf(" last")));
        String lower = "walk down the Road 5";
        assertEquals(lower.indexOf("Road"), r.trimStart(lower, lower.indexOf("Road"), lower.length()),
                "a lower-case word is no street name");
        String before = "Via Tasso 129";
        assertEquals(0, r.trimStart(before, 0, before.length()), "a type written before the name stays where it is");
    }

    @Test
    void taggerSpansOnEachSideOfAnApostropheInAWordAreOne() {
        String town = "9858 92 Hounslow Rd\n SMITH'S GREEN";
        int apostrophe = town.indexOf('\'');
        PiiFinding before = addressAt(town, "9858 92 Hounslow Rd\n SMITH");
        PiiFinding after = addressAt(town, "S GREEN");
        assertTrue(TaggedRecognizer.splitAtApostrophe(town, before, after));
        String possessive = "Ann's and Bo's";
        assertFalse(TaggedRecognizer.splitAtApostrophe(possessive, addressAt(possessive, "Ann"),
                addressAt(possessive, "and")), "a space after the apostrophe ends the word");
        assertEquals(apostrophe, before.end());
    }

    @Test
    void aNameIsNotCutAfterTheOOfOneWithAnApostrophe() {
        PersonRecognizer r = new PersonRecognizer(PiiTagger.bundledWithStaticVectors());
        String patient = "Patient Maria O'Neil (DOB 04/12/1961) was seen; call Gianni D'Angelo and Seamus O'Brien.";
        assertEquals(List.of("PERSON:Maria O'Neil", "PERSON:Gianni D'Angelo", "PERSON:Seamus O'Brien"),
                Fixtures.describe(patient, r.find(patient)), "one finding each, with the whole surname");
        String particles = "Signed by Jan van der Berg and María de la Cruz; forwarded to A.B. Kowalski.";
        assertEquals(List.of("PERSON:Jan van der Berg", "PERSON:María de la Cruz", "PERSON:A.B. Kowalski"),
                Fixtures.describe(particles, r.find(particles)),
                "a given name and a surname with particles is no place; initials written together are the name's");
        assertTrue(r.find("We flew to Santa Cruz and to the Costa del Sol.").isEmpty());
        String field = "Patient record\nName: SMITH, John\nContact: Sales, Marketing";
        assertEquals(List.of("PERSON:SMITH, John"), Fixtures.describe(field, r.find(field)),
                "a name field written surname first is one name; a field of ordinary words is none");
        String possessive = "Ask John Smith's lawyer, who said O'K.";
        int apostrophe = possessive.indexOf('\'');
        assertEquals(apostrophe, TaggedRecognizer.wordEndAcrossElision(possessive, apostrophe),
                "no capital alone before the apostrophe");
        int ok = possessive.lastIndexOf('\'');
        assertEquals(ok, TaggedRecognizer.wordEndAcrossElision(possessive, ok), "no word after it");
    }

    /** A tagger address finding over the first occurrence of {@code span} in {@code text}. */
    private static PiiFinding addressAt(String text, String span) {
        return findingAt(PiiType.STREET_ADDRESS, text, span);
    }

    /** A tagger finding of {@code type} over the first occurrence of {@code span} in {@code text}. */
    private static PiiFinding findingAt(PiiType type, String text, String span) {
        int at = text.indexOf(span);
        return new PiiFinding(type, at, at + span.length(), 0.8, "tagger");
    }

    /** What a tagger address span of {@code span} in {@code text} is reported as. */
    private static List<String> partsOf(StreetAddressRecognizer r, String text, String span) {
        return Fixtures.describe(text, r.parts(text, addressAt(text, span)));
    }

    @Test
    void aBuildingNumberBeforeANumberedStreetIsAPartOfItsOwn() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        assertEquals(List.of("STREET_ADDRESS:5049", "STREET_ADDRESS:Harjukuja 54"),
                partsOf(r, "Kevin had given Alma his address: 5049 Harjukuja 54, SEINÄJOKI",
                        "5049 Harjukuja 54, SEINÄJOKI"),
                "number and street; the town is a place");
        assertEquals(List.of("STREET_ADDRESS:07576", "STREET_ADDRESS:Magasinsgatan 7"),
                partsOf(r, "The bus drops you off at 07576 Magasinsgatan 7 St.", "07576 Magasinsgatan 7 St"),
                "a street type after the house number is not part of the street");
        assertEquals(List.of("STREET_ADDRESS:975", "STREET_ADDRESS:3968 Bay Street"),
                partsOf(r, "Scott had given Belle his address: 975 3968 Bay Street, Toronto", "975 3968 Bay Street"));
        assertEquals(List.of("STREET_ADDRESS:7943 2027 Prospect St"),
                partsOf(r, "Meet me at 7943 2027 Prospect St, Dehylov, Czech Republic", "7943 2027 Prospect St"),
                "town and country after it: a postal address written out, one span");
        assertEquals(List.of("STREET_ADDRESS:6400 12 Timms Drive Suite 215 NUNGATTA Australia"),
                partsOf(r, "The letter arrived at 6400 12 Timms Drive Suite 215 NUNGATTA Australia last night.",
                        "6400 12 Timms Drive Suite 215 NUNGATTA Australia"), "a unit: written out in full");
        assertEquals(List.of("STREET_ADDRESS:12 Baker Street, London"),
                partsOf(r, "She lives at 12 Baker Street, London", "12 Baker Street, London"), "one number: one address");
        assertEquals(List.of("STREET_ADDRESS:350 5th Avenue"),
                partsOf(r, "Meet at 350 5th Avenue tomorrow", "350 5th Avenue"), "an ordinal is a street name");
        assertEquals(List.of("STREET_ADDRESS:28245", "STREET_ADDRESS:Parijsstraat 8", "STREET_ADDRESS:Suite 292"),
                partsOf(r, "Send the bill to 28245 Parijsstraat 8 Suite 292.", "28245 Parijsstraat 8 Suite 292"),
                "a unit after it, and nothing more but the sentence: three parts");
        assertEquals(List.of("STREET_ADDRESS:28245 Parijsstraat 8 Suite 292"),
                partsOf(r, "Send the bill to 28245 Parijsstraat 8 Suite 292, Lahti.", "28245 Parijsstraat 8 Suite 292"),
                "a town after the unit: a whole address");
        assertEquals(List.of("STREET_ADDRESS:74678", "STREET_ADDRESS:midtvollen 130"),
                partsOf(r, "the bus drops you off at 74678 midtvollen 130 st.", "74678 midtvollen 130 st"),
                "in lower case too");
        assertEquals(List.of("STREET_ADDRESS:17 Ringvej 144\nAalborg"),
                partsOf(r, "17 Ringvej 144\nAalborg", "17 Ringvej 144\nAalborg"), "lines are the tagger's to part");
    }

    /** What the tagger's address spans {@code spans} in {@code text} become with the numbers the tagger left out. */
    private static List<String> completedAddresses(StreetAddressRecognizer r, String text, String... spans) {
        List<PiiFinding> found = new ArrayList<>();
        for (String span : spans) {
            found.add(addressAt(text, span));
        }
        r.completed(text, found);
        return Fixtures.describe(text, found);
    }

    /** The findings {@code addresses} of {@code text} after the letter-block rule, with {@code people} the names. */
    private static List<String> letterBlock(String text, List<String> people, String... addresses) {
        List<PiiTagger.Span> names = new ArrayList<>();
        for (String name : people) {
            int at = text.indexOf(name);
            names.add(new PiiTagger.Span("PERSON", at, at + name.length()));
        }
        List<PiiFinding> found = new ArrayList<>();
        for (String address : addresses) {
            found.add(addressAt(text, address));
        }
        LetterAddressBlocks.split(text, found, names);
        found.sort(Comparator.comparingInt(PiiFinding::start));
        return Fixtures.describe(text, found);
    }

    @Test
    void aLettersAddressBlockUnderTheNameIsLabelledByPart() {
        String letter = "Maureen Thibault\n\n41086 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896";
        assertEquals(List.of("STREET_ADDRESS:41086", "STREET_ADDRESS:Kiannonkatu 98", "STREET_ADDRESS:Suite 464",
                        "STREET_ADDRESS:80896"),
                letterBlock(letter, List.of("Maureen Thibault"), "41086 Kiannonkatu 98", "Suite 464\n OULU\n\n Finland 80896"),
                "building number, street, unit and the postcode after the country; the town is a place");
        assertEquals(List.of("STREET_ADDRESS:3654", "STREET_ADDRESS:Brixtonlaan 380", "STREET_ADDRESS:Suite 727",
                        "STREET_ADDRESS:42940"),
                letterBlock(">Fletcher Hill\n>3654 Brixtonlaan 380\n>Suite 727\n>Charleroi\n>Belgium 42940",
                        List.of("Fletcher Hill"), "3654 Brixtonlaan 380\n>Suite 727\n>Charleroi\n>Belgium 42940"),
                "quoted lines");
        assertEquals(List.of("STREET_ADDRESS:28245", "STREET_ADDRESS:Puruntie 82", "STREET_ADDRESS:Apt. 595"),
                letterBlock("Billing address: Sara Schwarz\n    28245 Puruntie 82 Apt. 595\n   LAPPEENRANTA\n    SK\n"
                        + "    53650", List.of("Sara Schwarz"), "28245 Puruntie 82 Apt. 595\n   LAPPEENRANTA\n    SK\n    53650"),
                "a unit on the street's line; town, region and a postcode without a country are not parts");
        assertEquals(List.of("STREET_ADDRESS:Apt. 675", "STREET_ADDRESS:62314", "STREET_ADDRESS:Mellemvej 32"),
                letterBlock("Mrs. Barbara Yudina Apt. 675 62314 Mellemvej 32\nAalborg NO 9100", List.of("Barbara Yudina"),
                        "Apt. 675 62314 Mellemvej 32\nAalborg NO 9100"), "on the addressee's line, the unit first");
        assertEquals(List.of("STREET_ADDRESS:12 Baker Street", "STREET_ADDRESS:Flat 2", "STREET_ADDRESS:SW1A 1AA"),
                letterBlock("Ann Lee\n\n12 Baker Street\n Flat 2\n London\n United Kingdom SW1A 1AA\n020 7946 0018-Office",
                        List.of("Ann Lee"), "12 Baker Street\n Flat 2\n London\n United Kingdom SW1A 1AA"),
                "a street with one number keeps it; the block ends at the country, before the phone line");
        assertEquals(List.of("STREET_ADDRESS:583", "STREET_ADDRESS:Magrethevej 298", "STREET_ADDRESS:Apt. 123",
                        "STREET_ADDRESS:07609"),
                letterBlock("Marisa Bisliev\n\n583 Magrethevej 298\n Apt. 123\n Qasigiannguit\n Greenlander 07609",
                        List.of("Marisa Bisliev"), "583 Magrethevej 298\n Apt. 123"),
                "a country the lexicon lacks, under the town's line, still has its postcode after it");
        assertEquals(List.of("STREET_ADDRESS:28245", "STREET_ADDRESS:Puruntie 82", "STREET_ADDRESS:Apt. 595"),
                letterBlock("Sara Schwarz\n28245 Puruntie 82 Apt. 595\nLappeenranta 53650",
                        List.of("Sara Schwarz"), "28245 Puruntie 82 Apt. 595"),
                "a postcode after the town alone is not one after a country");
        assertEquals(List.of("STREET_ADDRESS:764", "STREET_ADDRESS:Fagradalsbraut 71", "STREET_ADDRESS:Apt. 762"),
                letterBlock("Billing address: Erlendur G. Hafliðason\n    764 Fagradalsbraut 71 Apt. 762\n   "
                        + "Egilsstaðir\n    nan\n    700", List.of("Erlendur G. Hafliðason"),
                        "764 Fagradalsbraut 71 Apt. 762\n   Egilsstaðir\n    nan\n    700"),
                "Iceland's three-digit postcode on its own line ends the block");
        assertEquals(List.of("STREET_ADDRESS:31401", "STREET_ADDRESS:ul. Słowicza 10", "STREET_ADDRESS:Apt. 360"),
                letterBlock("Billing address: Ana Dias\n    31401 ul. Słowicza 10 Apt. 360\n   Wrocław\n    nan\n"
                        + "    53-320", List.of("Ana Dias"),
                        "31401 ul. Słowicza 10 Apt. 360\n   Wrocław\n    nan\n    53-320"), "and Poland's");
    }

    @Test
    void anAddressAfterAnythingButTheNameIsOneSpan() {
        String afterOrganisation = "Idris Ibragimov\nOnvia\n1317 Kimberly Way 12\n Apt. 962\n Grand Rapids\n United "
                + "States 21959";
        String address = "1317 Kimberly Way 12\n Apt. 962\n Grand Rapids\n United States 21959";
        assertEquals(List.of("STREET_ADDRESS:" + address), letterBlock(afterOrganisation, List.of("Idris Ibragimov"),
                address), "an organisation's line between: one span");
        assertEquals(List.of("STREET_ADDRESS:9 Elm Road 4"), letterBlock("Ann Lee wrote from 9 Elm Road 4",
                List.of("Ann Lee"), "9 Elm Road 4"), "words between the name and the address");
        assertEquals(List.of("STREET_ADDRESS:12 Elm Road 4"), letterBlock("Ann Lee 12 Elm Road 4 said hello",
                List.of("Ann Lee"), "12 Elm Road 4"), "the line goes on with words: a sentence, not a letter");
        assertEquals(List.of("STREET_ADDRESS:Elm Road, London"), letterBlock("Ann Lee\nElm Road, London",
                List.of("Ann Lee"), "Elm Road, London"), "a first line that is no street with a unit or number");
        assertEquals(List.of("STREET_ADDRESS:4 Elm Road\n Apt 2 Floor 3"), letterBlock("Ann Lee\n4 Elm Road\n Apt 2 Floor 3",
                List.of("Ann Lee"), "4 Elm Road\n Apt 2 Floor 3"), "a line the parts cannot read: the address stays whole");
    }

    @Test
    void aLoneNumberBeforeAnAddressBelongsToIt() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        assertEquals(List.of("STREET_ADDRESS:228", "STREET_ADDRESS:Ringvej 144", "STREET_ADDRESS:Apt. 902"),
                completedAddresses(r, ">Ella Snider\n>228 Ringvej 144\n>Apt. 902", "Ringvej 144"),
                "before a numbered street: a part of its own (under a name, the unit line is another)");
        assertEquals(List.of("STREET_ADDRESS:230 107 Igias Street Suite 503 Armenomonastiro Cyprus"),
                completedAddresses(r, "Address:\n230 107 Igias Street Suite 503 Armenomonastiro Cyprus.",
                        "107 Igias Street Suite 503 Armenomonastiro Cyprus"), "an address written out: it opens it");
        assertEquals(List.of("STREET_ADDRESS:12 Baker Street"),
                completedAddresses(r, "She lives at 12 Baker Street now", "Baker Street"), "a street with no number");
        assertEquals(List.of("STREET_ADDRESS:228", "STREET_ADDRESS:Ringvej 144"),
                completedAddresses(r, "228 Ringvej 144", "228", "Ringvej 144"), "a number already found stays as is");
        assertEquals(List.of("STREET_ADDRESS:0645 Reyes Católicos 17 Apt. 209 Montehermoso"),
                completedAddresses(r, "Address:\n0645 Reyes Católicos 17 Apt. 209 Montehermoso.", "0645",
                        "Reyes Católicos 17 Apt. 209 Montehermoso"), "a number found on its own opens a written-out one");
        assertEquals(List.of("STREET_ADDRESS:Baker Street"),
                completedAddresses(r, "Room 12\nBaker Street", "Baker Street"), "only on the address's line");
        assertEquals(List.of("STREET_ADDRESS:Baker Street"),
                completedAddresses(r, "Page 12a Baker Street", "Baker Street"), "a number alone, not a code");
    }

    /** Where a tagger address span of {@code span} in {@code text} ends after {@code adjustEnd}. */
    private static String endAdjusted(StreetAddressRecognizer r, String text, String span) {
        int at = text.indexOf(span);
        return text.substring(at, r.adjustEnd(text, at, at + span.length()));
    }

    @Test
    void anAddressEndsWhereItsShapeSays() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        assertEquals("Erzsébet tér 19.", endAdjusted(r, "He lives on the north side of Erzsébet tér 19.",
                "Erzsébet tér 19"), "a Hungarian house number keeps its full stop");
        assertEquals("12 Baker Street 19", endAdjusted(r, "He lives at 12 Baker Street 19.", "12 Baker Street 19."),
                "a full stop after another street is the sentence's");
        assertEquals("643 Árpád fejedelem útja 62. Suite 967, Harstad, Norway 91674", endAdjusted(r,
                "Send it to 643 Árpád fejedelem útja 62. Suite 967, Harstad, Norway 91674. Thanks!",
                "643 Árpád fejedelem útja 62. Suite 967, Harstad, Norway 91674"), "and after a postcode");
        assertEquals("416 Kiannonkatu 98 Apt. 934 OULU NO", endAdjusted(r, "I lived in 416 Kiannonkatu 98 Apt. 934 "
                + "OULU NO. I now live", "416 Kiannonkatu 98 Apt. 934 OULU NO."),
                "a region code is no abbreviation");
        assertEquals("12 Baker St.", endAdjusted(r, "He lives at 12 Baker St. in town", "12 Baker St"),
                "an abbreviated street type keeps its stop");
        assertEquals("12 Baker St", endAdjusted(r, "He lives at 12 Baker St. Come by!", "12 Baker St."),
                "but for the sentence's, at its end");
        assertEquals("the corner of Retreat Avenue and Władysława Route", endAdjusted(r,
                "Address:\nthe corner of Retreat Avenue and Władysława Route.",
                "the corner of Retreat Avenue and Władysława Route."), "a street type written out does not");
        assertEquals("654 Rua Ana Caciola 1159, Cyprus (Greek)", endAdjusted(r,
                "It arrived at 654 Rua Ana Caciola 1159, Cyprus (Greek) last night.",
                "654 Rua Ana Caciola 1159, Cyprus (Gre"), "a bracket opened in the span closes in it");
        assertEquals("654 Rua Ana Caciola 1159, Cyprus", endAdjusted(r,
                "It arrived at 654 Rua Ana Caciola 1159, Cyprus (by air, 3 days) last night.",
                "654 Rua Ana Caciola 1159, Cyprus (by"), "or, if it closes after more than a name, stays out");
        assertEquals("Rua Mina 50", endAdjusted(r, "Ciset lives on Rua Mina 50 street.", "Rua Mina 50 street"),
                "a lower-case 'street' after a street that names itself is the sentence's");
        assertEquals("12 Main street", endAdjusted(r, "She lives at 12 Main street.", "12 Main street"),
                "but not after a bare name");
    }

    @Test
    void aPostcodeAloneOrAFirmIsNoAddress() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        String zip = "My zip code is 76400";
        assertFalse(r.plausible(zip, zip.indexOf("76400"), zip.length()));
        String postcode = "Postcode: 76400";
        assertFalse(r.plausible(postcode, postcode.indexOf("76400"), postcode.length()));
        String house = "My house is 76400 Main Street";
        assertTrue(r.plausible(house, house.indexOf("76400"), house.length()));
        String firm = "Cleopatra Mordvinova from 3 Round Stones Inc is the keynote speaker";
        assertFalse(r.plausible(firm, firm.indexOf("3 Round"), firm.indexOf(" Inc")), "a legal form after it");
        String as = "Deliver to 3 Round Street as agreed";
        assertTrue(r.plausible(as, as.indexOf("3 Round"), as.indexOf(" as")), "a two-letter form counts in capitals");
    }

    /** Where a tagger address span of {@code span} in {@code text} starts after {@code trimStart}. */
    private static String startAdjusted(StreetAddressRecognizer r, String text, String span) {
        int at = text.indexOf(span);
        return text.substring(r.trimStart(text, at, at + span.length()), at + span.length());
    }

    @Test
    void anAddressStartsAtItsNumberOrAtTheCornerOf() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        assertEquals("641 Dašická 688, Turkovice", startAdjusted(r,
                "We'll meet Tuesday at Locavore, 641 Dašická 688, Turkovice", "Locavore, 641 Dašická 688, Turkovice"),
                "the place's name is not part of its address");
        assertEquals("Flat B, 12 High Street", startAdjusted(r, "at Flat B, 12 High Street", "Flat B, 12 High Street"),
                "a unit before the number is");
        assertEquals("PSC 6293, Box 8158", startAdjusted(r, "is PSC 6293, Box 8158", "PSC 6293, Box 8158"));
        assertEquals("the corner of Beiteveien 2 and Sieda Radial", startAdjusted(r,
                "my new address is the corner of Beiteveien 2 and Sieda Radial", "Beiteveien 2 and Sieda Radial"));
        assertEquals("Beiteveien 2", startAdjusted(r, "at the corner of Beiteveien 2", "Beiteveien 2"),
                "one street is not the corner");
        assertEquals(List.of("STREET_ADDRESS:the corner of Bygget 64 and Komel Club"),
                completedAddresses(r, "it is the corner of Bygget 64 and Komel Club", "Bygget 64"),
                "the tagger found one street of a corner: the corner is the address");
        assertEquals(List.of("STREET_ADDRESS:Bygget 64"),
                completedAddresses(r, "it is the corner of Bygget 64 and the bakery is next to it", "Bygget 64"),
                "no street after 'and'");
        assertEquals("Apt. 675 62314 Mellemvej 32", startAdjusted(r, "Mrs. Barbara Yudina Apt. 675 62314 Mellemvej 32",
                "Barbara Yudina Apt. 675 62314 Mellemvej 32"), "the addressee after a title is no part of it");
        assertEquals("Suite 541 6343 Skogstien 106", startAdjusted(r, "Dr. Cindy Holinka Suite 541 6343 Skogstien 106",
                "Dr. Cindy Holinka Suite 541 6343 Skogstien 106"), "'Dr' is a street word only after the name");
        assertEquals("57006", startAdjusted(r, "??? Broomfield\n??? New Zealand 57006", "New Zealand 57006"),
                "a country and its postcode alone: the postcode");
        assertEquals("Zealand Road 5", startAdjusted(r, "at Zealand Road 5", "Zealand Road 5"), "no country there");
        assertEquals("Dr. Who Street 12", startAdjusted(r, "at Dr. Who Street 12", "Dr. Who Street 12"),
                "no unit word or number right after the name: left alone");
    }

    @Test
    void aMilitaryAddressIsMatchedWhole() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        String unit = "Can you please validate the following? Unit 8505 Box 9220\nDPO AE 90744";
        assertEquals(List.of("STREET_ADDRESS:Unit 8505 Box 9220\nDPO AE 90744"),
                completedAddresses(r, unit, "8505 Box 9220\nDPO AE 90744"), "the unit opens it");
        String ship = "Megan Carey\nWeber-Santana\nUSNS Bergman\nFPO AP 93757\nMobile: 0341 8387176";
        assertEquals(List.of("STREET_ADDRESS:USNS Bergman\nFPO AP 93757"),
                completedAddresses(r, ship, "Weber-Santana\nUSNS Bergman\nFPO AP 93757"), "the line before is not");
        assertEquals(List.of("STREET_ADDRESS:psc 5420, box 2708\napo aa 33879"),
                completedAddresses(r, "aksel\npsc 5420, box 2708\napo aa 33879\nmobile: 99 577450"),
                "found with no tagger span, in lower case");
        assertEquals(List.of(), completedAddresses(r, "Unit 4 Box 9 holds the spare parts."),
                "a unit and a box without APO, FPO or DPO is no military address");
    }

    @Test
    void aWrittenOutAddressTakesInItsRegionAndPostcode() {
        StreetAddressRecognizer r = new StreetAddressRecognizer(PiiTagger.bundled());
        String toronto = "Send it to 9554 Rue Gafsa 62 Apt. 981\nToronto\n, ON\n 82269.";
        assertEquals(List.of("STREET_ADDRESS:9554 Rue Gafsa 62 Apt. 981\nToronto\n, ON\n 82269"),
                completedAddresses(r, toronto, "9554 Rue Gafsa 62 Apt. 981\nToronto", "82269"),
                "over a comma and line breaks; the postcode found on its own is part of it");
        assertEquals(List.of("STREET_ADDRESS:760 Passauer Strasse 33, SK, 12345"),
                completedAddresses(r, "It arrived at 760 Passauer Strasse 33, SK, 12345.",
                        "760 Passauer Strasse 33"), "two segments on the street's line");
        assertEquals(List.of("STREET_ADDRESS:Harjukuja 54"),
                completedAddresses(r, "His address: Harjukuja 54, 53650.", "Harjukuja 54"),
                "one segment: a street and what follows it");
        String block = "Maureen Thibault\n\n41086 Kiannonkatu 98\n Suite 464\n ON\n 80896";
        assertEquals(List.of("STREET_ADDRESS:Suite 464"), completedAddresses(r, block, "Suite 464"),
                "a line of a letter's address block is a part");
        assertEquals(List.of("STREET_ADDRESS:30497 Ibirapita 8057\n Suite 100\n Dolores\n Uruguay"),
                completedAddresses(r, "update my address to 30497 Ibirapita 8057\n Suite 100\n Dolores\n Uruguay",
                        "30497 Ibirapita 8057\n Suite 100\n Dolores"), "a country the tagger did not find closes it");
        assertEquals(List.of("STREET_ADDRESS:609 P.O. Box 186 Apt. 561, ALT-DIETMANNS, Austria"),
                completedAddresses(r, "Send it to 609 P.O. Box 186 Apt. 561, ALT-DIETMANNS, Austria? I am away",
                        "609 P.O. Box 186 Apt. 561"), "a town the tagger missed, before a country");
        assertEquals(List.of("STREET_ADDRESS:704 1436 Redbud Drive\nCite Essanaouber\n, 32\n 60810"),
                completedAddresses(r, "It is at 704 1436 Redbud Drive\nCite Essanaouber\n, 32\n 60810. Come by.",
                        "704 1436 Redbud Drive\nCite Essanaouber"), "a numbered region and a postcode");
        assertEquals(List.of("STREET_ADDRESS:9721 Dalmatinova 43 Apt. 678 Velenje nan"),
                completedAddresses(r, "The address of Peerj is 9721 Dalmatinova 43 Apt. 678 Velenje nan",
                        "9721 Dalmatinova 43 Apt. 678 Velenje"), "a missing region exported as 'nan'");
        assertEquals(List.of("STREET_ADDRESS:416 Kiannonkatu 98 Apt. 934 OULU NO"),
                completedAddresses(r, "I once lived in 416 Kiannonkatu 98 Apt. 934 OULU NO. Now elsewhere.",
                        "416 Kiannonkatu 98 Apt. 934 OULU"), "a region code after the town on one line");
        String sentence = "The address of Compliance And Risks is 9554 62 Rue Gafsa Apt. 981\nToronto\n, ON\n 82269";
        assertEquals(List.of("STREET_ADDRESS:9554 62 Rue Gafsa Apt. 981\nToronto\n, ON\n 82269"),
                completedAddresses(r, sentence, "9554 62 Rue Gafsa Apt. 981"),
                "run into a sentence, an address goes on over lines");
        assertEquals(List.of("STREET_ADDRESS:9554 62 Rue Gafsa Apt. 981"),
                completedAddresses(r, "Compliance And Risks\n9554 62 Rue Gafsa Apt. 981\nToronto\n, ON\n 82269",
                        "9554 62 Rue Gafsa Apt. 981"), "heading its line, it may be a letter's block: lines are parts");
        assertEquals(List.of("STREET_ADDRESS:23100 Ilichova 23 Suite 274 Ljubljana nan"),
                completedAddresses(r, "The letter arrived at 23100 Ilichova 23 Suite 274 Ljubljana nan last night.",
                        "23100 Ilichova 23 Suite 274 Ljubljana"), "the sentence goes on after the region");
        assertEquals(List.of("STREET_ADDRESS:2224 Wingertweg 126 Apt. 030\nChiclana de la Frontera, ON 47824"),
                completedAddresses(r, "Send it to 2224 Wingertweg 126 Apt. 030\nChiclana de la Frontera, ON 47824 from "
                        + "next week.", "2224 Wingertweg 126 Apt. 030"), "a town with particles, region, postcode");
        assertEquals(List.of("STREET_ADDRESS:518 1659 Hoog St Suite 179 Aalborg ON"),
                completedAddresses(r, "Invoice address: 518 1659 Hoog St Suite 179 Aalborg ON. Thanks!",
                        "518 1659 Hoog St Suite 179"), "a town and region after the unit on its line");
        assertEquals(List.of("STREET_ADDRESS:5049 Rua Igreja 25\n Suite 292\n Lahti\n Finland 71592"),
                completedAddresses(r, "Can you confirm that 5049 Rua Igreja 25\n Suite 292\n Lahti\n Finland 71592 is "
                        + "still the billing address?", "5049 Rua Igreja 25\n Suite 292\n Lahti\n Finland", "71592"),
                "the sentence goes on after the postcode");
        assertEquals(List.of("STREET_ADDRESS:12 Baker Street, Springfield"),
                completedAddresses(r, "It is 12 Baker Street, Springfield, 12 people came",
                        "12 Baker Street, Springfield"),
                "a number of a sentence is no region");
        assertEquals(List.of("STREET_ADDRESS:87818 Dalmatinova 68 Suite 541 Turkovice u Prelouce ON"),
                completedAddresses(r, "Our warehouse is at 87818 Dalmatinova 68 Suite 541 Turkovice u Prelouce ON",
                        "87818 Dalmatinova 68 Suite 541 Turkovice u"), "the tagger stopped inside the town");
        assertEquals(List.of("STREET_ADDRESS:1593 Pagari 18 Suite 318 Cyprus (Greek) CO"),
                completedAddresses(r, "It is 1593 Pagari 18 Suite 318 Cyprus (Greek) CO now.",
                        "1593 Pagari 18 Suite 318 Cyprus (Greek)"), "a bracketed word in the place's name");
        assertEquals(List.of("STREET_ADDRESS:2274", "STREET_ADDRESS:Via delle Coste 41", "STREET_ADDRESS:Apt. 030"),
                completedAddresses(r, "Our warehouse is at 2274 Via delle Coste 41 Apt. 030", "2274",
                        "Via delle Coste 41 Apt. 030"), "joined to its number, a street and unit with no town: parts");
        assertEquals(List.of("STREET_ADDRESS:12 Baker Street Apt 4 at Noon"),
                completedAddresses(r, "Meet at 12 Baker Street Apt 4 at Noon OK?", "12 Baker Street Apt 4 at Noon"),
                "no town after the unit: no region either");
        String letter = "Cyprus Ltd\n018 Diakou Street 74\n Suite 692\n07700 063 966-Office";
        assertEquals(List.of("STREET_ADDRESS:018 Diakou Street 74\n Suite 692"),
                completedAddresses(r, letter, "018 Diakou Street 74\n Suite 692"), "a phone number is no postcode");
    }

    @Test
    void aSpanIsNeverCutInsideAHyphenatedWord() {
        String text = "it is 91211 Koepenicker Str. 74 Reichenbach Rheinland-Pfalz-Nord. Anne-Lotte and E-mail";
        int cut = text.indexOf("-Pfalz");
        assertEquals(text.indexOf(". Anne"), TaggedRecognizer.wordEndAcrossHyphens(text, cut));
        int lotte = text.indexOf("Lotte");
        assertEquals(text.indexOf("Anne"), TaggedRecognizer.wordStartAcrossHyphens(text, lotte));
        int e = text.indexOf("E-mail") + 1;
        assertEquals(e, TaggedRecognizer.wordEndAcrossHyphens(text, e), "a one-letter word is no name");
        assertEquals(text.length(), TaggedRecognizer.wordEndAcrossHyphens(text, text.length()));
    }

    @Test
    void anAddressWrittenOutTakesInThePlaceAfterIt() {
        PiiTagger tagger = PiiTagger.bundledWithStaticVectors();
        StreetAddressRecognizer r = new StreetAddressRecognizer(tagger);
        String letter = ">Ella H. Snider\n>Otc Markets\n>228 Ringvej 144\n>Apt. 902\n>Qaqortoq\n>Greenlander 96817";
        assertTrue(tagger.tag(letter).stream().anyMatch(s -> s.entity().equals("PLACE_OR_GROUP")
                && letter.substring(s.start(), s.end()).equals("Qaqortoq")), "the tagger finds the town");
        assertEquals(List.of("STREET_ADDRESS:228 Ringvej 144\n>Apt. 902\n>Qaqortoq\n>Greenlander 96817"),
                completedAddresses(r, letter, "228 Ringvej 144\n>Apt. 902"),
                "over lines: written out, to the country and postcode");
        assertEquals(List.of("STREET_ADDRESS:Apt. 902"), completedAddresses(r, letter, "Apt. 902"),
                "a part on its own line is not written out");
    }
}
