package dev.tessera.safety.pii;

import static dev.tessera.safety.pii.AddressShapes.LEADING_NUMBER;
import static dev.tessera.safety.pii.AddressShapes.LINE_PREFIX;
import static dev.tessera.safety.pii.AddressShapes.LONE_NUMBER;
import static dev.tessera.safety.pii.AddressShapes.MAX_BLOCK_LINE_CHARS;
import static dev.tessera.safety.pii.AddressShapes.POSTCODE;
import static dev.tessera.safety.pii.AddressShapes.POSTCODE_AFTER;
import static dev.tessera.safety.pii.AddressShapes.REGION_OR_POSTCODE;
import static dev.tessera.safety.pii.AddressShapes.UNIT_AND_NUMBER;
import static dev.tessera.safety.pii.AddressShapes.UNIT_OPENING;
import static dev.tessera.safety.pii.AddressShapes.UNIT_PART;
import static dev.tessera.safety.pii.AddressShapes.containsDigit;
import static dev.tessera.safety.pii.AddressShapes.containsLetter;
import static dev.tessera.safety.pii.AddressShapes.endOfCountry;
import static dev.tessera.safety.pii.AddressShapes.hasWordOf;
import static dev.tessera.safety.pii.AddressShapes.lineEnd;
import static dev.tessera.safety.pii.AddressShapes.onlySpacesBetween;
import static dev.tessera.safety.pii.AddressShapes.skipSpaces;
import static dev.tessera.safety.pii.AddressShapes.trimEnd;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address block of a letter, under the addressee's name, read by part as data such as Presidio's labels it: the
 * unit, the building number before a numbered street, the street, and the postcode after the country; the town and
 * region lines are places.
 */
final class LetterAddressBlocks {

    private LetterAddressBlocks() {
    }

