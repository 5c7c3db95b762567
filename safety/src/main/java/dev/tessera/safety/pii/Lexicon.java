package dev.tessera.safety.pii;

import dev.tessera.sdk.ModelLoadException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Small word lists the tagger and the rules consult; all lower case. */
final class Lexicon {

    /** Honorifics that precede a name; the name span excludes them. */
    static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam",
            "dame", "lord", "lady", "rev", "fr", "capt", "sgt", "col", "gen", "hon", "judge", "mister", "herr",
            "frau", "mme", "mlle", "señor", "señora", "sr", "sra");

    /**
     * Roles written before a name, as in "Producer Ann Lee" or "Senator Lee"; like a title, the name span excludes
     * them.
     */
    static final Set<String> ROLES = Set.of("producer", "director", "president", "senator", "governor", "mayor",
            "minister", "chancellor", "chairman", "chairwoman", "ceo", "cfo", "cto", "coach", "captain", "officer",
            "detective", "inspector", "sergeant", "agent", "editor", "author", "singer", "actor", "actress", "manager",
            "nurse", "doctor", "pastor", "reverend", "bishop", "father", "sister", "brother", "uncle", "aunt",
            "king", "queen", "prince", "princess", "saint", "attorney", "counsel", "patient", "client", "customer",
            "colonel", "general", "lieutenant", "admiral", "commander", "congressman", "congresswoman",
            "representative", "secretary", "ambassador", "justice", "magistrate", "sheriff", "chief");

    /** Words that end or follow a company or institution name ("Russell Investments", "Johnson Inc"). */
    static final Set<String> COMPANY_WORDS = Set.of("inc", "ltd", "llc", "llp", "corp", "corporation", "co", "company",
            "plc", "gmbh", "ag", "sa", "nv", "bv", "ab", "oy", "as", "group", "holdings", "partners", "associates",
            "investments", "capital", "bank", "insurance", "industries", "international", "systems", "solutions",
            "technologies", "labs", "media", "foundation", "institute", "university", "college", "school", "hospital",
            "clinic", "orchestra", "band", "records", "studios", "hotel", "restaurant", "cafe", "center", "centre",
            "church", "museum", "library", "airport", "stadium", "club", "software", "consulting", "lab", "pharma",
            "pharmaceuticals", "therapeutics", "biosciences", "biotherapeutics", "biotech", "networks",
            "communications", "enterprises", "ventures", "bancorp", "bancshares", "financial", "brands", "motors",
            "energy", "resources", "healthcare", "limited", "incorporated", "oyj", "abp", "asa", "spa", "srl", "sarl",
            "sàrl", "pty", "pte", "bhd", "kgaa");

    /**
     * A company's legal form ("Stora Enso Oyj", "Pey Dirt, Inc."): a name that holds or is followed by one is a
     * company's, whatever its other words. Two-letter forms ("AG", "NV") count only in capitals.
     */
    static final Set<String> LEGAL_FORMS = Set.of("inc", "ltd", "llc", "llp", "lp", "plc", "corp", "corporation",
            "incorporated", "limited", "gmbh", "kgaa", "oyj", "abp", "asa", "spa", "srl", "sarl", "sàrl", "sas", "pty",
            "pte", "bhd", "ag", "ab", "as", "bv", "nv", "oy", "sa", "se");

    /**
     * Two-letter legal forms as their countries write them with one capital: the Finnish "Oy" ("Kiilto Oy", "Oy
     * Telpak"). No English word is spelled so, unlike "As", "Ab" or "Sa".
     */
    static final Set<String> CAPITALISED_LEGAL_FORMS = Set.of("Oy");

    /**
     * True for a word of {@link #LEGAL_FORMS}, written in capitals if it has two letters ("AG", not "as") or as in
     * {@link #CAPITALISED_LEGAL_FORMS}.
     */
    static boolean isLegalForm(String word) {
        return LEGAL_FORMS.contains(word.toLowerCase(Locale.ROOT))
                && (word.length() > 2 || word.equals(word.toUpperCase(Locale.ROOT))
                        || CAPITALISED_LEGAL_FORMS.contains(word));
    }

    /**
     * Particles that open a surname of several words ("Maria De Luca") or a place name ("Colle Di Val"): one word
     * after a first name would cut it, so a lone first name is not extended over them.
     */
    static final Set<String> NAME_PARTICLES = Set.of("di", "de", "del", "la", "le");

    /** Street-type words in the languages of European and North American addresses. */
    static final Set<String> STREET_TYPES = Set.of("street", "st", "road", "rd", "avenue", "ave", "av", "lane", "ln",
            "drive", "dr", "court", "ct", "way", "place", "pl", "terrace", "ter", "boulevard", "blvd", "square", "sq",
            "close", "crescent", "cres", "highway", "hwy", "parkway", "pkwy", "alley", "row", "gardens", "grove", "hill",
            "circle", "cir", "trail", "trl", "walk", "mews", "rise", "vale", "view", "wharf", "quay", "gate", "gateway",
            "route", "rte", "point", "pike", "plaza", "loop", "run", "path", "coves", "cove", "courts", "squares",
            "extensions", "extension", "rapids", "union", "forges", "forge", "fort", "rue", "avenida", "calle", "via",
            "viale", "vicolo", "piazza", "corso", "rua", "travessa", "strasse", "straße", "str", "gasse", "weg", "allee",
            "platz", "ring", "gade", "vej", "gata", "gatan", "vägen", "veien", "vegen", "gaten", "katu", "tie", "kuja",
            "polku", "utca", "u", "út", "tér", "körút", "rkp", "ulica", "ul", "ulice", "náměstí", "nám", "plads", "torv",
            "straat", "laan", "plein", "gracht", "dijk", "chemin", "impasse", "allée", "quai", "cours", "stræde", "leið",
            "braut", "vegur", "mall", "turnpike", "crossroad", "crossing", "dam", "island", "islands", "green", "park",
            "heights", "meadows", "ridge", "springs", "station", "junction", "village", "harbor", "harbour", "creek",
            "valley", "estates", "mills", "summit", "expressway", "freeway", "bridge", "radial", "fields", "shores");

    /**
     * Street types written only after the street's name ("Augsburger Strasse", "Mill Road"), never before it as
     * "Rue", "Via" or "Avenue" can be; "St" and "Dr" stay out, being Saint and Doctor before a name.
     */
    static final Set<String> TYPE_AFTER_NAME = Set.of("street", "road", "rd", "lane", "court", "terrace", "close",
            "crescent", "strasse", "straße", "str", "gasse", "weg", "gade", "vej", "gata", "gatan", "vägen", "veien",
            "straat", "laan", "gracht", "dijk");

    /** The street types and unit words above that are written abbreviated, with a full stop: "St.", "Apt.", "rkp.". */
    static final Set<String> ADDRESS_ABBREVIATIONS = Set.of("st", "rd", "ave", "av", "ln", "dr", "ct", "pl", "ter",
            "blvd", "sq", "cres", "hwy", "pkwy", "cir", "trl", "rte", "str", "rkp", "ul", "nám", "apt", "ste", "fl",
            "rm", "bldg", "no", "p", "o");

    /** Words that introduce the unit or box part of an address. */
    static final Set<String> UNIT_WORDS = Set.of("apt", "apartment", "suite", "ste", "unit", "box", "po", "p", "o",
            "floor", "fl", "room", "rm", "bldg", "building", "psc", "cmr", "dpo", "apo", "fpo", "flat", "no");

    static final Set<String> MONTHS_AND_DAYS = Set.of("january", "february", "march", "april", "june", "july",
            "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday");

    /**
     * Endings of international nonproprietary drug names, after the WHO's published INN stems ("-pril", "-sartan",
     * "-mab", "-vir"...), written out here from that public scheme. Long enough that no common given name or surname
     * ends with one (so "-arin" appears as "-farin", "-pam" as "-zepam").
     */
    private static final List<String> DRUG_STEMS = List.of("pril", "prilat", "sartan", "olol", "alol", "statin",
            "prazole", "tidine", "dipine", "mab", "tinib", "anib", "ciclib", "parib", "rafenib", "navir", "previr",
            "buvir", "asvir", "clovir", "tegravir", "amivir", "mycin", "micin", "cillin", "floxacin", "oxacin",
            "cycline", "conazole", "bendazole", "nidazole", "sone", "olone", "afil", "gliptin", "gliflozin",
            "glitazone", "formin", "triptan", "setron", "tadine", "lukast", "parin", "xaban", "gatran", "farin",
            "zepam", "zolam", "barbital", "caine", "profen", "fenac", "coxib", "oxetine", "pramine", "triptyline",
            "peridol", "apine", "peridone", "dronate", "glutide", "relin", "semide", "thiazide", "sterone",
            "estradiol", "fentanil", "codone", "morphone", "thyroxine", "cept", "platin", "taxel", "rubicin", "tecan",
            "trexate", "uracil", "azepine", "lamide", "tropium", "terol", "sonide", "metasone", "nisolone",
            "cortisone", "ximab", "zumab", "umab", "kinra", "plase", "dralazine", "vudine", "nacin", "phylline",
            "oxacillin", "cefalexin", "azosin", "ipine", "etine", "vastatin", "teplase", "prost", "gabalin", "pentin",
            "tiapine", "ridone");
    /** The shortest word taken for a drug name by its ending: "Lasix" is left to the tagger, "Warfarin" is not. */
    private static final int MIN_DRUG_NAME = 7;

    static final Set<String> COMMON_WORDS = load("common-english-words.txt");
    /**
     * Words that contracts, terms of service, records and filings capitalise as defined terms ("the Distributor",
     * "Exhibit B"); not a tagger feature, so the shipped taggers do not depend on it.
     */
    static final Set<String> DOCUMENT_TERMS = load("document-terms.txt");
    /**
     * Chat interjections ("Lol") and other languages' function words ("Ich", "Warum") that start a sentence with a
     * capital; not a tagger feature.
     */
    static final Set<String> NOT_NAMES = load("not-names.txt");
    /**
     * Ordinary English words beyond {@link #COMMON_WORDS} ("devil", "license", "weekly"), without the ones that are
     * also names; not a tagger feature, so the shipped taggers do not depend on it.
     */
    static final Set<String> ENGLISH_VOCABULARY = load("english-vocabulary.txt");
    /**
     * Given names that are also words on {@link #COMMON_WORDS} ("Will", "Hope", "Bill"): the given-name list leaves
     * them out because it is a tagger feature and the words are frequent, so they count as names only where a name
     * is expected. Not a tagger feature.
     */
    static final Set<String> COMMON_WORD_GIVEN_NAMES = Set.of("bill", "hope", "will");
    static final Set<String> GIVEN_NAMES = load("given-names.txt");
    /**
     * Diseases and clinical words that are capitalised in questions and records (the hand-picked terms and the wider
     * clinical vocabulary); not a tagger feature.
     */
    static final Set<String> MEDICAL_TERMS = union(load("medical-terms.txt"), load("clinical-vocabulary.txt"));
    /**
     * Endings of disease and procedure names from their Greek and Latin combining forms (-itis inflammation, -osis
     * condition, -aemia blood, -pathy disease, -algia pain, -rrhoea flow ...) and of specialties (-logy, -iatrics),
     * written out here from general clinical vocabulary. Endings that given names share ("Paloma", "Chioma",
     * "Euphemia") are not here: the -oma and US -emia diseases are listed in {@code medical-terms.txt} instead.
     */
    private static final List<String> CLINICAL_SUFFIXES = List.of("itis", "osis", "iasis", "aemia", "pathy",
            "algia", "rrhoea", "rrhea", "plegia", "ectomy", "otomy", "scopy", "penia", "uria", "trophy", "megaly",
            "ism", "logy", "iatrics", "iatry", "surgery");
    static final Set<String> SURNAMES = load("surnames.txt");
    /**
     * Well-known companies and brands ("nokia", "stora enso", "morgan stanley"), words joined by one space; financial
     * news names them where the tagger expects a person. Not a tagger feature.
     */
    static final Set<String> KNOWN_COMPANIES = loadNames("known-companies.txt");
    /**
     * Well-known cities and regions ("helsinki", "leningrad region"), words joined by one space; not a tagger
     * feature.
     */
    static final Set<String> KNOWN_PLACES = loadNames("known-places.txt");
    /** The most words of a name in {@link #KNOWN_COMPANIES} or {@link #KNOWN_PLACES}. */
    static final int MAX_KNOWN_NAME_WORDS = Stream.concat(KNOWN_COMPANIES.stream(), KNOWN_PLACES.stream())
            .mapToInt(name -> name.split(" ").length).max().orElse(0);
    /** Country and territory names, some of several words ("south africa"). */
    static final Set<String> COUNTRIES = load("countries.txt");
    /**
     * Continents and the regions news and contracts name like countries ("sales in India and Africa", "the EMEA
     * region"); kept apart from {@link #COUNTRIES}, which also marks the last line of an address.
     */
    static final Set<String> WORLD_REGIONS = Set.of("africa", "asia", "europe", "oceania", "antarctica", "australasia",
            "north america", "south america", "latin america", "central america", "the americas", "americas",
            "middle east", "the middle east", "near east", "far east", "scandinavia", "the nordics", "nordics",
            "the baltics", "baltics", "the balkans", "balkans", "the caribbean", "caribbean", "eurasia", "emea",
            "apac", "asia pacific", "asia-pacific", "southeast asia", "south asia", "east asia", "central asia",
            "western europe", "eastern europe", "central europe", "northern europe", "southern europe",
            "sub-saharan africa", "north africa", "west africa", "east africa", "southern africa");

    private Lexicon() {
    }

    /**
     * A disease or clinical word ({@code medical-terms.txt}), or a word with a clinical suffix ("Psoriasis",
     * "Hypoglycaemia", "Hepatitis", "Hypothyroidism"; {@link #CLINICAL_SUFFIXES}), unless the word is a known given
     * name or surname: the medical service's questions name diseases with capitals, and a disease redacted as a person
     * is a question the graph can no longer answer.
     */
    static boolean isMedicalTerm(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (GIVEN_NAMES.contains(lower) || SURNAMES.contains(lower)) {
            return false;
        }
        if (MEDICAL_TERMS.contains(lower)) {
            return true;
        }
        for (String suffix : CLINICAL_SUFFIXES) {
            if (lower.length() >= suffix.length() + 3 && lower.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A drug's name by its INN ending ("Lisinopril", "Omeprazole", "Pembrolizumab"), unless the word is a known given
     * name or surname.
     */
    static boolean isDrugName(String word) {
        if (word.length() < MIN_DRUG_NAME) {
            return false;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (GIVEN_NAMES.contains(lower) || SURNAMES.contains(lower)) {
            return false;
        }
        for (String stem : DRUG_STEMS) {
            if (lower.endsWith(stem)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A list of names, each as its words in lower case joined by one space, so that "h&m" and "st. petersburg" match
     * a span split into words the way the recognizers split it.
     */
    private static Set<String> loadNames(String resource) {
        Set<String> names = new HashSet<>();
        for (String line : load(resource)) {
            String joined = String.join(" ", TaggedRecognizer.WORDS.split(line.toLowerCase(Locale.ROOT))).strip();
            if (!joined.isEmpty()) {
                names.add(joined);
            }
        }
        return Set.copyOf(names);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.add(line);
                }
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot read resource " + resource, e);
        }
        return Set.copyOf(words);
    }
}
