package dev.tessera.sdk.graph;

import java.util.regex.Pattern;

/**
 * The only values ever written into Cypher text. Labels, relationship types and variable-length bounds cannot be
 * parameters, so each is checked against a strict pattern first; anything else goes in as a parameter. The patterns
 * admit no quote, backtick, bracket, brace, space or comment marker, so a checked name cannot end the token it is
 * written into.
 */
final class CypherNames {

    static final Pattern LABEL = Pattern.compile("^[A-Z][A-Za-z0-9_]*$");
    static final Pattern RELATIONSHIP_TYPE = Pattern.compile("^[A-Z][A-Z0-9_]*$");
    static final int MAX_NAME_LENGTH = 64;
    static final int MIN_HOPS = 1;
    static final int MAX_HOPS = 3;

    private CypherNames() {
    }

    /** @throws IllegalArgumentException unless {@code label} matches {@code ^[A-Z][A-Za-z0-9_]*$} */
    static String label(String label) {
        return check(label, LABEL, "label");
    }

    /** @throws IllegalArgumentException unless {@code type} matches {@code ^[A-Z][A-Z0-9_]*$} */
    static String relationshipType(String type) {
        return check(type, RELATIONSHIP_TYPE, "relationship type");
    }

    /** @throws IllegalArgumentException unless {@code hops} is 1, 2 or 3 */
    static int hops(int hops) {
        if (hops < MIN_HOPS || hops > MAX_HOPS) {
            throw new IllegalArgumentException("hops must be " + MIN_HOPS + ".." + MAX_HOPS + ", was " + hops);
        }
        return hops;
    }

    private static String check(String name, Pattern pattern, String what) {
        if (name == null || name.length() > MAX_NAME_LENGTH || !pattern.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " " + quoted(name) + ": must match "
                    + pattern.pattern() + " and have at most " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    /** For error messages: bounded, so a hostile value cannot flood a log. */
    private static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + (value.length() > MAX_NAME_LENGTH ? value.substring(0, MAX_NAME_LENGTH) + "…" : value) + "'";
    }
}
