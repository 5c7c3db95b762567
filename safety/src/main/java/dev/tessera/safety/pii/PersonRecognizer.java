package dev.tessera.safety.pii;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person names. English: the {@link PiiTagger} (trained to use capitalisation, affixes and context words such as
 * "my name is", "Dr.", "said"), plus a title rule (Mr./Mrs./Ms./Dr./Prof. followed by capitalised words; the title is
 * not part of the name). Chinese names: {@link ChineseNames}.
 */
public final class PersonRecognizer extends TaggedRecognizer {

    private static final Pattern TITLED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|Dame|Lady|Lord)\\.?[ \\t]+"
                    + "(\\p{Lu}[\\p{L}\\p{M}'’\\-]+(?:[ \\t]+\\p{Lu}\\.?(?![\\p{L}]))?"
                    + "(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}'’\\-]+){0,2})");
    /**
     * Chinese, Korean and Vietnamese family names as English text romanises them, family name first ("Li Wei", "Kim
     * Min-jun", "Nguyen Van An"). Written out here from general knowledge; those that are also English words ("He",
     * "Sun", "Long", "Park", "Song", "Moon", "Do") are left out.
     */
    static final Set<String> EAST_ASIAN_SURNAMES = Set.of("Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang",
            "Zhao", "Zhou", "Xu", "Zhu", "Hu", "Guo", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Feng", "Deng",
            "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Yuan", "Cai", "Jiang", "Yu", "Du", "Cheng", "Wei", "Su",
            "Ren", "Shen", "Yao", "Lu", "Cui", "Zhong", "Tan", "Fu", "Qin", "Xue", "Lei", "Kong", "Bai", "Wu", "Kim",
            "Lee", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Seo", "Kwon", "Hwang", "Ahn", "Jeon", "Yoo",
            "Nguyen", "Tran", "Pham", "Hoang", "Phan", "Vu", "Vo", "Bui", "Ngo", "Duong", "Ly", "Huynh", "Trinh");
    /** Vietnamese middle names, after which the given name follows: "Nguyen Van An", "Tran Thi Mai". */
    private static final Set<String> VIETNAMESE_MIDDLE_NAMES = Set.of("Van", "Thi");
    /** A capitalised word and one space before a name: where a family name written first would stand. */
    private static final Pattern WORD_BEFORE = Pattern.compile("(?<![\\p{L}\\p{N}])(\\p{Lu}\\p{Ll}{1,5}) $");
    /** One pinyin syllable: an initial and a final ("wei", "zhang", "na"). */
    private static final String PINYIN_SYLLABLE = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing"
            + "|ong|iao|ian|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v)";
    /**
     * A family name of {@link #EAST_ASIAN_SURNAMES} and a given name romanised as pinyin of one or two syllables ("Li
     * Na", "Zhang Wei") or with a hyphen as Korean writes it ("Kim Min-jun", "Lee Ji-eun").
     */
    private static final AnchoredPattern EAST_ASIAN_NAME = new AnchoredPattern(Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\p{Lu}\\p{Ll}{1,5} (?:\\p{Lu}\\p{Ll}{1,4}-\\p{Ll}{2,5}"
                    + "|(?=\\p{Lu})(?i:" + PINYIN_SYLLABLE + "){1,2})(?![\\p{L}\\p{N}\\-])"),
            PersonRecognizer::startsCapitalisedWord);
    /** The longest romanised syllable after a hyphen in a given name: "seong", "young". */
    private static final int MAX_NAME_SYLLABLE = 5;
    private static final Pattern SPACES_AND_PUNCTUATION = Pattern.compile("[\\s,;:.()\"“”]+");
    /** Phrases that a family name and a pinyin syllable spell: "Feng Shui". */
    private static final Set<String> EAST_ASIAN_NOT_NAMES = Set.of("Feng Shui", "Wu Shu", "Lu Lu");
    /** A unit word and its number after a name: " Apt. 675", " Suite 541". */
    private static final Pattern UNIT_THEN_NUMBER = Pattern.compile(
            "[ \\t]+(?i:apt|apartment|suite|ste|unit|flat|room)\\.?[ \\t]*\\d");
    /** How far back a rule reads for a line's start: an address block's lines are shorter, and it keeps work linear. */
    private static final int LINE_LOOK_BACK = 160;
    /** A word of a name: letters and marks, with apostrophes and hyphens inside ("O'Neil", "Anne-Lotte"). */
    private static final String WORD = "\\p{L}[\\p{L}\\p{M}'’\\-]*";
    /** Two to nine single words: "A and B", "A, B and C", "a, b, c, d or e". */
    private static final Pattern NAME_LIST = Pattern.compile("(?<![\\p{L}\\p{M}])" + WORD + "(?:,[ \\t]+" + WORD
            + "){0,7},?[ \\t]+(?:and|or)[ \\t]+" + WORD + "(?![\\p{L}\\p{M}])");
    private static final Pattern LIST_ITEM = Pattern.compile(WORD);
    /**
     * Three surnames, "Hawkins, Richardson and Santana": the usual name of a law, accounting or consulting firm. A
     * list introduced by a colon ("our founders: Kónya, Becker and Vasquez") or holding a given name ("Alice, Bob and
     * Carol") is people.
     */
    private static final Pattern FIRM_OF_PARTNERS = Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}])(?<!,[ \\t]?)(" + WORD
            + "),[ \\t]+(" + WORD + ")[ \\t]+(?:and|&)[ \\t]+(" + WORD + ")(?![\\p{L}\\p{M}\\p{N}]|,[ \\t]*\\p{L})");
    /** The words that end a family business's name after "and" or "&". */
    private static final List<String> FAMILY_FIRM_ENDINGS = List.of("Sons", "Daughters", "Brothers", "Bros", "Co",
            "Company");
    /**
     * A family business, "Thomas and Sons", "Baker & Co.": the name before "and Sons" names the firm, not a person.
     */
    private static final Pattern FAMILY_FIRM = Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}])" + WORD
            + "[ \\t]+(?:and|&)[ \\t]+(?:" + String.join("|", FAMILY_FIRM_ENDINGS) + ")(?![\\p{L}\\p{M}\\p{N}])");

    /**
     * A speaker label: one capitalised word opening a line, then a colon and the words spoken, which open with a letter
     * or a quote ("Mobile: 0688 843 79" is a contact line, not speech).
     */
    private static final Pattern SPEAKER = Pattern.compile(
            "^[ \\t>]*(\\p{Lu}[\\p{L}\\p{M}'’\\-]+)[ \\t]*:[ \\t]*[\\p{L}\"“'‘]", Pattern.MULTILINE);
    /** Lower-case words of three letters or more inside a name: "van Gijn", "ter Horst", "bin Salman". */
    private static final Set<String> LOWER_CASE_NAME_PARTS = Set.of("van", "von", "der", "den", "ter", "ten", "del",
            "della", "dos", "das", "bin", "ibn", "zur", "zum", "les", "des", "dei", "degli");
    /** Street words that make the name before them a street's ("Isaac Lodge Street"), not a person's. */
    private static final Set<String> STREET_AFTER_NAME = Set.of("street", "road", "avenue", "lane", "boulevard",
            "drive", "bridge");
    /** The "n't" of a contraction: "Don't", "Won't". */
    private static final Pattern CONTRACTION_AFTER = Pattern.compile("['’]t(?![\\p{L}])");
    /** The preposition, or verb of travel and preposition, that puts a place, not a person, after it. */
    private static final Pattern PLACE_BEFORE = Pattern.compile("(?<![\\p{L}\\p{N}])(?:[Ii]n|(?:[Ff]lew|[Ff]lown|"
            + "[Tt]ravell?ed|[Mm]oved|[Dd]rove|[Aa]rrived|[Rr]eturned)(?:[ \\t]+here)?[ \\t]+(?:to|from|at|in)|"
            + "[Uu]niversity[ \\t]+of)[ \\t]+$");
    /**
     * What puts a condition, not a person, after it: "What are the symptoms of Dysphagia?", "diagnosed with Tinea".
     * Only a one-word span counts, so "the treatment of Ann Lee" keeps its name.
     */
    private static final Pattern CONDITION_BEFORE = Pattern.compile("(?<![\\p{L}])(?i:(?:symptoms?|signs?|causes?|"
            + "treatments?|cures?|complications?|prognosis|diagnosis)[ \\t]+(?:of|for)|diagnosed[ \\t]+with|"
            + "suffer(?:s|ing)?[ \\t]+from)[ \\t]+$");
    /**
     * A house number (not a year) or a street word, then a comma, closing the text before a span: the span is the town
     * of an address ("Harjukuja 54, Seinäjoki", "3968 Bay Street, Toronto").
     */
    private static final Pattern STREET_THEN_COMMA = Pattern.compile("(?:(?<![\\p{L}\\p{N}])(?!(?:19|20)\\d\\d(?!\\d))"
            + "\\d{1,5}[A-Za-z]?\\.?|(?<![\\p{L}])(?:[Ss]treet|St|[Rr]oad|Rd|[Aa]venue|Ave|[Ll]ane|[Dd]rive|[Bb]oulevard|"
            + "[Pp]lace|[Ss]quare|[Tt]errace|[Cc]lose|[Cc]rescent)\\.?)[ \\t]*,[ \\t]*$");
    /**
     * What a sentence says of an organisation right after its name: "Telenav is a design agency based in...", "X is an
     * American multinational investment bank", "X is a 501(c)3 that...".
     */
    private static final Pattern ORGANISATION_PREDICATE = Pattern.compile("[ \\t]+(?:is|was)[ \\t]+(?:a|an|the)[ \\t]+"
            + "(?:[\\p{L}\\-]+[ \\t]+){0,4}?(?:agency|bank|company|firm|startup|start-up|nonprofit|non-profit|"
            + "501\\(c\\)\\(?3\\)?|organi[sz]ation|corporation|conglomerate|multinational|manufacturer|retailer|"
            + "charity|publisher|brainchild|provider|subsidiary)"
            // and the noun ends the phrase: "Ann is a bank teller" and "a firm believer" are people
            + "(?:(?=[ \\t]*(?:[^\\p{L} \\t]|$))|(?=[ \\t]+(?:based|that|which|in|with|headquartered|founded|from|for|"
            + "of|and|whose|where|owned|run|serving|located|offering|providing)(?![\\p{L}])))",
            Pattern.CASE_INSENSITIVE);
    /**
     * What shows the words before it to be an organisation's name: "Sanofi and its Affiliates", "Glamis, its
     * successors", "Corio itself", "Pey Dirt, Inc.".
     */
    private static final Pattern ORGANISATION_AFTER = Pattern.compile("(?:[ \\t]*,?[ \\t]+(?:and|or)[ \\t]+(?:(?:any|"
            + "each|all|one)[ \\t]+of[ \\t]+)?|[ \\t]*,[ \\t]+)its(?![\\p{L}])|[ \\t]+itself(?![\\p{L}])"
            + "|[ \\t]*,?[ \\t]+(?:" + legalForms() + "|S\\.A|N\\.V)(?![\\p{L}])");
    /** One to three capitalised words closing the region: the name an {@link #ORGANISATION_AFTER} cue follows. */
    private static final Pattern NAME_BEFORE_CUE = Pattern.compile("(?<![\\p{L}\\p{M}])\\p{Lu}[\\p{L}\\p{M}'’\\-]*"
            + "(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}'’\\-]*){0,2}$");
    /** In lower-case text, where no capital marks a name's first word: the one word before the cue. */
    private static final Pattern WORD_BEFORE_CUE = Pattern.compile("(?<![\\p{L}\\p{M}])\\p{L}[\\p{L}\\p{M}'’\\-]*$");
    /** A list item's number in lower-case Roman numerals: "( vii )", "iv)". */
    private static final Pattern ROMAN_NUMERAL = Pattern.compile("x{0,3}(?:ix|iv|v?i{0,3})");
    /**
     * A disease or procedure named after its describer or a place follows the name: "Hashimoto thyroiditis", "Crohn's
     * disease", "Bell's palsy", "Whipple procedure", "Lassa fever", "Zika virus". The name is then a medical term, not
     * a person in the text. ("Sign", "test" and "score" stay out: "have Ann Lee sign here".)
     */
    private static final Pattern EPONYM_AFTER = Pattern.compile("(?:['’]s)?[ \\t]+(?:disease|syndrome|palsy|"
            + "criteria|maneuver|manoeuvre|procedure|reflex|phenomenon|tumou?r|ulcer|fracture|hernia|contracture|"
            + "fever|virus|"
            // the endings cover "lymphoma", "sarcoma", "anaemia"
            + "diverticulum|\\p{L}+(?:itis|osis|oma|emia|pathy|plasty|ectomy|otomy))(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE);
    /** Work for an employer: "I work for Socrata", "I used to work for Deloitte as a midwife". */
    private static final Pattern EMPLOYER_BEFORE = Pattern.compile("(?<![\\p{L}])(?:work|works|worked|working)[ \\t]+"
            + "(?:for|at)[ \\t]+$", Pattern.CASE_INSENSITIVE);
    /** Words either side of a span that may complete a country's name ("Saint Kitts and Nevis"). */
    private static final int COUNTRY_CONTEXT_WORDS = 3;
    /** How far before a span {@link #PLACE_BEFORE}, {@link #STREET_THEN_COMMA} and {@link #CONDITION_BEFORE} look. */
    private static final int PLACE_CUE_LENGTH = 24;
    /** A greeting and the name it addresses, closed by punctuation or the line's end: "Hi Christin," "Dear Ann Lee:". */
    private static final Pattern GREETED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:Hi|Hello|Hey|Dear|Thanks|Thank you)[ \\t]+"
                    + "(\\p{Lu}[\\p{L}\\p{M}'’\\-]+(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}'’\\-]+)?)(?=[ \\t]*(?:[,!:;]|$))",
            Pattern.MULTILINE);
    /**
     * A letter's or a message's sign-off and the name under it or after its comma, closing the line: "Thanks, Will",
     * "Kind regards,\nTomasz Wierzbin".
     */
    private static final Pattern SIGNED_OFF = Pattern.compile("(?<![\\p{L}])(?:Thanks|Thank you|(?:Best |Kind |Warm )?"
            + "[Rr]egards|Best wishes|Best|Cheers|(?:Yours )?[Ss]incerely|Yours truly|Respectfully)[ \\t]*,[ \\t]*"
            + "(?:\\r?\\n[ \\t]*)?(\\p{Lu}[\\p{L}\\p{M}'’\\-]+(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}'’\\-]+)?)"
            + "[ \\t]*(?=\\r?\\n|$)",
            Pattern.MULTILINE);
    /**
     * A form field whose value, the rest of its line, is a name: "Name: Toshimi Arata", "Patient: ann lee", "Name:
     * SMITH, John" (surname first).
     */
    private static final Pattern NAME_FIELD = Pattern.compile(
            "^[ \\t>]*(?:Name|Full name|Patient|Client|Customer|Contact|Attn|Attention)[ \\t]*:[ \\t]*"
                    + "(" + WORD + "\\.?,?(?:[ \\t]+" + WORD + "\\.?){0,3})[ \\t]*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    /** The one or two capitalised words after a verb of speech, closing a clause: "..., says Joly." */
    private static final Pattern ATTRIBUTED = Pattern.compile("(?<![\\p{L}])(?:says|said|asks|asked|adds|added|"
            + "explains|explained|recalls|recalled|replies|replied|writes|wrote)[ \\t]+"
            + "(\\p{Lu}[\\p{L}\\p{M}'’\\-]+(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}'’\\-]+)?)(?=[ \\t]*(?:[.,!?;:]|$))",
            Pattern.MULTILINE);
    /**
     * A name stated, closing its clause or before "and": "What's your last name? Boyle", "Her maiden name is Key.",
     * "my name is vitoria", "people call me višeslav", "my name is Will and I rent a flat".
     */
    private static final Pattern NAME_STATED = Pattern.compile("(?<![\\p{L}])(?:(?:(?:first|last|maiden|middle|given|"
            + "family|full)[ \\t]+name|surname)(?:[ \\t]+is|[ \\t]*[?:])|my[ \\t]+name[ \\t]+is|calls?[ \\t]+me)[ \\t]+("
            + WORD + "(?:[ \\t]+" + WORD + ")?)(?=[ \\t]*(?:[.,!?;]|$)|[ \\t]+and[ \\t])",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    /**
     * A name after a relation of the writer's or another's: "my brother Raj", "her husband, Tom Berg", "our landlord
     * Mr Okafor" (the title is the title rule's). The relation is in lower case: "your Therapist Mode Output" names a
     * mode.
     */
    private static final Pattern RELATIVE_NAMED = Pattern.compile("(?<![\\p{L}])(?i:my|our|his|her|their|your)[ \\t]+"
            + "(?:wife|husband|partner|spouse|son|daughter|brother|sister|mother|father|mom|mum|dad|child|kid|friend"
            + "|boyfriend|girlfriend|fianc[eé]e?|cousin|uncle|aunt|nephew|niece|grandson|granddaughter|grandmother"
            + "|grandfather|grandma|grandpa|colleague|coworker|co-worker|boss|landlord|landlady|tenant|neighbou?r"
            + "|roommate|flatmate|lawyer|attorney|therapist|doctor|dentist|accountant|client|patient|employee)"
            + ",?[ \\t]+(\\p{Lu}[\\p{L}\\p{M}\\-]*(?:['’]\\p{L}{2,}[\\p{L}\\p{M}\\-]*)?"
            + "(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}\\-]*(?:['’]\\p{L}{2,}[\\p{L}\\p{M}\\-]*)?)?)(?![\\p{L}\\p{M}])");
    /** Cues whose group 1 is a name unless it is a title, a role or common words. */
    private static final List<NameCue> NAME_CUES = List.of(
            new NameCue(GREETED, List.of("Hi", "Hello", "Hey", "Dear", "Thank")),
            new NameCue(NAME_FIELD, List.of()),
            new NameCue(SIGNED_OFF, List.of("Thank", "egards", "Best", "Cheers", "incerely", "Yours", "Respectfully")),
            new NameCue(ATTRIBUTED, List.of("says", "said", "asks", "asked", "adds", "added", "explain", "recall",
                    "repl", "writes", "wrote")),
            new NameCue(NAME_STATED, List.of("name", "Name", "NAME", "call", "Call", "CALL"), true),
            new NameCue(RELATIVE_NAMED, List.of("my ", "our ", "his ", "her ", "their ", "your ", "My ", "Our ",
                    "His ", "Her ", "Their ", "Your ")));
    /** Characters that end a preceding word, so the title starts a phrase rather than closing a street name. */
    private static final Pattern STREET_BEFORE = Pattern.compile("(?:\\d|\\p{Lu}[\\p{L}]*)[ \\t]*$");

    /** After a first name: a middle initial and the surname (" I. Kreutzmann"). */
    private static final Pattern INITIAL_THEN_SURNAME = Pattern.compile(
            "[ \\t]\\p{L}\\.[ \\t]+\\p{L}[\\p{L}\\p{M}'’\\-]+");
    /** The next word on the same line, after one space. */
    private static final Pattern NEXT_WORD = Pattern.compile(" (\\p{L}[\\p{L}\\p{M}'’\\-]*\\p{L})(?![\\p{L}\\p{N}])");
    /**
     * "Will", "Bill" or "Hope" capitalised and the capitalised word after it, with no third capitalised word after
     * them.
     */
    private static final Pattern COMMON_WORD_GIVEN_NAME_THEN_WORD = Pattern.compile(
            "(?<![\\p{L}\\p{M}])(Will|Bill|Hope)[ \\t](\\p{Lu}\\p{Ll}[\\p{L}\\p{M}'’\\-]*)(?![\\p{L}\\p{M}])"
                    + "(?![ \\t]+\\p{Lu})");
    /**
     * A given name, the lower-case particles of a surname and its capitalised word: "María de la Cruz", "Pieter de
     * Vries", which the tagger, having seen "Santa Cruz" and "Costa del Sol", may take for a place.
     */
    private static final Pattern GIVEN_NAME_PARTICLES_SURNAME = Pattern.compile("(\\p{Lu}[\\p{Ll}\\p{M}]+)(?:[ \\t]+"
            + "(?:de|del|della|di|da|do|dos|das|du|la|le|van|von|der|den|ter|ten|bin|ibn|al|el)){1,3}[ \\t]+"
            + "\\p{Lu}[\\p{L}\\p{M}'’\\-]+");
    /** Abbreviations with a full stop that a name goes on after: "St. John", "Sammy Davis Jr. and Frank Sinatra". */
    private static final Set<String> NAME_ABBREVIATIONS = Set.of("jr", "st", "ste", "mt", "ft", "esq");
    /** After a middle initial: its dot and the surname (". Laidlaw"). */
    private static final Pattern SURNAME_AFTER_INITIAL = Pattern.compile("\\.[ \\t]+\\p{L}[\\p{L}\\p{M}'’\\-]+");

    /**
     * A cue pattern and the words one of which a text needs for it to match: {@code String.contains} rules most texts
     * out far faster than the regex, which keeps layer 1 inside its latency budget. No words: always try the regex.
     * {@code commonWordNames}: the cue is strong enough ("my name is") that a capitalised common word after it is a
     * name ({@link #isStatedCommonWordName}).
     */
    private record NameCue(Pattern pattern, List<String> anyOf, boolean commonWordNames) {

        NameCue(Pattern pattern, List<String> anyOf) {
            this(pattern, anyOf, false);
        }

        boolean mayMatch(String text) {
            if (anyOf.isEmpty()) {
                return true;
            }
            for (String word : anyOf) {
                if (text.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    public PersonRecognizer(PiiTagger tagger) {
        super(tagger, PiiType.PERSON, "person", 0.85);
    }


    /**
     * The name excludes the titles and roles before it: "Dr. Ann Lee" and "Producer Ann Lee" are reported as "Ann Lee".
     * It takes in a given name that is also a common word right before it ("Hope" of "Regards, Hope Jones"), which the
     * tagger leaves out.
     */
    @Override
    int trimStart(String text, int start, int end) {
        start = afterFormerAffiliation(text, start, end);
        int initials = attachedInitialsBefore(text, start);
        if (initials < start) {
            return initials;
        }
        int given = commonWordGivenNameBefore(text, start);
        if (given < start) {
            return given;
        }
        for (int words = 0; words < 2; words++) {
            int wordEnd = start;
            while (wordEnd < end && Character.isLetter(text.charAt(wordEnd))) {
                wordEnd++;
            }
            if (!isTitleOrRole(text.substring(start, wordEnd))) {
                break;
            }
            int next = wordEnd < end && text.charAt(wordEnd) == '.' ? wordEnd + 1 : wordEnd;
            if (next == end || !isSpaceOrTab(text.charAt(next))) {
                break;
            }
            while (next < end && isSpaceOrTab(text.charAt(next))) {
                next++;
            }
            if (next == end) {
                break;
            }
            start = next;
        }
        return start;
    }

    /** A tagger place that is a given name and a surname with particles ("María de la Cruz") is a person. */
    @Override
    boolean isTaggedAsOther(String text, PiiTagger.Span span) {
        if (!span.entity().equals(PiiTagger.PLACE_OR_GROUP)) {
            return false;
        }
        Matcher name = GIVEN_NAME_PARTICLES_SURNAME.matcher(text).region(span.start(), span.end());
        return name.matches() && Lexicon.GIVEN_NAMES.contains(name.group(1).toLowerCase(Locale.ROOT));
    }

    /**
     * Where the initials written together before a name's initial start: "A." of "A.B. Kowalski", which the tagger
     * leaves out; else {@code start}.
     */
    private static int attachedInitialsBefore(String text, int start) {
        int at = start;
        while (at >= 2 && text.charAt(at - 1) == '.' && Character.isUpperCase(text.charAt(at - 2))
                && (at == 2 || !Character.isLetterOrDigit(text.charAt(at - 3)))) {
            at -= 2;
        }
        return at < start && start + 1 < text.length() && text.charAt(start + 1) == '.' ? at : start;
    }

    /**
     * Where "Will", "Hope" or "Bill" starts when it stands, capitalised and one space away, before a capitalised
     * span; else {@code start}.
     */
    private static int commonWordGivenNameBefore(String text, int start) {
        if (start < 2 || start >= text.length() || !Character.isUpperCase(text.charAt(start))
                || text.charAt(start - 1) != ' ') {
            return start;
        }
        int wordStart = start - 1;
        while (wordStart > 0 && Character.isLetter(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = text.substring(wordStart, start - 1);
        boolean wordBoundary = wordStart == 0 || !Character.isLetterOrDigit(text.charAt(wordStart - 1));
        return wordBoundary && !word.isEmpty() && Character.isUpperCase(word.charAt(0))
                && Lexicon.COMMON_WORD_GIVEN_NAMES.contains(word.toLowerCase(Locale.ROOT)) ? wordStart : start;
    }

    /**
     * "ex-Zombie Kastner", "ex-Beatle Paul McCartney": the word after "ex-" is the band or office the person left,
     * not part of the name, when a name follows it.
     */
    private static int afterFormerAffiliation(String text, int start, int end) {
        if (start < 3 || !text.regionMatches(true, start - 3, "ex-", 0, 3)) {
            return start;
        }
        int wordEnd = start;
        while (wordEnd < end && !isSpaceOrTab(text.charAt(wordEnd))) {
            wordEnd++;
        }
        int next = wordEnd;
        while (next < end && isSpaceOrTab(text.charAt(next))) {
            next++;
        }
        return next < end ? next : start;
    }

    /**
     * A name sits on one line, so a span that runs into the next line (into the company under it in a signature) is
     * cut there. A span that stops at a middle initial ("Abby M" of "Abby M. Laidlaw") or at a first name followed by
     * an initial ("Hanne" of "Hanne I. Kreutzmann") is extended over the initial and the surname after it.
     */
    @Override
    int adjustEnd(String text, int start, int end) {
        end = beforeSentenceEnd(text, start, withoutLowerCaseTail(text, start, end));
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int cut = i;
                while (cut > start && Character.isWhitespace(text.charAt(cut - 1))) {
                    cut--;
                }
                return cut;
            }
        }
        int limit = Math.min(text.length(), end + 64);
        boolean endsWithInitial = end - start >= 3 && Character.isLetter(text.charAt(end - 1))
                && isSpaceOrTab(text.charAt(end - 2));
        Matcher more = (endsWithInitial ? SURNAME_AFTER_INITIAL : INITIAL_THEN_SURNAME).matcher(text).region(end, limit);
        boolean oneWord = !containsSpace(text, start, end);
        if ((endsWithInitial || oneWord) && more.lookingAt()) {
            return more.end();
        }
        Matcher surname = NEXT_WORD.matcher(text).region(end, limit);
        if (oneWord && surname.lookingAt() && looksLikeSurname(text.charAt(start), surname.group(1))) {
            return surname.end();
        }
        return end;
    }

    /**
     * A name does not run over the end of a sentence: "License Grant. Licensor grants" gave "Grant. Licensor". A full
     * stop ends one after a word of two letters or more that is no title or abbreviation kept with a name ("Dr.",
     * "St.", "Jr."); after an initial ("Ann J. Lee") the name goes on.
     */
    private static int beforeSentenceEnd(String text, int start, int end) {
        for (int i = start + 1; i < end - 1; i++) {
            char c = text.charAt(i);
            if ((c != '.' && c != '!' && c != '?') || !isSpaceOrTab(text.charAt(i + 1))) {
                continue;
            }
            int wordStart = i;
            while (wordStart > start && Character.isLetter(text.charAt(wordStart - 1))) {
                wordStart--;
            }
            String word = text.substring(wordStart, i).toLowerCase(Locale.ROOT);
            if (c != '.' || word.length() >= 2 && !isTitleOrRole(word) && !NAME_ABBREVIATIONS.contains(word)) {
                return i;
            }
        }
        return end;
    }

    /**
     * A capitalised name ends with a capitalised word or an initial: lower-case words the tagger ran on into ("Inktomi
     * hereby irrevocably", "Party A deducts") are cut. A particle comes before the surname ("van Gogh"), not last;
     * and before a capitalised word the lower-case ones are inside a longer name ("Novo mesto Country Club").
     */
    private static int withoutLowerCaseTail(String text, int start, int end) {
        if (!Character.isUpperCase(text.charAt(start))) {
            return end; // lower-case text: no cue
        }
        Matcher next = NEXT_WORD.matcher(text).region(end, Math.min(text.length(), end + 64));
        if (next.lookingAt() && Character.isUpperCase(next.group(1).charAt(0))) {
            return end;
        }
        int cut = end;
        while (true) {
            int wordStart = cut;
            while (wordStart > start && !isSpaceOrTab(text.charAt(wordStart - 1))) {
                wordStart--;
            }
            if (wordStart == start || !Character.isLowerCase(text.charAt(wordStart))) {
                return cut;
            }
            cut = wordStart;
            while (cut > start && isSpaceOrTab(text.charAt(cut - 1))) {
                cut--;
            }
        }
    }

    /**
     * Whether the word after a lone first name is its surname ("Leigha" of "Leigha Mackay"): both capitalised, and
     * the word is not a common English, street, unit, company or calendar word. In lower-case text there is no such
     * cue, so no extension.
     */
    private static boolean looksLikeSurname(char firstNameInitial, String word) {
        if (!Character.isUpperCase(firstNameInitial) || !Character.isUpperCase(word.charAt(0))
                || word.chars().allMatch(Character::isUpperCase)) {
            return false; // lower case, or an acronym or a line in capitals (a city in an address block)
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (Lexicon.STREET_TYPES.contains(lower) || Lexicon.UNIT_WORDS.contains(lower)
                || Lexicon.MONTHS_AND_DAYS.contains(lower) || Lexicon.TITLES.contains(lower)
                || Lexicon.COMPANY_WORDS.contains(lower) || Lexicon.NAME_PARTICLES.contains(lower)) {
            return false;
        }
        return !Lexicon.COMMON_WORDS.contains(lower) || Lexicon.SURNAMES.contains(lower);
    }

    private static boolean isTitleOrRole(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return Lexicon.TITLES.contains(lower) || Lexicon.ROLES.contains(lower);
    }

    /**
     * Not a common or ordinary English word ("Devil", {@link Lexicon#ENGLISH_VOCABULARY}), a document's defined term
     * ("Distributor", "Exhibit"), a company word ("Limited") or a chat or foreign function word ("Lol", "Ich",
     * {@link Lexicon#NOT_NAMES}), or also a known given name or surname ("Holder"), or capitalised one of the given
     * names that are common words ("Will", {@link Lexicon#COMMON_WORD_GIVEN_NAMES}).
     */
    private static boolean couldBeName(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return !Lexicon.COMMON_WORDS.contains(lower) && !isListedNonName(lower)
                || Lexicon.GIVEN_NAMES.contains(lower) || Lexicon.SURNAMES.contains(lower)
                || Character.isUpperCase(word.charAt(0)) && Lexicon.COMMON_WORD_GIVEN_NAMES.contains(lower);
    }

    /** A lower-case word on the lists beyond the common words that rule a name out: vocabulary, terms, chat words. */
    private static boolean isListedNonName(String lower) {
        return Lexicon.ENGLISH_VOCABULARY.contains(lower) || Lexicon.DOCUMENT_TERMS.contains(lower)
                || Lexicon.COMPANY_WORDS.contains(lower) || Lexicon.NOT_NAMES.contains(lower);
    }

    /**
     * A product's or company's word, not a name's: an acronym in the plural ("OEMs", "URLs"), capitals next to each
     * other inside mixed case ("VoIP", "CDx", "iPhone"), or a capital after three lower-case letters ("CytoDyn",
     * "MediWound", "LeadersOnline"). Names put a capital after a short prefix only: "McDowell", "MacArthur",
     * "LeBlanc", "DeShawn", and "FitzGerald".
     */
    static boolean isProductWord(String word) {
        int n = word.length();
        if (n >= 3 && word.charAt(n - 1) == 's' && word.chars().limit(n - 1).allMatch(Character::isUpperCase)) {
            return true; // "OEMs"
        }
        int lowerRun = 0;
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            if (Character.isLowerCase(c)) {
                lowerRun++;
                continue;
            }
            boolean upper = Character.isUpperCase(c);
            boolean nextUpper = i + 1 < n && Character.isUpperCase(word.charAt(i + 1));
            boolean nextLower = i + 1 < n && Character.isLowerCase(word.charAt(i + 1));
            if (upper && lowerRun > 0 && (lowerRun == i || nextUpper
                    || lowerRun >= 3 && !word.regionMatches(true, i - 4, "fitz", 0, 4))) {
                return true; // "iPhone", "VoIP", "CytoDyn"
            }
            if (upper && nextLower && i > 0 && Character.isUpperCase(word.charAt(i - 1)) && i + 2 == n) {
                return true; // "CDx"
            }
            lowerRun = 0;
        }
        return false;
    }

    private static boolean containsSpace(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * A name has a letter, and at least one word that is not a common English word (or is also a known name): the
     * tagger sometimes takes a capitalised sentence start such as "He" or "Please" for a name. It holds no digit
     * ("EUR42m"), and no product word, drug or disease ("VoIP", "Omeprazole", "Malaria").
     */
    @Override
    boolean plausible(String value) {
        if (AddressShapes.containsDigit(value, 0, value.length())) {
            return false; // "EUR42m", "EUR2 .1 m": an amount; no name in the training data holds a digit
        }
        boolean name = false;
        for (String word : WORDS.split(value)) {
            if (isProductWord(word) || Lexicon.isDrugName(word) || Lexicon.isMedicalTerm(word)) {
                return false;
            }
            // an initial alone is no evidence ("U.S.", "Exhibit D", "Party A"), nor a list item's number ("vii")
            name |= word.length() > 1 && couldBeName(word) && !ROMAN_NUMERAL.matcher(word).matches();
        }
        return name;
    }

    /**
     * A name right after "in" is a place ("I am in Rohod", "grew up in Shelly Park"): no name in the training data
     * follows it; so is one after a verb of travel ("flew to Loeches") or after a street and a comma ("Harjukuja 54,
     * Seinäjoki"). A word before a company or street word names a company or a place. "Don" of "Don't" is a verb. In
     * text that uses capitals, a name is capitalised: the tagger learned lower-case names from lower-case texts and
     * otherwise takes plain nouns ("antelope, camels") for them. Elsewhere as {@link #plausible(String)}.
     */
    @Override
    boolean plausible(String text, int start, int end) {
        String value = text.substring(start, end);
        if (namesAPlaceOrCompany(text, start, end) || namesACountry(text, start, end)
                || namesAnOrganisation(text, start, end) || holdsLegalForm(value) || namesAKnownCompanyOrPlace(value)
                || EAST_ASIAN_NOT_NAMES.contains(value)
                || EPONYM_AFTER.matcher(text).region(end, Math.min(text.length(), end + 40)).lookingAt()) {
            return false;
        }
        Matcher place = PLACE_BEFORE.matcher(text).region(Math.max(0, start - PLACE_CUE_LENGTH), start)
                .useTransparentBounds(true);
        Matcher street = STREET_THEN_COMMA.matcher(text).region(Math.max(0, start - PLACE_CUE_LENGTH), start)
                .useTransparentBounds(true);
        Matcher contraction = CONTRACTION_AFTER.matcher(text).region(end, Math.min(text.length(), end + 3));
        if (place.find() || street.find() || contraction.lookingAt()) {
            return false;
        }
        Matcher condition = CONDITION_BEFORE.matcher(text).region(Math.max(0, start - PLACE_CUE_LENGTH), start)
                .useTransparentBounds(true);
        if (!containsSpace(text, start, end) && condition.find()) {
            return false;
        }
        boolean capitals = hasUpperCase(text, start, end);
        return (capitals || !casedAround(text, start, end)) && !(capitals && holdsPlainWord(text, start, end))
                && plausible(value);
    }

    /**
     * A capitalised span with a lower-case word of three letters or more that is no name particle inside ("Ich gebe
     * Befehle ein und Sie"): a sentence the tagger ran over, not a name. "Dyan van Gijn" and "Willemine ten Pas" are
     * how the training data writes names with lower-case words.
     */
    private static boolean holdsPlainWord(String text, int start, int end) {
        for (String word : SPACES_AND_PUNCTUATION.split(text.substring(start, end))) {
            if (word.length() >= 3 && Character.isLowerCase(word.charAt(0))
                    && !LOWER_CASE_NAME_PARTS.contains(word)) {
                return true;
            }
            // after a hyphen, a lower-case syllable is a name's ("Kim Min-jun", "Ji-seong"), a longer run a word's
            // ("Ann-ouncem-e")
            String[] parts = word.split("-");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].length() > MAX_NAME_SYLLABLE && Character.isLowerCase(parts[i].charAt(0))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * "Symcat Orchestra", "Rivet Software", "Isaac Lodge Street", "Upton Scudamore Country Club": a company or
     * institution word, or a street word, right after the span makes it the name of a place or a company. Words of two
     * letters ("St", "Co", "AS") say too little, and a span's own last word is left alone, so "Charlotte Church" stays
     * a person.
     */
    private static boolean namesAPlaceOrCompany(String text, int start, int end) {
        Matcher next = NEXT_WORD.matcher(text).region(end, Math.min(text.length(), end + 64));
        if (!next.lookingAt()) {
            return false;
        }
        String word = next.group(1);
        if (word.equalsIgnoreCase("country")) {
            Matcher club = NEXT_WORD.matcher(text).region(next.end(), Math.min(text.length(), next.end() + 64));
            return club.lookingAt() && club.group(1).equalsIgnoreCase("club");
        }
        return isPlaceOrCompanyWord(word) || STREET_AFTER_NAME.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * "Nokia", "Stora Enso", "Helsinki", "CapMan Russia", "Nokia's": a span that is, or opens with, the name of a
     * well-known company or place ({@link Lexicon#KNOWN_COMPANIES}, {@link Lexicon#KNOWN_PLACES}) names that company
     * or place. Not when the one word is also a name the name lists know, nor before a given name: "Victoria Beckham"
     * stays a person.
     */
    static boolean namesAKnownCompanyOrPlace(String value) {
        String[] words = WORDS.split(value.toLowerCase(Locale.ROOT).strip());
        int first = words.length > 0 && words[0].isEmpty() ? 1 : 0;
        StringBuilder name = new StringBuilder();
        boolean known = false;
        int knownEnd = first;
        for (int i = first; i < words.length && i - first < Lexicon.MAX_KNOWN_NAME_WORDS; i++) {
            name.append(i > first ? " " : "").append(words[i]);
            String candidate = name.toString();
            if (Lexicon.KNOWN_COMPANIES.contains(candidate) || Lexicon.KNOWN_PLACES.contains(candidate)) {
                known = true;
                knownEnd = i + 1;
            }
        }
        if (!known) {
            return false;
        }
        if (knownEnd - first == 1 && (Lexicon.GIVEN_NAMES.contains(words[first])
                || Lexicon.SURNAMES.contains(words[first]))) {
            return false;
        }
        return knownEnd == words.length || !Lexicon.GIVEN_NAMES.contains(words[knownEnd]);
    }

    /**
     * "Estonia was super fun to visit!", "South Africa": a span whose words, with at most {@link #COUNTRY_CONTEXT_WORDS}
     * neighbours on either side, make a country's or a world region's name ("Africa") is that place. A country that is
     * also a given name ("Chad", "Jordan") is left to the tagger, which sees the context.
     */
    private static boolean namesACountry(String text, int start, int end) {
        if (end - start == 1 || Lexicon.GIVEN_NAMES.contains(text.substring(start, end).toLowerCase(Locale.ROOT))) {
            return false;
        }
        int[] starts = new int[COUNTRY_CONTEXT_WORDS + 1];
        int[] ends = new int[COUNTRY_CONTEXT_WORDS + 1];
        starts[0] = wordStart(text, start);
        ends[0] = end;
        int before = 0;
        while (before < COUNTRY_CONTEXT_WORDS && starts[before] >= 2 && text.charAt(starts[before] - 1) == ' '
                && Character.isLetter(text.charAt(starts[before] - 2))) {
            int s = wordStart(text, starts[before] - 1);
            starts[++before] = s;
        }
        int after = 0;
        while (after < COUNTRY_CONTEXT_WORDS && ends[after] + 1 < text.length() && text.charAt(ends[after]) == ' '
                && Character.isLetter(text.charAt(ends[after] + 1))) {
            int e = wordEnd(text, ends[after] + 1);
            ends[++after] = e;
        }
        for (int b = 0; b <= before; b++) {
            for (int a = 0; a <= after; a++) {
                String words = text.substring(starts[b], ends[a]).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
                if (Lexicon.COUNTRIES.contains(words) || Lexicon.WORLD_REGIONS.contains(words)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Where the word holding {@code index} starts, an apostrophe between letters inside it: "Côte d'Ivoire" is one
     * country, and the tagger's "Ivoire" starts at "d'".
     */
    private static int wordStart(String text, int index) {
        int s = index;
        while (s > 0 && (Character.isLetter(text.charAt(s - 1)) || s >= 2 && isApostrophe(text.charAt(s - 1))
                && Character.isLetter(text.charAt(s - 2)))) {
            s--;
        }
        return s;
    }

    /** Where the word starting at {@code index} ends, an apostrophe between letters inside it ({@link #wordStart}). */
    private static int wordEnd(String text, int index) {
        int e = index;
        while (e < text.length() && (Character.isLetter(text.charAt(e)) || isApostrophe(text.charAt(e))
                && e + 1 < text.length() && Character.isLetter(text.charAt(e + 1)))) {
            e++;
        }
        return e;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    /**
     * A span that a sentence describes as an organisation ({@link #ORGANISATION_PREDICATE}), or an employer after
     * "work for" ({@link #EMPLOYER_BEFORE}) none of whose words is a given name: "I work for Ann Lee" is a person.
     */
    private static boolean namesAnOrganisation(String text, int start, int end) {
        if (ORGANISATION_PREDICATE.matcher(text).region(end, Math.min(text.length(), end + 96)).lookingAt()) {
            return true;
        }
        if (!EMPLOYER_BEFORE.matcher(text).region(Math.max(0, start - PLACE_CUE_LENGTH), start)
                .useTransparentBounds(true).find()) {
            return false;
        }
        for (String word : WORDS.split(text.substring(start, end).toLowerCase(Locale.ROOT))) {
            if (Lexicon.GIVEN_NAMES.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link Lexicon#LEGAL_FORMS} as a regex alternation: three letters or more in any case, "AG" in capitals, "Oy" as
     * Finnish writes it.
     */
    private static String legalForms() {
        List<String> forms = new ArrayList<>();
        for (String form : Lexicon.LEGAL_FORMS) {
            forms.add(form.length() > 2 ? "(?i:" + form + ")" : form.toUpperCase(Locale.ROOT));
        }
        forms.addAll(Lexicon.CAPITALISED_LEGAL_FORMS);
        forms.sort(Comparator.comparingInt(String::length).reversed()); // longest first: "Corporation" before "Corp"
        return String.join("|", forms);
    }

    /**
     * A name holding a company's legal form: "Stora Enso Oyj", "Acme Holdings Ltd", and "Oy Telpak", since Finnish
     * puts "Oy" first as often as last. Other forms open a name too rarely to outweigh initials ("AB de Villiers").
     */
    private static boolean holdsLegalForm(String value) {
        String[] words = WORDS.split(value);
        if (words.length > 1 && Lexicon.CAPITALISED_LEGAL_FORMS.contains(words[0])) {
            return true;
        }
        for (int i = 1; i < words.length; i++) {
            if (Lexicon.isLegalForm(words[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPlaceOrCompanyWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.length() > 2 && Lexicon.COMPANY_WORDS.contains(lower);
    }

    /** The names the tagger's findings imply: the rest of a list, the other speakers, other mentions of a full name. */
    @Override
    void completed(String text, List<PiiFinding> found) {
        if (found.isEmpty()) {
            return;
        }
        completeSurnameFirstFields(text, found);
        completeLists(text, found);
        completeSpeakers(text, found);
        completeMentions(text, found);
        completeEastAsianNames(text, found);
    }

    /**
     * "Name: SMITH, John": the tagger finds the given name after the comma, and the surname before it would stay in
     * the redacted text. A name field's value written surname first is one name, whatever part the tagger found.
     */
    private void completeSurnameFirstFields(String text, List<PiiFinding> found) {
        if (text.indexOf(',') < 0 || text.indexOf(':') < 0) {
            return;
        }
        Matcher field = NAME_FIELD.matcher(text);
        while (field.find()) {
            int start = field.start(1);
            int end = field.end(1);
            if (text.indexOf(',', start) >= end || !cuedName(field.group(1))) {
                continue;
            }
            boolean touched = found.removeIf(f -> f.start() < end && f.end() > start);
            if (touched) {
                found.add(new PiiFinding(PiiType.PERSON, start, end, 0.8, name()));
            }
        }
    }

    private static boolean startsCapitalisedWord(String text, int i) {
        return Character.isUpperCase(text.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
    }

    /**
     * The family name written first that the tagger left out ("Li" of "Li Wei"), and the given name after a Vietnamese
     * middle name ("An" of "Nguyen Van An").
     */
    private static void completeEastAsianNames(String text, List<PiiFinding> found) {
        BitSet covered = coverage(text, found);
        for (int i = 0; i < found.size(); i++) {
            PiiFinding f = found.get(i);
            int start = f.start();
            int end = f.end();
            Matcher before = WORD_BEFORE.matcher(text).region(Math.max(0, start - 8), start)
                    .useTransparentBounds(true);
            if (before.find() && EAST_ASIAN_SURNAMES.contains(before.group(1)) && !covered.get(before.start(1))) {
                start = before.start(1);
            }
            String[] words = text.substring(start, end).split(" ");
            Matcher next = NEXT_WORD.matcher(text).region(end, Math.min(text.length(), end + 32));
            if (words.length >= 2 && EAST_ASIAN_SURNAMES.contains(words[0])
                    && VIETNAMESE_MIDDLE_NAMES.contains(words[words.length - 1]) && next.lookingAt()
                    && Character.isUpperCase(next.group(1).charAt(0)) && !covered.get(next.start(1))) {
                end = next.end(1);
            }
            if (start != f.start() || end != f.end()) {
                found.set(i, f.shifted(start, end));
                covered.set(start, end);
            }
        }
    }

    /**
     * In a transcript ("Nicole: Remember me?\nJohn: You saved my life!"), where the tagger took one speaker label for
     * a name, the other one-word labels are names too, unless they are common words ("Note:", "When:").
     */
    private void completeSpeakers(String text, List<PiiFinding> found) {
        Matcher m = SPEAKER.matcher(text);
        List<int[]> labels = new ArrayList<>();
        while (m.find()) {
            labels.add(new int[] {m.start(1), m.end(1)});
        }
        if (labels.size() < 2) {
            return;
        }
        BitSet covered = coverage(text, found);
        boolean anyFound = labels.stream().anyMatch(l -> covered.nextClearBit(l[0]) >= l[1]);
        if (!anyFound) {
            return;
        }
        for (int[] l : labels) {
            int next = covered.nextSetBit(l[0]);
            if ((next < 0 || next >= l[1]) && couldBeName(text.substring(l[0], l[1]))) {
                found.add(new PiiFinding(PiiType.PERSON, l[0], l[1], 0.7, name()));
                covered.set(l[0], l[1]);
            }
        }
    }

    /**
     * A text that names "Faina D. Yefremova" and later says "early Yefremova" means the same person: every other
     * mention of a word of a found full name is a name too (the usual document-level consistency of entity taggers).
     * Only words of three letters or more that are not common words, defined terms or company words, so "Van", "Will"
     * or "Limited" is not spread, and in text that uses capitals only capitalised ones.
     */
    private void completeMentions(String text, List<PiiFinding> found) {
        boolean lowerCaseText = !hasUpperCase(text, 0, text.length()); // names are not capitalised there either
        Set<String> fullNames = new LinkedHashSet<>();
        Set<String> words = new LinkedHashSet<>();
        for (PiiFinding f : found) {
            String[] parts = WORDS.split(text.substring(f.start(), f.end()));
            if (parts.length < 2) {
                continue; // a lone word may be a misread; a full name is evidence enough
            }
            fullNames.add(text.substring(f.start(), f.end()));
            for (String w : parts) {
                String lower = w.toLowerCase(Locale.ROOT);
                if (w.length() >= 3 && (Character.isUpperCase(w.charAt(0)) || lowerCaseText)
                        && !Lexicon.COMMON_WORDS.contains(lower) && !Lexicon.NAME_PARTICLES.contains(lower)
                        && !Lexicon.NOT_NAMES.contains(lower)
                        && !Lexicon.DOCUMENT_TERMS.contains(lower) && !Lexicon.COMPANY_WORDS.contains(lower)) {
                    words.add(w);
                }
            }
        }
        if (words.isEmpty()) {
            return;
        }
        BitSet covered = coverage(text, found);
        // The full name again is one mention of it, not one per word.
        for (String name : fullNames) {
            addUncoveredMentions(text, name, found, covered);
        }
        for (String w : words) {
            addUncoveredMentions(text, w, found, covered);
        }
    }

    /** Adds every whole-word occurrence of {@code mention} that no finding covers yet. */
    private void addUncoveredMentions(String text, String mention, List<PiiFinding> found, BitSet covered) {
        for (int at = text.indexOf(mention); at >= 0; at = text.indexOf(mention, at + 1)) {
            int end = at + mention.length();
            boolean whole = !isNamePart(text, at - 1) && !isNamePart(text, end);
            int next = covered.nextSetBit(at);
            if (whole && (next < 0 || next >= end)) {
                found.add(new PiiFinding(PiiType.PERSON, at, end, 0.7, name()));
                covered.set(at, end);
            }
        }
    }

    private static boolean isNamePart(String text, int i) {
        return i >= 0 && i < text.length() && Tokens.isWordChar(text.charAt(i));
    }

    /**
     * In a list of single words ("Efimiya, Mary, Ariana and Jodi"), one of which the tagger took for a name, the other
     * words are names too, unless one of them is a common word ("Hobbits, satanic felines and ..."). An added word
     * must pass the checks a tagger span does, so "sales in India and Africa" adds no place to a name found beside
     * it.
     */
    private void completeLists(String text, List<PiiFinding> found) {
        BitSet covered = coverage(text, found);
        Matcher list = NAME_LIST.matcher(text);
        while (list.find()) {
            List<int[]> items = new ArrayList<>();
            Matcher word = LIST_ITEM.matcher(text).region(list.start(), list.end());
            boolean names = true;
            boolean anyFound = false;
            boolean capitalised = Character.isUpperCase(text.charAt(list.start()));
            while (word.find() && names) {
                String w = word.group();
                if (w.equalsIgnoreCase("and") || w.equalsIgnoreCase("or")) {
                    continue;
                }
                names = Character.isUpperCase(w.charAt(0)) == capitalised && couldBeName(w);
                int clear = covered.nextClearBit(word.start());
                anyFound |= clear >= word.end();
                items.add(new int[] {word.start(), word.end()});
            }
            if (!names || !anyFound) {
                continue;
            }
            for (int[] item : items) {
                int next = covered.nextSetBit(item[0]);
                if ((next < 0 || next >= item[1]) && plausible(text, item[0], item[1])) {
                    found.add(new PiiFinding(PiiType.PERSON, item[0], item[1], 0.7, name()));
                    covered.set(item[0], item[1]);
                }
            }
        }
    }

    /** No person inside a firm named after its partners or family ({@link #FIRM_OF_PARTNERS}, {@link #FAMILY_FIRM}). */
    @Override
    void ruledOut(String text, List<PiiFinding> found) {
        if (found.isEmpty()) {
            return;
        }
        boolean lowerCaseText = !hasUpperCase(text, 0, text.length());
        BitSet firms = new BitSet(text.length());
        Matcher firm = FIRM_OF_PARTNERS.matcher(text);
        while (firm.find()) {
            if (!introducedByColon(text, firm.start()) && surnamesOnly(firm, lowerCaseText)) {
                firms.set(firm.start(), firm.end());
            }
        }
        if (mayNameAFamilyFirm(text)) {
            Matcher family = FAMILY_FIRM.matcher(text);
            while (family.find()) {
                firms.set(family.start(), family.end());
            }
        }
        removeTouching(found, firms);
        removeOrganisations(text, found, lowerCaseText);
        BitSet streets = null;
        for (var it = found.iterator(); it.hasNext(); ) {
            PiiFinding f = it.next();
            int above = endOfLineAbove(text, f);
            if (above < 0) {
                continue;
            }
            if (streets == null) {
                streets = new BitSet(text.length());
                for (PiiTagger.Span s : tagged(text, PiiType.STREET_ADDRESS.name())) {
                    streets.set(s.start(), s.end());
                }
            }
            int aboveStart = lastIndexOf(text, '\n', Math.max(0, above - LINE_LOOK_BACK), above) + 1;
            if (streets.previousSetBit(above - 1) >= aboveStart) {
                it.remove();
            }
        }
    }

    /**
     * A name the text shows to be an organisation's ({@link #ORGANISATION_AFTER}: "Sanofi and its Affiliates", "Pey
     * Dirt, Inc.") is no person anywhere in it: every finding made only of such words goes.
     */
    private static void removeOrganisations(String text, List<PiiFinding> found, boolean lowerCaseText) {
        Set<String> organisationWords = new LinkedHashSet<>();
        Matcher cue = ORGANISATION_AFTER.matcher(text);
        Matcher name = (lowerCaseText ? WORD_BEFORE_CUE : NAME_BEFORE_CUE).matcher(text);
        while (cue.find()) {
            name.region(Math.max(0, cue.start() - 64), cue.start()).useTransparentBounds(true);
            if (name.find()) {
                for (String w : WORDS.split(name.group())) {
                    organisationWords.add(w);
                }
                for (String w : WORDS.split(cue.group())) {
                    if (Lexicon.COMPANY_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                        organisationWords.add(w); // "Limited" of "Adaptimmune Limited's"
                    }
                }
            }
        }
        if (organisationWords.isEmpty()) {
            return;
        }
        found.removeIf(f -> {
            for (String w : WORDS.split(text.substring(f.start(), f.end()))) {
                if (w.length() > 1 && !organisationWords.contains(w)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** A text without one of {@link #FAMILY_FIRM_ENDINGS} is not scanned for a family firm. */
    private static boolean mayNameAFamilyFirm(String text) {
        for (String ending : FAMILY_FIRM_ENDINGS) {
            if (text.contains(ending)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Two findings with one space between them are one name: "Esat" and "Jeknić" of "Esat Jeknić", where the tagger
     * began a name at each word. So are two with a middle initial between them, which the tagger may leave out:
     * "benjamin a seiler", "Ann J. Lee". Nothing else separates them, so no comma or line break of a list is crossed.
     */
    @Override
    void joined(String text, List<PiiFinding> found) {
        joinAdjacent(found, (a, b) -> b.start() == a.end() + 1 && isSpaceOrTab(text.charAt(a.end()))
                || isMiddleInitial(text, a.end(), b.start()));
    }

    /** text[from, to) is a space, one letter, an optional full stop and a space. */
    static boolean isMiddleInitial(String text, int from, int to) {
        int length = to - from;
        return (length == 3 || length == 4 && text.charAt(from + 2) == '.') && isSpaceOrTab(text.charAt(from))
                && Character.isLetter(text.charAt(from + 1)) && isSpaceOrTab(text.charAt(to - 1));
    }

    /**
     * In an address block the lines under the street are its town, region and country, never a person: a finding
     * that fills its line (but for quote marks such as "&gt;") is ruled out when the line above holds a street the
     * tagger found. The name of a letter's addressee sits above the street, so it stays. Returns the index of the line
     * break that ends the line above, or -1 when the finding does not fill its line or has none above.
     */
    private static int endOfLineAbove(String text, PiiFinding f) {
        int after = f.end();
        while (after < text.length() && text.charAt(after) != '\n' && isQuoting(text.charAt(after))) {
            after++;
        }
        if (after < text.length() && text.charAt(after) != '\n') {
            return -1;
        }
        int before = f.start() - 1;
        while (before >= 0 && text.charAt(before) != '\n' && isQuoting(text.charAt(before))) {
            before--;
        }
        return before > 0 && text.charAt(before) == '\n' ? before : -1;
    }

    /** Blanks and the marks that quote or bullet a line. */
    private static boolean isQuoting(char c) {
        return Character.isWhitespace(c) || "?>*-•|".indexOf(c) >= 0;
    }

    private static boolean introducedByColon(String text, int listStart) {
        int i = listStart - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i >= 0 && text.charAt(i) == ':';
    }

    private static boolean surnamesOnly(Matcher firm, boolean lowerCaseText) {
        for (int g = 1; g <= 3; g++) {
            String word = firm.group(g);
            String lower = word.toLowerCase(Locale.ROOT);
            if ((!lowerCaseText && !Character.isUpperCase(word.charAt(0))) || Lexicon.GIVEN_NAMES.contains(lower)
                    || Lexicon.COMMON_WORDS.contains(lower) && !Lexicon.SURNAMES.contains(lower)) {
                return false;
            }
        }
        return true;
    }

    @Override
    List<PiiFinding> rules(String text) {
        List<PiiFinding> out = new ArrayList<>();
        Matcher m = TITLED.matcher(text);
        while (m.find()) {
            // "1737 Cheriton Dr Reuquén Extensions": after a number or a capitalised word, "Dr" is a street type.
            int from = Math.max(0, m.start() - 40);
            int lineStart = Math.max(lastIndexOf(text, '\n', from, m.start()) + 1, from);
            int end = endBeforeUnit(text, m.start(1), m.end(1));
            if (end > m.start(1) && !STREET_BEFORE.matcher(text).region(lineStart, m.start()).find()) {
                out.add(new PiiFinding(PiiType.PERSON, m.start(1), end, 0.8, name()));
            }
        }
        for (NameCue cue : NAME_CUES) {
            if (!cue.mayMatch(text)) {
                continue;
            }
            Matcher c = cue.pattern().matcher(text);
            while (c.find()) {
                if (cuedName(c.group(1)) || cue.commonWordNames() && isStatedCommonWordName(c.group(1))) {
                    out.add(new PiiFinding(PiiType.PERSON, c.start(1), c.end(1), 0.75, name()));
                }
            }
        }
        if (text.contains("Will ") || text.contains("Bill ") || text.contains("Hope ")) {
            addCommonWordGivenNames(text, out);
        }
        EAST_ASIAN_NAME.forEachMatch(text, name -> {
            String value = name.group();
            if (EAST_ASIAN_SURNAMES.contains(value.substring(0, value.indexOf(' ')))
                    && !EAST_ASIAN_NOT_NAMES.contains(value) && plausible(text, name.start(), name.end())) {
                out.add(new PiiFinding(PiiType.PERSON, name.start(), name.end(), 0.75, name()));
            }
        });
        if (Scripts.containsHan(text)) {
            ChineseNames.addTo(text, out, name());
        }
        return out;
    }

    /**
     * Where a titled name ends when an address follows on its line: "Mrs. Barbara Yudina Apt. 675 ..." names
     * "Barbara Yudina", and the unit word before the number opens the address. "Dr. Ann Hill" keeps its surname.
     */
    private static int endBeforeUnit(String text, int start, int end) {
        Matcher unit = UNIT_THEN_NUMBER.matcher(text).region(start, Math.min(text.length(), end + 8));
        return unit.find() && unit.start() > start && unit.start() < end ? unit.start() : end;
    }

    /**
     * "Please contact Will Smith", "ask Bill Jones": inside a sentence, a capitalised "Will", "Bill" or "Hope" right
     * before a known surname, or before a word that could be a name and is no plural of an ordinary word, names a
     * person; the tagger, whose given-name feature leaves these words out, does not see one. At a sentence's start
     * "Will" asks a question ("Will Smith attend?"), and before a third capitalised word it is a title's ("Will Power
     * Cables Fail"), so neither counts.
     */
    private void addCommonWordGivenNames(String text, List<PiiFinding> out) {
        Matcher m = COMMON_WORD_GIVEN_NAME_THEN_WORD.matcher(text);
        while (m.find()) {
            String surname = m.group(2);
            String lower = surname.toLowerCase(Locale.ROOT);
            boolean pluralOfWord = lower.endsWith("s") && Lexicon.ENGLISH_VOCABULARY.contains(
                    lower.substring(0, lower.length() - 1));
            boolean surnameLike = Lexicon.SURNAMES.contains(lower) || couldBeName(surname) && !pluralOfWord;
            if (surnameLike && insideSentence(text, m.start()) && !Lexicon.MONTHS_AND_DAYS.contains(lower)
                    && plausible(text, m.start(), m.end())) {
                out.add(new PiiFinding(PiiType.PERSON, m.start(), m.end(), 0.7, name()));
            }
        }
    }

    /** Whether a word at {@code at} follows another word of its sentence on its line, not a sentence's end. */
    private static boolean insideSentence(String text, int at) {
        int i = at - 1;
        while (i >= 0 && isSpaceOrTab(text.charAt(i))) {
            i--;
        }
        return i >= 0 && i < at - 1 && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == ',');
    }

    /**
     * A cue's words name a person: plausible, no title or role first, no well-known company or place ("said Nokia"), no
     * company or calendar word ("said Monday").
     */
    private boolean cuedName(String value) {
        if (!plausible(value) || isTitleOrRole(value.split("[ \\t.]", 2)[0]) || namesAKnownCompanyOrPlace(value)) {
            return false;
        }
        for (String word : WORDS.split(value.toLowerCase(Locale.ROOT))) {
            if (Lexicon.COMPANY_WORDS.contains(word) || Lexicon.MONTHS_AND_DAYS.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A name the writer states may be a common word that names are made of too ("My name is Hope.", "call me Will"):
     * capitalised, not in capitals ("IF MY NAME IS SAID"), one word, on the common-word list. The longer lists
     * (vocabulary, defined terms, chat words) still say no, so "my name is Devil" is no person.
     */
    private static boolean isStatedCommonWordName(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return Character.isUpperCase(value.charAt(0)) && !value.equals(value.toUpperCase(Locale.ROOT))
                && Lexicon.COMMON_WORDS.contains(lower) && !isListedNonName(lower)
                && !Lexicon.MONTHS_AND_DAYS.contains(lower) && !isTitleOrRole(value);
    }
}
