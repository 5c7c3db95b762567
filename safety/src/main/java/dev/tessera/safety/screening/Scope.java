package dev.tessera.safety.screening;

/** The service domains a request can belong to, and the label each has in the scope head. */
public enum Scope {
    LEGAL("legal"),
    MEDICAL("medical"),
    FINANCE("finance"),
    OUT_OF_SCOPE("out_of_scope");

    private final String label;

    Scope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Scope ofLabel(String label) {
        for (Scope s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope label '" + label + "'");
    }
}
