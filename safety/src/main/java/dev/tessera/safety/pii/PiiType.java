package dev.tessera.safety.pii;

/**
 * The kinds of personal data layer 1 recognises. The names double as the redaction placeholder
 * ({@code [EMAIL_ADDRESS]}) and the pseudonym prefix ({@code <PERSON_1>}), so they are stable API. Declared most
 * specific first: when two findings tie on everything else, the earlier type wins (an 18-digit number that is a valid
 * resident ID is reported as that, not as a credit code).
 */
public enum PiiType {
    CN_RESIDENT_ID(true),
    CN_USCC(true),
    CN_BANK_CARD(true),
    IBAN(true),
    CREDIT_CARD(true),
    US_SSN(true),
    EMAIL_ADDRESS(false),
    IP_ADDRESS(false),
    PHONE_NUMBER(true),
    /** A date that a context word (born, DOB, 出生) marks as someone's birth date. */
    DATE_OF_BIRTH(false),
    DATE_TIME(false),
    STREET_ADDRESS(false),
    PERSON(false);

    private final boolean number;

    PiiType(boolean number) {
        this.number = number;
    }

    /** True for identifiers made of digits, where masking keeps the last four so a person can still tell them apart. */
    public boolean isNumber() {
        return number;
    }
}
