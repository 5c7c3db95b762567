package dev.tessera.safety.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IPv4 (each octet 0-255, no leading zeros) and IPv6 (full, compressed with one {@code ::}, or IPv4-suffixed). */
public final class IpAddressRecognizer extends RegexRecognizer {

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IP = Pattern.compile(
            "(?<![\\w.:])(?:(?<v4>" + OCTET + "(?:\\." + OCTET + "){3})(?![\\w]|\\.\\d)"
                    + "|(?<v6>[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){1,5}:" + OCTET + "(?:\\." + OCTET + "){3}"
                    + "|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\\w:]|\\.\\d))");

    /**
     * Four numbers that are a software version ("Version 10.2.3.4", "build 6.1.7601.2") or a contract's provision
     * ("Section 11.1.1.4", "this Clause 13.2.3.1"), not an address.
     */
    private static final Pattern VERSION_OR_PROVISION_BEFORE = Pattern.compile("(?i)(?<![\\p{L}])(?:version|release|"
            + "build|firmware|(?:ver|v)\\.?|sections?|articles?|clauses?|paragraphs?|schedule|exhibit|annex|appendix"
            + "|§)[ \\t]?$");
    private static final int VERSION_LOOK_BACK = 12;

    public IpAddressRecognizer() {
        super(PiiType.IP_ADDRESS, "ip", IP, (text, i) -> {
            char c = text.charAt(i);
            return AnchoredPattern.isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':';
        });
    }

    @Override
    PiiFinding validate(String text, Matcher m) {
        if (m.group("v4") != null) {
            boolean numbered = VERSION_OR_PROVISION_BEFORE.matcher(text)
                    .region(Math.max(0, m.start() - VERSION_LOOK_BACK), m.start()).find();
            return numbered ? null : finding(m.start(), m.end(), 0.9);
        }
        return validIpv6(m.group("v6")) ? finding(m.start(), m.end(), 0.9) : null;
    }

    static boolean validIpv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        if (gap < 0) {
            return groups(s, true) == 8;
        }
        int head = groups(s.substring(0, gap), false);
        int tail = groups(s.substring(gap + 2), true);
        // "::" stands for at least one zero group; a bare "::" is punctuation, not an address.
        return head >= 0 && tail >= 0 && head + tail >= 1 && head + tail <= 7;
    }

    /** Number of 16-bit groups in a colon-separated run (an IPv4 tail counts two), or -1 if malformed. */
    private static int groups(String run, boolean mayEndInIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (mayEndInIpv4 && i == parts.length - 1 && p.indexOf('.') >= 0) {
                n += 2;
            } else if (p.isEmpty() || p.length() > 4 || p.indexOf('.') >= 0) {
                return -1;
            } else {
                n++;
            }
        }
        return n;
    }
}
