package dev.tessera.safety.pii;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PRC resident identity numbers (GB 11643-1999): 6-digit region code with a valid province prefix, birth date
 * YYYYMMDD that exists and is not in the future, 3-digit sequence, ISO 7064 MOD 11-2 check character (digit or X).
 */
public final class CnResidentIdRecognizer extends RegexRecognizer {

    /**
     * Province-level prefixes of GB/T 2260, plus 71 (Taiwan), 81/82 (Hong Kong, Macao), 83 (Taiwan residence permits).
     */
    static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
            "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
            "65", "71", "81", "82", "83");

    // Boundaries are ASCII letters and digits only: Chinese text puts the number right after a Han label
    // ("身份证号11010519491231002X"), and Han characters are letters to \p{L}.
    private static final Pattern ID = Pattern.compile("(?<![A-Za-z0-9])\\d{17}[\\dXx](?![A-Za-z0-9])");

    private final Clock clock;

    public CnResidentIdRecognizer() {
        this(Clock.systemUTC());
    }

    /** @param clock decides what "in the future" means; fixed in tests */
    public CnResidentIdRecognizer(Clock clock) {
        super(PiiType.CN_RESIDENT_ID, "cn-resident-id", ID, AnchoredPattern.DIGIT);
        this.clock = clock;
    }

    @Override
    PiiFinding validate(String text, Matcher m) {
        String id = m.group();
        if (!PROVINCES.contains(id.substring(0, 2)) || !Checksums.cnResidentIdCheck(id)) {
            return null;
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            return null;
        }
        if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now(clock))) {
            return null;
        }
        return finding(m.start(), m.end(), 0.99);
    }
}
