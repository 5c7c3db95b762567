package dev.tessera.safety.pii;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A development set for the address conventions of the Presidio generator, written by the project: addresses
 * composed from the parts of a training split's labelled addresses (building numbers, numbered streets, units,
 * towns, countries) in the generator's layouts, each put into sentences of the project's own. It measures how the
 * recognisers read layouts and contexts that the training templates show only in a few places, without touching
 * test.
 *
 * <p>The gold spans follow the generator's rule, seen in the train split: an address written from its
 * {@code {{address}}} slot is one span and always goes on to a town; a building number, a street and a unit written
 * from their own slots are a span each, with the town a place, not an address.
 */
public final class AddressLayoutProbe {

    /** How the generator writes an address, and whether it labels it as one span or by part. */
    public enum Layout {
        LINES_REGION_COMMA("{number} {street} {unit}\n{town}\n, {region}\n {country} {postcode}", true),
        LINES("{number} {street}\n {unit}\n {town}\n {country} {postcode}", true),
        COMMAS("{number} {street} {unit}, {town}, {country} {postcode}", true),
        ONE_LINE("{number} {street} {unit} {town} {region}", true),
        TOWN_LINE("{number} {street} {unit}\n{town}, {region} {postcode}", true),
        NUMBER_STREET("{number} {street}", false),
        NUMBER_STREET_TOWN("{number} {street}, {town}", false),
        NUMBER_STREET_UNIT("{number} {street} {unit}", false);

        private final String pattern;
        private final boolean whole;

        Layout(String pattern, boolean whole) {
            this.pattern = pattern;
            this.whole = whole;
        }

        /** True if the generator labels an address in this layout as one span, false if by part. */
        public boolean whole() {
            return whole;
        }
    }

    /** Sentences of the project's own; {A} is where the address goes. */
    static final List<String> SENTENCES = List.of(
            "Please forward my mail to {A} from next week.",
            "Our warehouse is at {A}",
            "Invoice address: {A}. Thanks!",
            "The patient was discharged to {A} on Monday.",
            "Can you confirm that {A} is still the billing address?");

    /** The parts of an address that a layout's gold labels as STREET_ADDRESS when it labels by part. */
    private static final Set<String> STREET_PARTS = Set.of("number", "street", "unit");
    private static final Pattern BUILDING_NUMBER = Pattern.compile("\\d{1,6}");
    private static final Pattern UNIT = Pattern.compile("(?i)(?:apt\\.?|suite) \\d{1,6}");
    private static final Pattern SLOT = Pattern.compile("\\{(number|street|unit|town|region|country|postcode)}");
    private static final List<String> REGIONS = List.of("ON", "CO", "SK", "NO", "VE", "OV", "GE", "nan");

    /** Building numbers and the streets written after them, as pairs: "5049" and "Harjukuja 54". */
    private final List<List<String>> numberedStreets;
    private final List<String> units;
    private final List<String> towns;
    private final List<String> countries;

    /** Copies the sets into lists, to draw from by index. */
    private AddressLayoutProbe(Collection<List<String>> numberedStreets, Collection<String> units,
                               Collection<String> towns, Collection<String> countries) {
        this.numberedStreets = List.copyOf(numberedStreets);
        this.units = List.copyOf(units);
        this.towns = List.copyOf(towns);
        this.countries = List.copyOf(countries);
    }

    /**
     * Collects the parts from texts labelled as the generator labels them: a building number is a STREET_ADDRESS span
     * of digits that one space separates from the next STREET_ADDRESS span, the street; a unit is a STREET_ADDRESS
     * span such as "Apt. 595"; a place ({@code placeType}, "GPE") is a country if {@link Lexicon#COUNTRIES} knows it
     * and a town otherwise.
     *
     * @throws IllegalArgumentException if the texts lack a kind of part
     */
    public static AddressLayoutProbe fromLabelledTexts(List<LabeledText> texts, String addressType, String placeType) {
        Set<List<String>> numberedStreets = new LinkedHashSet<>();
        Set<String> units = new LinkedHashSet<>();
        Set<String> towns = new LinkedHashSet<>();
        Set<String> countries = new LinkedHashSet<>();
        for (LabeledText t : texts) {
            List<LabeledText.Span> addresses = t.spans().stream().filter(s -> s.type().equals(addressType))
                    .sorted((a, b) -> Integer.compare(a.start(), b.start())).toList();
            for (int i = 0; i < addresses.size(); i++) {
                String value = valueOf(t, addresses.get(i));
                if (UNIT.matcher(value).matches()) {
                    units.add(value);
                }
                if (i + 1 < addresses.size() && BUILDING_NUMBER.matcher(value).matches()
                        && addresses.get(i + 1).start() == addresses.get(i).end() + 1
                        && t.text().charAt(addresses.get(i).end()) == ' ') {
                    numberedStreets.add(List.of(value, valueOf(t, addresses.get(i + 1))));
                }
            }
            for (LabeledText.Span s : t.spans()) {
                String value = valueOf(t, s);
                if (s.type().equals(placeType) && value.length() > 3 && value.indexOf('\n') < 0) {
                    (Lexicon.COUNTRIES.contains(value.toLowerCase(Locale.ROOT)) ? countries : towns).add(value);
                }
            }
        }
        if (numberedStreets.isEmpty() || units.isEmpty() || towns.isEmpty() || countries.isEmpty()) {
            throw new IllegalArgumentException("the texts lack building numbers, streets, units, towns or countries");
        }
        return new AddressLayoutProbe(numberedStreets, units, towns, countries);
    }

