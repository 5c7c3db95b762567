package dev.tessera.safety.pii;

import static dev.tessera.safety.pii.AddressShapes.LEADING_NUMBER;
import static dev.tessera.safety.pii.AddressShapes.LINE_PREFIX;
import static dev.tessera.safety.pii.AddressShapes.LONE_NUMBER;
import static dev.tessera.safety.pii.AddressShapes.MAX_BLOCK_LINE_CHARS;
import static dev.tessera.safety.pii.AddressShapes.POSTCODE_AFTER;
import static dev.tessera.safety.pii.AddressShapes.REGION_OR_POSTCODE;
import static dev.tessera.safety.pii.AddressShapes.SEGMENT_ENDS;
import static dev.tessera.safety.pii.AddressShapes.SEGMENT_OR_CLAUSE_ENDS;
import static dev.tessera.safety.pii.AddressShapes.UNIT_AND_NUMBER;
import static dev.tessera.safety.pii.AddressShapes.UNIT_OPENING;
import static dev.tessera.safety.pii.AddressShapes.containsDigit;
import static dev.tessera.safety.pii.AddressShapes.endOfCountry;
import static dev.tessera.safety.pii.AddressShapes.hasLineBreak;
import static dev.tessera.safety.pii.AddressShapes.hasSegments;
import static dev.tessera.safety.pii.AddressShapes.hasWordOf;
import static dev.tessera.safety.pii.AddressShapes.onlySpacesBetween;
import static dev.tessera.safety.pii.AddressShapes.skipSpaces;
import static dev.tessera.safety.pii.AddressShapes.trimEnd;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses. English: the {@link PiiTagger}, plus a rule for the US/UK form: house number, one to four
 * capitalised words, a street type (Street, Ave, Rd...), then optionally a unit (Apt 4B, Suite 200) and
 * ", City, ST 12345". Chinese: a road (路/街/大道/巷) and a number (号), with the province/city/district before it
 * and optional building, unit and room (栋/单元/室) after.
 *
 * <p>Around the tagger's spans, rules that follow how addresses are written: a building number before a numbered
 * street is a part of its own ({@link #parts}); an address starts at its number and takes in a lone number the
 * tagger left before it, "the corner of" and the town or country after a written-out address
 * ({@link #trimStart}, {@link #completed}); a letter's address block is read by part ({@link LetterAddressBlocks}).
 * The shapes of the parts (units, regions, postcodes, countries) live in {@link AddressShapes}.
 */
public final class StreetAddressRecognizer extends TaggedRecognizer {

    private static final String STREET_TYPE = "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|"
            + "Way|Place|Pl|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl|Close|Crescent|Row|Alley)";
    /**
     * The US/UK form. An abbreviated street type keeps its dot where the sentence goes on ("Baker St. in town", "Main
     * St., Leeds"); at a sentence's end the dot is the sentence's.
     */
    private static final Pattern EN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\d{1,6}[A-Za-z]?(?:[ \\t]+[NSEW]\\.?)?(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}'\\-]*){1,4}[ \\t]+"
                    + STREET_TYPE + "(?:(?<=St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Cir|Hwy|Pkwy|Sq|Trl)\\."
                    + "(?=,|[ \\t]+\\p{Ll}))?(?![\\p{L}])"
                    + "(?:,?[ \\t]+(?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl|#)\\.?[ \\t]*#?[A-Za-z0-9\\-]{1,6}"
                    + "(?![\\p{L}\\p{N}]))?"
                    + "(?:,[ \\t]*\\p{Lu}[\\p{L}\\-]+(?:[ \\t]+\\p{Lu}[\\p{L}\\-]+){0,2},[ \\t]*[A-Z]{2}[ \\t]+"
                    + "\\d{5}(?:-\\d{4})?(?!\\d))?");
    /** A UK postcode's outward code ending an address: "London NW1", "SW1A". */
    private static final Pattern UK_OUTWARD_CODE_AT_END = Pattern.compile("(?<![\\p{L}\\p{N}])[A-Z]{1,2}\\d[A-Z\\d]?$");
    /** A UK postcode's inward code: " 6XE". */
    private static final Pattern UK_INWARD_CODE = Pattern.compile("[ \\t]\\d[A-Z]{2}(?![\\p{L}\\p{N}])");
    /** A road and its number, the anchor of a Chinese address: 建国路88号, 长安街1号. */
    private static final Pattern CN_ROAD_NUMBER = Pattern.compile("(?:路|街|大道|大街|巷|胡同)\\d{1,5}号");
    /** Compound, building, unit, floor and room after the number: 院3栋2单元501室, A座12层, 3楼, 5F. */
    private static final Pattern CN_UNIT = Pattern.compile("院?(?:\\d{1,4}(?:栋|幢|座|号楼)|[A-Za-z]座|\\d{1,3}单元"
            + "|\\d{1,5}室|\\d{1,3}(?:层|楼)|\\d{1,3}[Ff](?![A-Za-z]))+");
    /** A named compound or building after the number, before its block and units: 金蝶软件园, 国贸大厦, 阳光花园. */
    private static final Pattern CN_COMPOUND = Pattern.compile("[\\p{IsHan}&&[^的了是在和与及我你他她它们住到往至附近旁边对面]]{1,10}?"
            + "(?:大厦|中心|广场|小区|花园|园区|软件园|科技园|产业园|公寓|大楼|苑)");
    /** At most this many place-name chars before the road suffix: province, city, district, town and road name. */
    private static final int CN_MAX_PREFIX = 24;
    /** A street type appended to a street that already ends in its number or has a type: "Ringvej 144 St.". */
    /** A building number closing a street: "Friedrichstraße 43", "Via Roma 10a". */
    private static final Pattern HOUSE_NUMBER_AT_END = Pattern.compile("(?<![\\p{L}\\p{N}])\\d{1,5}[a-zA-Z]?$");
    /** A comma between two parts of an address on one line. */
    private static final Pattern COMMA_BETWEEN = Pattern.compile("[ \\t]*,[ \\t]*");
    /** A continental postcode and the town after it: "10117 Berlin", "1015 CJ Amsterdam", "53-320 Wrocław". */
    private static final Pattern POSTCODE_THEN_TOWN = Pattern.compile(
            "(?:\\d{4,5}|\\d{4}[ \\t]?[A-Z]{2}|\\d{2}-\\d{3})[ \\t]+\\p{Lu}[\\p{L}\\p{M}'’\\- ]*");
    private static final Pattern TRAILING_ST = Pattern.compile("(?i)[ \\t]+St\\.?$");
    /** The word before the number closing a span ("tér" of "Erzsébet tér 19"), with the abbreviation's stop. */
    private static final Pattern HUNGARIAN_NUMBER = Pattern.compile("(\\p{L}+)\\.?[ \\t]+\\d{1,5}$");
    /** Hungarian street types; a Hungarian house number is written with a full stop: "Rákóczi út 13.". */
    private static final Set<String> HUNGARIAN_STREET_TYPES = Set.of("utca", "u", "út", "útja", "tér", "tere",
            "körút", "rakpart", "rkp", "köz", "sor", "fasor", "sétány", "lépcső", "liget");
    /** ", city, country" after the street: a postal address written out in full. */
    private static final Pattern TWO_MORE_SEGMENTS = Pattern.compile("[ \\t]*,[^,\\n]+,");
    /** Town and country names fit in this many chars; the bound keeps the check linear over many addresses. */
    private static final int MAX_SEGMENTS_LOOK_AHEAD = 120;
    /** A number and spaces closing the text before an address: "228 " of ">228 Ringvej 144". */
    private static final Pattern NUMBER_BEFORE = Pattern.compile("(?<![\\p{L}\\p{N}])(\\d{1,6})[ \\t]+$");
    /** How far before an address {@link #NUMBER_BEFORE} looks: six digits and some spaces. */
    private static final int NUMBER_LOOK_BACK = 12;
    /** A name and a comma opening a span, before the number: "Locavore, " of "Locavore, 641 Dašická 688". */
    private static final Pattern NAME_BEFORE_NUMBER = Pattern.compile("[^,\\d\\n]+,[ \\t]+(?=\\d)");
    private static final String CORNER = "the corner of ";
    /** The rest of a bracket opened in a span: "Greek)" of "Cyprus (Greek)". */
    private static final Pattern BRACKET_CLOSE = Pattern.compile("[\\p{L}\\p{M} .\\-]{0,40}\\)");
    /** "street" or "st." in lower case closing a span, as a sentence adds it after a street's name. */
    private static final Pattern SENTENCE_STREET_WORD = Pattern.compile("[ \\t]+(?:street|st\\.?)$");
    /** "zip code is", "postcode:", before a number that is a postcode alone, no street address. */
    private static final Pattern POSTCODE_CUE = Pattern.compile("(?i)(?:zip|post(?:al)?[ \\t]?code)(?:[ \\t]+code)?"
            + "(?:[ \\t]+is|[ \\t]*:)?[ \\t]*$");
    /** " and " and the second street of a corner, to the end of its segment: " and Komel Club", " and 5th Ave". */
    private static final Pattern SECOND_STREET = Pattern.compile("[ \\t]+and[ \\t]+(?:\\d{1,6}[ \\t]+)?"
            + "\\p{Lu}[\\p{L}\\p{M}'’\\-]*\\.?(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}'’\\-]*\\.?){0,3}(?:[ \\t]+\\d{1,6})?"
            + "(?=[ \\t]*(?:[,;:?!)]|\\.(?:\\s|$)|\\r?\\n|$))");
    /**
     * A title, the capitalised words of a name, then (group 1 ends there) a unit word or a number: where an address
     * begins after the addressee's name on one line.
     */
    private static final Pattern TITLED_NAME = Pattern.compile("(?<![\\p{L}])((?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?"
            + "((?:[ \\t]+(?!" + UNIT_OPENING + ")\\p{Lu}[\\p{L}\\p{M}'’\\-]*\\.?){1,4})[ \\t]+)(?=\\d|" + UNIT_OPENING + ")");
    /** How far before a span {@link #TITLED_NAME} may start: a title and a name of four words. */
    private static final int TITLE_LOOK_BACK = 64;
    /**
     * A US military address (USPS Publication 28, section 225): "PSC 1234, Box 5678" or "Unit 1234 Box 5678" or a
     * ship ("USNS Comfort"), then "APO", "FPO" or "DPO", the armed-forces "state" AA, AE or AP, and a ZIP Code.
     */
    private static final AnchoredPattern MILITARY = new AnchoredPattern(Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}])(?:(?:PSC|CMR|Unit)[ \\t]+\\d{1,5},?[ \\t]+Box[ \\t]+\\d{1,5}"
                    + "|(?:USNS|USNV|USS|USCGC)[ \\t]+\\p{L}[\\p{L}\\p{M}'\\-]*(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}'\\-]*)?)"
                    + "(?:[ \\t]*,[ \\t]*|[ \\t]*\\r?\\n[ \\t>]*|[ \\t]+)[ADF]PO[ \\t]+A[AEP][ \\t]+\\d{5}(?:-\\d{4})?(?!\\d)"),
            AnchoredPattern.wordStartingWith(List.of("psc", "cmr", "unit", "us")));
    /**
     * A town's words: capitalised, hyphenated ("ALT-DIETMANNS"), joined by particles ("Turkovice u Prelouce"), maybe
     * with a bracketed word after them ("Cyprus (Greek)").
     */
    private static final String TOWN_WORDS = "\\p{Lu}[\\p{L}\\p{M}'’\\-]*(?:[ \\t]+(?:\\p{Ll}{1,3}[ \\t]+){0,2}"
            + "\\p{Lu}[\\p{L}\\p{M}'’\\-]*){0,3}(?:[ \\t]+\\(\\p{L}+\\))?";
    /** Town, region, country and postcode: a postal address closes in a few segments; the bound keeps work linear. */
    private static final int MAX_CLOSING_SEGMENTS = 6;
    /** A unit and its number on one line with what comes after it: "Apt. 678" of "Apt. 678 Velenje". */
    private static final Pattern UNIT_ON_LINE = Pattern.compile("(?i:" + UNIT_OPENING + ")\\.?[ \\t]+#?\\d{1,6}"
            + "(?=[^\\n]*$)");
    /**
     * A town and its region code after a unit on the same line: " Aalborg ON" of "Suite 179 Aalborg ON.", " Velenje
     * nan" ("nan" is how tables exported with pandas write a missing region).
     */
    private static final Pattern TOWN_AND_REGION = Pattern.compile("[ \\t]+" + TOWN_WORDS + "[ \\t]+(?:[A-Z]{2,3}|nan)"
            + SEGMENT_OR_CLAUSE_ENDS);
    /** A town's name ending a segment: "ALT-DIETMANNS", "Cite Guedouala", "Chiclana de la Frontera". */
    private static final Pattern TOWN = Pattern.compile(TOWN_WORDS + SEGMENT_ENDS);
    /** One separator between the lines or segments of a written-out address: ", ", a line break, or both. */
    private static final Pattern SEGMENT_BREAK = Pattern.compile(
            "[ \\t]*(?:,[ \\t]*(?:\\r?\\n[ \\t>]*)?|\\r?\\n[ \\t>]*(?:,[ \\t]*)?)");

    /** A building number, a street with its own number, and a unit: "28245 Parijsstraat 8 Suite 292". */
    private static final Pattern NUMBER_STREET_UNIT = Pattern.compile("(\\d{1,6})[ \\t]+([^,\\n]*?\\d[^,\\n]*?)"
            + "[ \\t,]+(" + UNIT_AND_NUMBER + ")");
    /** After an abbreviation's full stop, what shows the sentence goes on: "12 Baker St. in town", "St., London". */
    private static final Pattern CLAUSE_AFTER_STOP = Pattern.compile("[,;:)]|[ \\t]+[\\p{Ll}\\d(]");
    /** What may follow a span that ends a sentence's address: its end, or the sentence going on in lower case. */
    private static final Pattern CLAUSE_GOES_ON = Pattern.compile("[ \\t]*(?:[.;:?!)]|$)|[ \\t]+\\p{Ll}");
    /** A dose's or a measurement's unit right after a number: "10 mg", "5 ml", "20 units", "2 tablets". */
    private static final Pattern UNIT_OF_MEASURE_AFTER = Pattern.compile("[.,]?\\d*[ \\t]?(?:mg|mcg|µg|ug|g|kg|ml|"
            + "mL|l|L|iu|IU|units?|mmol|mol|mEq|%|tablets?|tabs?|capsules?|caps|puffs?|drops?|cm|mm|km|lbs?|oz|mn|bn|"
            + "mln|million|billion|percent|pct)(?![\\p{L}\\p{N}])");
    /** An amount's scale or a share right after a number inside a span: "365 mln euro", "EEK 18mn", "5.2 %". */
    private static final Pattern AMOUNT_INSIDE = Pattern.compile("\\d[ \\t]?(?:mln|mn|bn|million|billion|percent|pct|%)"
            + "(?![\\p{L}\\p{N}])");
    /**
     * Currency codes and signs before an amount: "EUR 14.50", "USD 3 million", "EEK 7.3 mn", "Ls 300,000" is money, not
     * a house number.
     */
    private static final Set<String> CURRENCIES = Set.of("eur", "usd", "gbp", "jpy", "cny", "rmb", "chf", "sek", "nok",
            "dkk", "isk", "cad", "aud", "nzd", "hkd", "sgd", "inr", "krw", "brl", "mxn", "zar", "rub", "pln", "czk",
            "huf", "ron", "bgn", "hrk", "eek", "lvl", "ltl", "uah", "kzt", "ils", "aed", "sar", "egp", "ngn",
            "kes", "thb", "myr", "idr", "php", "vnd", "twd", "ars", "clp", "cop", "try", "euro", "euros", "dollars",
            "yuan");
    /** A numbered provision anywhere in a span: "GDPR Article 82", "the Act, Section 5". */
    private static final Pattern NUMBERED_PROVISION = Pattern.compile("(?i)(?<![\\p{L}])(?:article|section|paragraph"
            + "|clause|schedule|exhibit|annex|appendix|chapter)s?[ \\t]+\\d");
    /** The most lower-case words an address in cased text holds ({@link #plainWords}). */
    private static final int MAX_LOWER_CASE_WORDS = 6;
    /** Words that number a part of a document; the number after them is no house number. */
    private static final Set<String> DOCUMENT_PARTS = Set.of("section", "sections", "subsection", "subsections",
            "article", "articles", "paragraph", "paragraphs", "subparagraph", "subparagraphs", "clause", "clauses",
            "schedule", "schedules", "exhibit", "exhibits", "annex", "appendix", "chapter", "chapters", "part", "parts",
            "item", "items", "rule", "rules", "title", "page", "pages", "figure", "table", "footnote", "step", "phase",
            "claim", "claims", "count", "counts", "recital", "amendment", "question", "version", "line", "lines");

    public StreetAddressRecognizer(PiiTagger tagger) {
        super(tagger, PiiType.STREET_ADDRESS, "street-address", 0.8);
    }

    /** An address has a number (house, box, postcode) or names a street; "Hannah, Anthony and Derek" has neither. */
    @Override
    boolean plausible(String value) {
        return containsDigit(value, 0, value.length()) || hasWordOf(value, Lexicon.STREET_TYPES);
    }

    /**
     * A drug and its dose ("Lisinopril 10 mg", "Atorvastatin 20") is no address: a span that names a drug, or whose
     * number a unit of measure follows ("EUR 10.5 mn" too). Nor is a reference to a part of a document ("Section 15.2",
     * "Paragraphs 12.03", "Article 15") or an amount ("EUR 14.50"): a span that opens with such a word or currency, or
     * holds an amount's scale ("365 mln euro") or names a numbered provision ("GDPR Article 82"). Nor a date, nor a
     * country alone ("Cayman Islands").
     */
    @Override
    boolean plausible(String text, int start, int end) {
        String[] words = WORDS.split(text.substring(start, end));
        String first = words.length > 0 ? words[0].toLowerCase(Locale.ROOT) : "";
        // The lats sign "Ls" only as written: in capitals, "LS1 5AB" is a Leeds postcode.
        if (DOCUMENT_PARTS.contains(first) || CURRENCIES.contains(first) || words.length > 0 && words[0].equals("Ls")
                || NUMBERED_PROVISION.matcher(text).region(start, end).find()
                || AMOUNT_INSIDE.matcher(text).region(start, end).find() || namesADate(words)) {
            return false;
        }
        for (String word : words) {
            if (Lexicon.isDrugName(word)) {
                return false;
            }
        }
        if (numberList(text, start, end) || plainWords(text, start, end)
                || Lexicon.COUNTRIES.contains(text.substring(start, end).toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean postcodeAlone = isDigits(text, start, end)
                && POSTCODE_CUE.matcher(text).region(Math.max(0, start - 20), start).find();
        return !postcodeAlone && !legalFormAfter(text, end)
                && !UNIT_OF_MEASURE_AFTER.matcher(text).region(end, Math.min(text.length(), end + 12)).lookingAt()
                && plausible(text.substring(start, end));
    }

    /**
     * "( 18 March )", "Espoo , September 16 , 2008": a month or a weekday and no street word is a date the tagger read
     * as a house number and a street. No address of the training data names one.
     */
    private static boolean namesADate(String[] words) {
        boolean calendar = false;
        for (String word : words) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (Lexicon.STREET_TYPES.contains(lower)) {
                return false;
            }
            calendar |= Lexicon.MONTHS_AND_DAYS.contains(lower);
        }
        return calendar;
    }

    /** "2, 3, 4, 5": three numbers or more and no letter; no address is written so. */
    private static boolean numberList(String text, int start, int end) {
        int runs = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                return false;
            }
            if (Character.isDigit(c) && (i == start || !Character.isDigit(text.charAt(i - 1)))) {
                runs++;
            }
        }
        return runs >= 3;
    }

    /**
     * In text that uses capitals: a span with no number and no capital ("piercing green", "square brackets", "the
     * way"), whose street word is a plain noun, or one with capitals that runs over more than
     * {@link #MAX_LOWER_CASE_WORDS} lower-case words, which is a sentence. The training data's addresses in cased text
     * have a capitalised name where they have no number, and at most five lower-case words ("the corner of 76
     * Boulevard de Normandie and Eriksson Bridge").
     */
    private static boolean plainWords(String text, int start, int end) {
        if (!casedAround(text, start, end)) {
            return false;
        }
        boolean capitals = hasUpperCase(text, start, end);
        if (!capitals) {
            return !containsDigit(text, start, end); // an address typed all in lower case has its number
        }
        int lowerCaseWords = 0;
        for (String word : WORDS.split(text.substring(start, end))) {
            if (!word.isEmpty() && Character.isLowerCase(word.charAt(0))) {
                lowerCaseWords++;
            }
        }
        return lowerCaseWords > MAX_LOWER_CASE_WORDS;
    }

    private static boolean isDigits(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return start < end;
    }

    private static boolean isLoneNumber(String text, PiiFinding f) {
        return f.end() - f.start() <= 6 && isDigits(text, f.start(), f.end());
    }

    /** True if a company's legal form follows: "3 Round Stones Inc" names a firm, not an address. */
    private static boolean legalFormAfter(String text, int end) {
        int from = skipSpaces(text, end, text.length());
        int to = from;
        while (to < text.length() && Character.isLetter(text.charAt(to))) {
            to++;
        }
        return from > end && to > from && Lexicon.isLegalForm(text.substring(from, to));
    }

    /**
     * Where an address ends. A full stop after it is the sentence's ("Apt. 934 OULU NO."), but for an abbreviation
     * inside a sentence ("Baker St. in town") and a Hungarian house number, which is written with one ("Erzsébet tér
     * 19."). A bracket opened in it closes in it ("Cyprus (Greek)"). A lower-case "street" after a street that
     * already names itself is the sentence's ("lives on Rua Mina 50 street").
     */
    @Override
    int adjustEnd(String text, int start, int end) {
        int open = lastIndexOf(text, '(', start, end);
        if (open >= 0 && lastIndexOf(text, ')', open, end) < 0) {
            Matcher closing = BRACKET_CLOSE.matcher(text).region(end, text.length());
            end = closing.lookingAt() ? closing.end() : trimEnd(text, start, open);
        }
        Matcher tail = SENTENCE_STREET_WORD.matcher(text).region(start, end);
        if (tail.find() && namesItsStreet(text.substring(start, tail.start()))) {
            end = tail.start();
        }
        if (end > start && text.charAt(end - 1) == '.') {
            end = trimEnd(text, start, end - 1);
        }
        boolean stopAfter = end < text.length() && text.charAt(end) == '.';
        if (stopAfter && Character.isDigit(text.charAt(end - 1))) {
            Matcher street = HUNGARIAN_NUMBER.matcher(text).region(Math.max(start, end - MAX_BLOCK_LINE_CHARS), end);
            return street.find() && HUNGARIAN_STREET_TYPES.contains(street.group(1).toLowerCase(Locale.ROOT))
                    ? end + 1 : end;
        }
        // At the end of a sentence one full stop serves both, and it is the sentence's: "I live at 12 Baker St."
        boolean sentenceGoesOn = stopAfter
                && CLAUSE_AFTER_STOP.matcher(text).region(end + 1, text.length()).lookingAt();
        return sentenceGoesOn && endsWithAbbreviation(text, start, end) ? end + 1 : end;
    }

    /** True if the span's last word abbreviates a street type or unit word ("St.", "Apt."), with the stop after it. */
    private static boolean endsWithAbbreviation(String text, int start, int end) {
        int word = end;
        while (word > start && Character.isLetter(text.charAt(word - 1))) {
            word--;
        }
        String last = text.substring(word, end);
        String lower = last.toLowerCase(Locale.ROOT);
        // "NO" in capitals after a town is a region code, not "No." for number.
        boolean regionCode = lower.equals("no") && last.equals("NO");
        return word < end && Lexicon.ADDRESS_ABBREVIATIONS.contains(lower) && !regionCode;
    }

    /**
     * "We'll meet at Locavore, 641 Dašická 688": the tagger sometimes opens the address with the place's name; the
     * address starts at its number. "the corner of A and B" is the address, with its first words, when the tagger
     * found the two streets. A span that opens with a street type written after the street's name ("Strasse 36" of
     * "Augsburger Strasse 36") starts at the name, and one of a country and its postcode alone at the postcode.
     */
    @Override
    int trimStart(String text, int start, int end) {
        start = afterTitledName(text, start, end);
        // "New Zealand 57006" on a line of its own: the country is a place, the postcode the address's part.
        // The country may run past a span that ends inside it ("New" of "New Zealand 57006").
        int country = endOfCountry(text, start);
        if (country > start && country <= end && POSTCODE_AFTER.matcher(text).region(country, end).matches()) {
            return skipSpaces(text, country, end);
        }
        Matcher name = NAME_BEFORE_NUMBER.matcher(text).region(start, end);
        if (name.lookingAt()) {
            String lead = text.substring(start, name.end());
            if (!hasWordOf(lead, Lexicon.STREET_TYPES) && !hasWordOf(lead, Lexicon.UNIT_WORDS)) {
                return name.end();
            }
        }
        if (start >= CORNER.length() && text.regionMatches(true, start - CORNER.length(), CORNER, 0, CORNER.length())
                && text.substring(start, end).contains(" and ")) {
            return start - CORNER.length();
        }
        return withNameBeforeType(text, start, end);
    }

    private static int withNameBeforeType(String text, int start, int end) {
        int typeEnd = start;
        while (typeEnd < end && Character.isLetter(text.charAt(typeEnd))) {
            typeEnd++;
        }
        if (typeEnd == start || start == 0 || text.charAt(start - 1) != ' '
                || !Lexicon.TYPE_AFTER_NAME.contains(text.substring(start, typeEnd).toLowerCase(Locale.ROOT))) {
            return start;
        }
        int nameStart = start - 1;
        while (nameStart > 0 && (Character.isLetter(text.charAt(nameStart - 1)) || text.charAt(nameStart - 1) == '-')) {
            nameStart--;
        }
        boolean capitalised = nameStart < start - 2 && Character.isUpperCase(text.charAt(nameStart))
                && (nameStart == 0 || !Character.isLetterOrDigit(text.charAt(nameStart - 1)));
        return capitalised && !Lexicon.COMMON_WORDS.contains(text.substring(nameStart, start - 1).toLowerCase(Locale.ROOT))
                ? nameStart : start;
    }

    /**
     * "Mrs. Barbara Yudina Apt. 675 62314 Mellemvej 32": a span that opens with a title, or right after one, opens with
     * the person's name; the address starts at the first unit word or number after it. A street word among the
     * capitalised words ("Dr. Who Street 12") makes them the street's name instead.
     */
    private static int afterTitledName(String text, int start, int end) {
        Matcher titled = TITLED_NAME.matcher(text).region(Math.max(0, start - TITLE_LOOK_BACK), end)
                .useTransparentBounds(true);
        while (titled.find()) {
            if (titled.start(1) <= start && start < titled.end(1) && titled.end(1) < end
                    && !hasWordOf(text.substring(titled.start(2), titled.end(1)), Lexicon.STREET_TYPES)) {
                return titled.end(1);
            }
            if (titled.start(1) > start) {
                break;
            }
        }
        return start;
    }

    /**
     * A building number written before a street that already carries its own number ("lives at 5049 Harjukuja 54,
     * Seinäjoki", "drops you off at 07576 Magasinsgatan 7 St.") is two parts: the number and the street, with the
     * town a place. Data such as Presidio's labels an address composed that way by part, and one written out in full
     * (a unit, or town and country after commas) as one span; so only the short, doubly numbered form is split. A
     * street with one number ("12 Baker Street, London") stays whole.
     */
    @Override
    List<PiiFinding> parts(String text, PiiFinding found) {
        String value = text.substring(found.start(), found.end());
        Matcher number = LEADING_NUMBER.matcher(value);
        if (!number.lookingAt() || hasLineBreak(value)) {
            return List.of(found);
        }
        if (hasWordOf(value, Lexicon.UNIT_WORDS)) {
            return streetAndUnitParts(text, found);
        }
        int comma = value.indexOf(',', number.end());
        String street = value.substring(number.end(), comma < 0 ? value.length() : comma).stripTrailing();
        int streetEnd = found.start() + number.end() + street.length();
        int lookAhead = Math.min(text.length(), streetEnd + MAX_SEGMENTS_LOOK_AHEAD);
        if (!LONE_NUMBER.matcher(street).find()
                || TWO_MORE_SEGMENTS.matcher(text).region(streetEnd, lookAhead).lookingAt()) {
            return List.of(found);
        }
        Matcher st = TRAILING_ST.matcher(street);
        if (st.find() && namesItsStreet(street.substring(0, st.start()))) {
            street = street.substring(0, st.start());
        }
        int numberEnd = found.start() + number.end();
        while (Character.isWhitespace(text.charAt(numberEnd - 1))) {
            numberEnd--;
        }
        int streetStart = found.start() + number.end();
        return List.of(found.shifted(found.start(), numberEnd),
                found.shifted(streetStart, streetStart + street.length()));
    }

    /**
     * "Send the bill to 28245 Parijsstraat 8 Suite 292.": a building number, a numbered street and a unit with nothing
     * after them but the sentence are three parts. A whole address goes on to its town ("... Suite 274 Ljubljana",
     * "... Apt. 981\nToronto"), and stays one span.
     */
    private static List<PiiFinding> streetAndUnitParts(String text, PiiFinding found) {
        Matcher m = NUMBER_STREET_UNIT.matcher(text).region(found.start(), found.end());
        if (found.end() - found.start() > MAX_BLOCK_LINE_CHARS || !m.matches()
                || !LONE_NUMBER.matcher(m.group(2)).find()
                || !CLAUSE_GOES_ON.matcher(text).region(found.end(), text.length()).lookingAt()) {
            return List.of(found);
        }
        return List.of(found.shifted(m.start(1), m.end(1)), found.shifted(m.start(2), m.end(2)),
                found.shifted(m.start(3), m.end(3)));
    }

    /**
     * The tagger sometimes leaves out the building number opening an address (">228 Ringvej 144", "230 107 Igias
     * Street Suite 503 Armenomonastiro Cyprus"). A lone number right before a found address, on its line, belongs to
     * it: it opens an address written out (lines, commas or a unit) or a street without a number, and is a part of its
     * own before a bare numbered street, as in {@link #parts}.
     */
    @Override
    void completed(String text, List<PiiFinding> found) {
        joinNumberToWrittenOut(text, found);
        BitSet covered = coverage(text, found);
        for (int i = 0, n = found.size(); i < n; i++) {
            PiiFinding address = found.get(i);
            Matcher number = NUMBER_BEFORE.matcher(text)
                    .region(Math.max(0, address.start() - NUMBER_LOOK_BACK), address.start()).useTransparentBounds(true);
            if (!number.find() || covered.nextSetBit(number.start(1)) < number.end(1)) {
                continue;
            }
            String value = text.substring(address.start(), address.end());
            boolean writtenOut = hasSegments(value) || hasWordOf(value, Lexicon.UNIT_WORDS);
            if (writtenOut || !LONE_NUMBER.matcher(value).find()) {
                found.set(i, address.shifted(number.start(1), address.end()));
            } else {
                found.add(address.shifted(number.start(1), number.end(1)));
            }
            covered.set(number.start(1), number.end(1));
        }
        extendOverPlaces(text, found);
        extendToSecondStreet(text, found);
        // The tagger's own spans were split in parts(), before any was extended; these are the ones the joins above
        // made ("2274" and "Via delle Coste 41 Apt. 030").
        List<PiiFinding> inParts = new ArrayList<>(found.size());
        for (PiiFinding address : found) {
            inParts.addAll(streetAndUnitParts(text, address));
        }
        found.clear();
        found.addAll(inParts);
        if (!found.isEmpty()) {
            LetterAddressBlocks.split(text, found, tagged(text, PiiType.PERSON.name()));
        }
        replaceByMilitaryAddresses(text, found);
        extendToStreetForm(text, found);
        extendOverPostcode(text, found);
        joinPostcodeAndTown(text, found);
    }

    /**
     * "Friedrichstraße 43, 10117 Berlin", "Keizersgracht 123, 1015 CJ Amsterdam": the tagger, which learned to part an
     * address at its commas, returns the street and "postcode town" of the continental form as two addresses. A
     * street ending in its number and the postcode and town after its comma, on one line, are one address.
     */
    private void joinPostcodeAndTown(String text, List<PiiFinding> found) {
        joinAdjacent(found, (street, town) -> {
            if (town.start() < street.end()) {
                return false;
            }
            Matcher between = COMMA_BETWEEN.matcher(text).region(street.end(), town.start());
            return between.matches() && HOUSE_NUMBER_AT_END.matcher(text).region(street.start(), street.end()).find()
                    && POSTCODE_THEN_TOWN.matcher(text).region(town.start(), town.end()).matches();
        });
    }

    /**
     * "221B Baker Street": the tagger stops at a building number with a letter or before the street type. Where the
     * US/UK form ({@link #EN}) matches from the start of an address without a street word to beyond its end, and no
     * other address lies inside, the address is the match. An address with its street word keeps its end: a second
     * type after it is the sentence's ("3784 Archwood Avenue St.").
     */
    private static void extendToStreetForm(String text, List<PiiFinding> found) {
        for (int i = 0; i < found.size(); i++) {
            PiiFinding address = found.get(i);
            if (hasWordOf(text.substring(address.start(), address.end()), Lexicon.STREET_TYPES)) {
                continue;
            }
            Matcher street = EN.matcher(text).region(address.start(), text.length());
            if (street.lookingAt() && street.end() > address.end() && !anyStartsInside(found, address.end(),
                    street.end())) {
                found.set(i, address.shifted(address.start(), street.end()));
            }
        }
    }

    private static boolean anyStartsInside(List<PiiFinding> found, int from, int to) {
        for (PiiFinding f : found) {
            if (f.start() >= from && f.start() < to) {
                return true;
            }
        }
        return false;
    }

    /** "London NW1 6XE": an address that ends with a UK postcode's outward code takes in its inward code. */
    private static void extendOverPostcode(String text, List<PiiFinding> found) {
        for (int i = 0; i < found.size(); i++) {
            PiiFinding address = found.get(i);
            Matcher outward = UK_OUTWARD_CODE_AT_END.matcher(text).region(address.start(), address.end());
            Matcher inward = UK_INWARD_CODE.matcher(text).region(address.end(), text.length());
            if (outward.find() && inward.lookingAt()) {
                found.set(i, address.shifted(address.start(), inward.end()));
            }
        }
    }

    /**
     * Where the tagger found the opening building number as an address of its own, right before an address written
     * out ("0645" and "Reyes Católicos 17 Apt. 209 Montehermoso"), the number opens that address, as in
     * {@link #completed}: the two are one finding.
     */
    private void joinNumberToWrittenOut(String text, List<PiiFinding> found) {
        joinAdjacent(found, (number, address) -> {
            if (!isLoneNumber(text, number) || !onlySpacesBetween(text, number.end(), address.start())) {
                return false;
            }
            String value = text.substring(address.start(), address.end());
            return hasSegments(value) || hasWordOf(value, Lexicon.UNIT_WORDS);
        });
    }

    /**
     * Where the town and region code after the address's unit end, on the unit's line ("Apt. 678 Velenje nan", "Suite
     * 541 Turkovice u Prelouce ON"), or -1: an address written on one line ends there, however far the tagger read.
     */
    private static int endOfTownAndRegion(String text, PiiFinding address) {
        int from = Math.max(address.start(), address.end() - MAX_BLOCK_LINE_CHARS);
        int lastBreak = lastIndexOf(text, '\n', from, address.end());
        Matcher unit = UNIT_ON_LINE.matcher(text).region(lastBreak < 0 ? from : lastBreak + 1, address.end());
        if (!unit.find()) {
            return -1;
        }
        Matcher townAndRegion = TOWN_AND_REGION.matcher(text).region(unit.end(),
                Math.min(text.length(), unit.end() + MAX_BLOCK_LINE_CHARS)).useTransparentBounds(true)
                .useAnchoringBounds(false);
        return townAndRegion.lookingAt() ? townAndRegion.end() : -1;
    }

    /**
     * "the corner of Bygget 64 and Komel Club": where the tagger found the first street only, the address is the
     * corner, the second street's name included.
     */
    private static void extendToSecondStreet(String text, List<PiiFinding> found) {
        for (int i = 0; i < found.size(); i++) {
            PiiFinding address = found.get(i);
            int start = address.start();
            if (!text.regionMatches(true, start, CORNER, 0, CORNER.length())) {
                if (start < CORNER.length()
                        || !text.regionMatches(true, start - CORNER.length(), CORNER, 0, CORNER.length())) {
                    continue;
                }
                start -= CORNER.length();
            }
            if (text.substring(address.start(), address.end()).contains(" and ")) {
                continue;
            }
            Matcher second = SECOND_STREET.matcher(text).region(address.end(), text.length());
            if (second.lookingAt()) {
                found.set(i, address.shifted(start, second.end()));
            }
        }
    }

    /**
     * A military address has a fixed form, so its match is the address: it replaces what the tagger made of it ("8505
     * Box 9220" without its "Unit", or a ship with the organisation on the line before).
     */
    private void replaceByMilitaryAddresses(String text, List<PiiFinding> found) {
        List<PiiFinding> military = new ArrayList<>();
        MILITARY.forEachMatch(text,
                m -> military.add(new PiiFinding(PiiType.STREET_ADDRESS, m.start(), m.end(), 0.9, name())));
        if (!military.isEmpty()) {
            removeTouching(found, coverage(text, military));
            found.addAll(military);
        }
    }

    /**
     * An address written out over lines or commas takes in the segments after it that finish a postal address: the
     * towns and countries the tagger found, a region code and a postcode ("224 4966 Bond Street\n Suite 413\n
     * Warwick\n United States", "Rue Gafsa 62 Apt. 981\nToronto\n, ON\n 82269"). A street followed on its line by two
     * or more such segments is written out too ("760 Passauer Strasse 33, Cite Guedouala, Tunisia"); with one
     * (", SEINÄJOKI") it is a street and a town, as {@link #parts} reads it, and a line of its own ("Suite 179") before
     * the town and country lines is a part of a letter's address block. What the address takes in is no address of
     * its own.
     */
    private void extendOverPlaces(String text, List<PiiFinding> found) {
        List<PiiTagger.Span> places = tagged(text, PiiTagger.PLACE_OR_GROUP);
        BitSet takenIn = new BitSet(text.length());
        for (int i = 0; i < found.size(); i++) {
            PiiFinding address = found.get(i);
            int end = address.end();
            int segments = 0;
            for (int next; segments < MAX_CLOSING_SEGMENTS
                    && (next = endOfClosingSegment(text, end, places, true)) > end; end = next) {
                segments++;
            }
            boolean writtenOut = hasSegments(text.substring(address.start(), address.end()))
                    || segments >= 2 && (!hasLineBreak(text.substring(address.end(), end))
                    || !opensItsLine(text, address.start()));
            Matcher postcode = POSTCODE_AFTER.matcher(text).region(end, text.length());
            if (segments == 0 && writtenOut && postcode.lookingAt()) {
                end = postcode.end(); // the tagger ended the address at the country: "Finland" of "Finland 71592"
                segments = 1;
            }
            int townAndRegion = segments == 0 ? endOfTownAndRegion(text, address) : -1;
            if (townAndRegion > end) {
                end = townAndRegion;
                segments = 1;
                writtenOut = true;
            }
            if (segments > 0 && writtenOut) {
                found.set(i, address.shifted(address.start(), end));
                takenIn.set(address.end(), end);
            }
        }
        // A finding inside what an address took in (the postcode found on its own) is part of that address; an
        // extended address starts before what it took in, so it stays.
        if (!takenIn.isEmpty()) {
            found.removeIf(f -> takenIn.nextClearBit(f.start()) >= f.end());
        }
    }

    /**
     * The end of the segment after a break at {@code at} that closes a postal address (a place the tagger found, a
     * region code or a postcode, either followed by a postcode), or {@code at} if there is none. With
     * {@code townFirst}, the segment may be a town the tagger missed before a further closing segment.
     */
    private static int endOfClosingSegment(String text, int at, List<PiiTagger.Span> places, boolean townFirst) {
        Matcher gap = SEGMENT_BREAK.matcher(text).region(at, text.length());
        if (!gap.lookingAt()) {
            return at;
        }
        int start = gap.end();
        PiiTagger.Span place = firstFrom(places, start);
        int end;
        int country;
        if (place != null && place.start() == start) {
            end = place.end();
        } else if ((country = endOfCountry(text, start)) > start) {
            end = country;
        } else {
            Matcher code = REGION_OR_POSTCODE.matcher(text).region(start, text.length());
            if (code.lookingAt()) {
                end = code.end();
            } else if (townFirst && (end = endOfTown(text, start)) > start
                    && endOfClosingSegment(text, end, places, false) > end) {
                return end;
            } else {
                return at;
            }
        }
        Matcher postcode = POSTCODE_AFTER.matcher(text).region(end, text.length());
        return postcode.lookingAt() ? postcode.end() : end;
    }

    /**
     * The end of a town's name (capitalised words on one line, up to the segment's end) starting at {@code start}, or
     * {@code start}. The tagger does not know every town; one counts only before a region, postcode or country.
     */
    private static int endOfTown(String text, int start) {
        Matcher town = TOWN.matcher(text).region(start, Math.min(text.length(), start + MAX_BLOCK_LINE_CHARS))
                .useTransparentBounds(true).useAnchoringBounds(false);
        return town.lookingAt() ? town.end() : start;
    }

    /** The first of {@code spans} (in text order) that starts at or after {@code at}, or null; a binary search. */
    private static PiiTagger.Span firstFrom(List<PiiTagger.Span> spans, int at) {
        int low = 0;
        int high = spans.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (spans.get(mid).start() < at) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < spans.size() ? spans.get(low) : null;
    }

    /**
     * True if only a letter's line prefix lies before {@code at} on its line: an address there may head a letter's
     * block, whose lines are parts, not a sentence's address run on over lines.
     */
    private static boolean opensItsLine(String text, int at) {
        int lineStart = lastIndexOf(text, '\n', Math.max(0, at - MAX_BLOCK_LINE_CHARS), at) + 1;
        return LINE_PREFIX.matcher(text).region(lineStart, at).matches();
    }

    /** True if {@code street} ends in its house number or has a street type word, so a further "St." is redundant. */
    private static boolean namesItsStreet(String street) {
        return street.matches(".*\\d\\.?") || hasWordOf(street, Lexicon.STREET_TYPES);
    }

    @Override
    List<PiiFinding> rules(String text) {
        List<PiiFinding> out = new ArrayList<>();
        addMatches(EN, text, 0.75, out);
        if (Scripts.containsHan(text)) {
            addChinese(text, out);
        }
        return out;
    }

    /**
     * Anchors on "路…号" and extends left over place-name characters (no verbs or particles such as 住, 在, 寄到),
     * which takes in 省/市/区 prefixes without a place gazetteer and keeps the work linear in the text.
     */
    private void addChinese(String text, List<PiiFinding> out) {
        Matcher m = CN_ROAD_NUMBER.matcher(text);
        while (m.find()) {
            int start = m.start();
            while (start > 0 && m.start() - start < CN_MAX_PREFIX && isPlaceChar(text.charAt(start - 1))) {
                start--;
            }
            if (start == m.start()) {
                continue; // a road needs a name
            }
            int end = m.end();
            Matcher unit = CN_UNIT.matcher(text).region(end, text.length());
            if (unit.lookingAt()) {
                end = unit.end();
            }
            Matcher compound = CN_COMPOUND.matcher(text).region(end, text.length());
            if (compound.lookingAt()) {
                end = compound.end();
                Matcher compoundUnit = CN_UNIT.matcher(text).region(end, text.length());
                if (compoundUnit.lookingAt()) {
                    end = compoundUnit.end();
                }
            }
            out.add(new PiiFinding(PiiType.STREET_ADDRESS, start, end, 0.75, name()));
        }
    }

    private static boolean isPlaceChar(char c) {
        return (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || (c >= '0' && c <= '9'))
                && "我你他她它们住在是的了到于寄送往至址和与及从向请把给为地".indexOf(c) < 0;
    }
}