    /** A unit the tagger left out at the end of the street's line: " Apt. 595". */
    private static final Pattern UNIT_TAIL = Pattern.compile("[ \\t,]*" + UNIT_AND_NUMBER);
    /** Where a unit starts after the street on its line: " Apt. 595" of "Puruntie 82 Apt. 595". */
    private static final Pattern UNIT_AFTER_STREET = Pattern.compile("(?i)[ \\t,]+(?=" + UNIT_OPENING + ")");
    /**
     * A line of a letter's address block holding a town, a region code or "nan" (letters, spaces and a few marks),
     * maybe with a postcode after them ("Aalborg NO 9100"): a place, no part of the street.
     */
    private static final Pattern PLACE_LINE = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .'()\\-]*?(?:[ \\t]+"
            + POSTCODE + ")?");
    /** Street, unit, town, region, country and postcode lines, one of them blank, bound the block's look-ahead. */
    private static final int MAX_BLOCK_LINES = 7;
    /** Line breaks a letter may leave between the addressee's name and the address (one blank line). */
    private static final int MAX_BREAKS_AFTER_NAME = 2;

    /**
     * The address block of a letter, under the addressee's name or right after it ("Maureen Thibault\n\n41086
     * Kiannonkatu 98\n Suite 464\n OULU\n Finland 80896", "Mrs. Barbara Yudina Apt. 675 62314 Mellemvej 32"), is
     * composed of parts, and data such as Presidio's labels it by part: the unit, the building number before a
     * numbered street, the street, and the postcode after the country; the town and region lines are places. An
     * address after anything else (an organisation's name, "Address:") is one span, as the tagger and
     * {@link StreetAddressRecognizer} found it. {@code people} are the tagger's PERSON spans, in text order; one with a
     * company word is no addressee.
     */
    static void split(String text, List<PiiFinding> found, List<PiiTagger.Span> people) {
        if (people.isEmpty() || found.isEmpty()) {
            return;
        }
        found.sort(Comparator.comparingInt(PiiFinding::start));
        List<PiiFinding> parts = new ArrayList<>();
        BitSet blocks = new BitSet(text.length());
        int person = 0;
        for (int i = 0; i < found.size(); i++) {
            PiiFinding address = found.get(i);
            if (blocks.get(address.start())) {
                continue;
            }
            while (person + 1 < people.size() && people.get(person + 1).end() <= address.start()) {
                person++;
            }
            PiiTagger.Span name = people.get(person);
            // "Cyprus Ltd" on the line above is a firm's letter-head, however the tagger read it.
            if (name.end() > address.start() || !onlyLetterGap(text, name.end(), address.start())
                    || i > 0 && found.get(i - 1).end() > address.start()
                    || hasWordOf(text.substring(name.start(), name.end()), Lexicon.COMPANY_WORDS)) {
                continue;
            }
            // The findings the tagger made of the street's line ("228" and "Ringvej 144") cover it together.
            int lineCovered = address.end();
            for (int j = i + 1; j < found.size() && onlySpacesBetween(text, lineCovered, found.get(j).start()); j++) {
                lineCovered = Math.max(lineCovered, found.get(j).end());
            }
            int before = parts.size();
            int end = letterBlockParts(text, address, lineCovered, parts);
            // Every finding the block touches must lie inside it: a block read in part must not lose the rest.
            for (int j = i; end >= 0 && j < found.size() && found.get(j).start() < end; j++) {
                if (found.get(j).end() > end) {
                    end = -1;
                }
            }
            if (end < 0) {
                parts.subList(before, parts.size()).clear();
            } else {
                blocks.set(address.start(), end);
            }
        }
        if (!blocks.isEmpty()) {
            TaggedRecognizer.removeTouching(found, blocks);
            found.addAll(parts);
        }
    }

    /** Only spaces, a letter's line prefixes and at most {@link #MAX_BREAKS_AFTER_NAME} line breaks in between. */
    private static boolean onlyLetterGap(String text, int from, int to) {
        int breaks = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' && ++breaks > MAX_BREAKS_AFTER_NAME) {
                return false;
            }
            if (c != '\n' && c != '\r' && c != ' ' && c != '\t' && c != '>' && c != '?') {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds the parts of the letter's address block that starts at {@code address} to {@code out} and returns where the
     * block ends, or -1 if its first line is not a street (with a unit before or after it, or a building number) that
     * the findings up to {@code lineCovered} fill.
     */
    private static int letterBlockParts(String text, PiiFinding address, int lineCovered, List<PiiFinding> out) {
        int lineEnd = lineEnd(text, address.start());
        if (lineEnd - address.start() > MAX_BLOCK_LINE_CHARS) {
            return -1;
        }
        // The address fills its line, but for a unit: a line that goes on with other words is a sentence's.
        int streetLineEnd = trimEnd(text, address.start(), lineEnd);
        if (lineCovered < streetLineEnd && !UNIT_TAIL.matcher(text).region(lineCovered, streetLineEnd).matches()) {
            return -1;
        }
        int at = address.start();
        Matcher unit = UNIT_PART.matcher(text).region(at, lineEnd);
        if (unit.lookingAt()) {
            out.add(address.shifted(at, unit.end()));
            at = skipSpaces(text, unit.end(), lineEnd);
        }
        Matcher unitAfter = UNIT_AFTER_STREET.matcher(text).region(at, lineEnd);
        boolean unitAfterStreet = unitAfter.find();
        int streetEnd = unitAfterStreet ? unitAfter.start() : trimEnd(text, at, lineEnd);
        Matcher number = LEADING_NUMBER.matcher(text).region(at, streetEnd);
        if (number.lookingAt() && LONE_NUMBER.matcher(text).region(number.end(), streetEnd).find()) {
            out.add(address.shifted(at, trimEnd(text, at, number.end())));
            at = number.end();
        }
        if (at >= streetEnd || !containsLetter(text, at, streetEnd) || !containsDigit(text, address.start(), lineEnd)) {
            return -1;
        }
        out.add(address.shifted(at, streetEnd));
        int end = streetEnd;
        if (unitAfterStreet) {
            Matcher after = UNIT_PART.matcher(text).region(skipSpaces(text, streetEnd, lineEnd), lineEnd);
            if (!after.lookingAt()) {
                return -1;
            }
            out.add(address.shifted(after.start(), after.end()));
            end = after.end();
        }
        boolean blank = false;
        int placeLines = 0;
        for (int line = 1, next = lineEnd; line < MAX_BLOCK_LINES && next < text.length(); line++) {
            int start = next + 1;
            int stop = lineEnd(text, start);
            if (stop - start > MAX_BLOCK_LINE_CHARS) {
                break;
            }
            next = stop;
            Matcher prefix = LINE_PREFIX.matcher(text).region(start, stop);
            int content = prefix.lookingAt() ? prefix.end() : start;
            int contentEnd = trimEnd(text, content, stop);
            if (content >= contentEnd) {
                if (blank) {
                    break;
                }
                blank = true;
                continue;
            }
            blank = false;
            int country = endOfCountry(text, content);
            if (country > content) {
                Matcher postcode = POSTCODE_AFTER.matcher(text).region(country, stop);
                if (postcode.lookingAt()) {
                    int code = skipSpaces(text, country, stop);
                    out.add(address.shifted(code, postcode.end()));
                    return postcode.end();
                }
                return contentEnd;
            }
            if (UNIT_PART.matcher(text).region(content, contentEnd).matches()) {
                out.add(address.shifted(content, contentEnd));
            } else if (PLACE_LINE.matcher(text).region(content, contentEnd).matches()) {
                int code = placeLines > 0 ? postcodeAfterCountry(text, content, contentEnd) : -1;
                if (code >= 0) {
                    out.add(address.shifted(code, contentEnd));
                    return contentEnd;
                }
                placeLines++;
            } else if (!REGION_OR_POSTCODE.matcher(text).region(content, stop).lookingAt()) {
                break;
            }
            end = contentEnd;
        }
        return end;
    }

    /**
     * Where the postcode starts on a block's line that holds a country the lexicon does not know and a postcode
     * ("Greenlander 07609" under the town's line), or -1: a word of up to three letters before the postcode is a
     * region ("Aalborg NO 9100", "ASKER nan 1386"), and the postcode after a town and its region is a ZIP code.
     */
    private static int postcodeAfterCountry(String text, int content, int contentEnd) {
        int code = contentEnd;
        while (code > content && !Character.isWhitespace(text.charAt(code - 1))) {
            code--;
        }
        int wordEnd = trimEnd(text, content, code);
        int wordStart = wordEnd;
        while (wordStart > content && !Character.isWhitespace(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        boolean postcode = code > content && POSTCODE_AFTER.matcher(text).region(wordEnd, contentEnd).matches();
        return postcode && wordEnd - wordStart > 3 ? code : -1;
    }
}