    private static String valueOf(LabeledText t, LabeledText.Span s) {
        return t.text().substring(s.start(), s.end());
    }

    /** One probe text: the layout it was written in, with its gold STREET_ADDRESS spans. */
    public record Case(Layout layout, LabeledText text) {
        public Case {
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * {@code addresses} addresses drawn at random (seeded), each written in every layout and put in every sentence:
     * addresses x layouts x sentences cases, gold spans labelled {@code addressType}.
     */
    public List<Case> cases(int addresses, long seed, String addressType) {
        if (addresses < 1) {
            throw new IllegalArgumentException("addresses must be positive: " + addresses);
        }
        Random random = new Random(seed);
        List<Case> out = new ArrayList<>();
        for (int a = 0; a < addresses; a++) {
            List<String> numberedStreet = numberedStreets.get(random.nextInt(numberedStreets.size()));
            Parts parts = new Parts(numberedStreet.get(0), numberedStreet.get(1), pickFrom(units, random),
                    pickFrom(towns, random), pickFrom(REGIONS, random), pickFrom(countries, random),
                    String.format(Locale.ROOT, "%05d", random.nextInt(100_000)));
            for (Layout layout : Layout.values()) {
                for (String sentence : SENTENCES) {
                    out.add(new Case(layout, write(layout, sentence, parts, addressType)));
                }
            }
        }
        return out;
    }

    private static String pickFrom(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private record Parts(String number, String street, String unit, String town, String region, String country,
                         String postcode) {
        String get(String slot) {
            return switch (slot) {
                case "number" -> number;
                case "street" -> street;
                case "unit" -> unit;
                case "town" -> town;
                case "region" -> region;
                case "country" -> country;
                default -> postcode;
            };
        }
    }

    private static LabeledText write(Layout layout, String sentence, Parts parts, String addressType) {
        int at = sentence.indexOf("{A}");
        StringBuilder text = new StringBuilder(sentence.substring(0, at));
        List<LabeledText.Span> gold = new ArrayList<>();
        var slot = SLOT.matcher(layout.pattern);
        int last = 0;
        while (slot.find()) {
            text.append(layout.pattern, last, slot.start());
            String value = parts.get(slot.group(1));
            if (!layout.whole && STREET_PARTS.contains(slot.group(1))) {
                gold.add(new LabeledText.Span(addressType, text.length(), text.length() + value.length()));
            }
            text.append(value);
            last = slot.end();
        }
        text.append(layout.pattern, last, layout.pattern.length());
        if (layout.whole) {
            gold.add(new LabeledText.Span(addressType, at, text.length()));
        }
        text.append(sentence, at + 3, sentence.length());
        return new LabeledText(text.toString(), gold);
    }

    /** Exact matches of one layout's cases, and its exact-span counts. */
    public record Score(Layout layout, int cases, int exactCases, PiiEvaluation.Scores spans) {
        /** The share of cases whose STREET_ADDRESS findings are exactly the gold spans. */
        public double exactRate() {
            return cases == 0 ? 0 : (double) exactCases / cases;
        }

        public double f1() {
            return spans.f1();
        }
    }

    /** Scores {@code finder}'s STREET_ADDRESS findings on {@code cases}, one score per layout, in layout order. */
    public static List<Score> score(List<Case> cases, Function<String, List<PiiFinding>> finder) {
        List<Score> scores = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            int n = 0;
            int exact = 0;
            int gold = 0;
            int predicted = 0;
            int correct = 0;
            for (Case c : cases) {
                if (c.layout() != layout) {
                    continue;
                }
                Set<List<Integer>> goldSpans = new LinkedHashSet<>();
                c.text().spans().forEach(s -> goldSpans.add(List.of(s.start(), s.end())));
                Set<List<Integer>> found = new LinkedHashSet<>();
                for (PiiFinding f : finder.apply(c.text().text())) {
                    if (f.type() == PiiType.STREET_ADDRESS) {
                        found.add(List.of(f.start(), f.end()));
                    }
                }
                n++;
                exact += found.equals(goldSpans) ? 1 : 0;
                gold += goldSpans.size();
                predicted += found.size();
                correct += (int) found.stream().filter(goldSpans::contains).count();
            }
            scores.add(new Score(layout, n, exact, new PiiEvaluation.Scores(predicted, correct, gold, correct)));
        }
        return scores;
    }
}
