package dev.tessera.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a {@code @ConfigMapping} interface declares, read from its source: service-common's ServiceConfig.
 * Reading the source keeps Quarkus and the service modules off this module's class path. It understands what
 * ServiceConfig uses (nested interfaces, default kebab-case names) and fails on anything it does not, rather than
 * return a wrong list.
 */
final class ServiceConfigSettings {

    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)\\b[^{;]*$");
    private static final Pattern METHOD = Pattern.compile("^([\\w.<>?,\\s]+?)\\s+(\\w+)\\s*\\(\\s*\\)$");
    private static final Pattern ANNOTATION = Pattern.compile("@\\w+(\\s*\\([^)]*\\))?");

    private ServiceConfigSettings() {
    }

    /** Property names, e.g. {@code tessera.audit.kafka-bootstrap}. */
    static Set<String> propertyNames(Path source) throws IOException {
        String original = Files.readString(source);
        String code = stripCommentsAndStrings(original);
        for (String unsupported : List.of("@WithName", "@WithParentName", "namingStrategy", "Map<")) {
            if (code.contains(unsupported)) {
                throw new IllegalStateException(source + " uses " + unsupported + ", which this reader does not map;"
                        + " extend ServiceConfigSettings");
            }
        }
        Matcher prefix = PREFIX.matcher(original);
        if (!prefix.find()) {
            throw new IllegalStateException("no @ConfigMapping(prefix = ...) in " + source);
        }
        Map<String, List<String[]>> methods = methodsByInterface(code);
        String root = methods.keySet().iterator().next();
        Set<String> names = new TreeSet<>();
        collect(methods, root, prefix.group(1), names);
        return names;
    }

    /** Environment variable names as MicroProfile Config maps them, e.g. {@code TESSERA_AUDIT_KAFKA_BOOTSTRAP}. */
    static Set<String> environmentNames(Path source) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String property : propertyNames(source)) {
            names.add(environmentName(property));
        }
        return names;
    }

    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void collect(Map<String, List<String[]>> methods, String iface, String prefix, Set<String> names) {
        for (String[] method : methods.get(iface)) {
            String type = method[0].replaceAll("\\s+", "");
            String name = prefix + "." + kebab(method[1]);
            if (methods.containsKey(type)) {
                collect(methods, type, name, names);
            } else if (type.matches("Optional<(\\w+)>") && methods.containsKey(type.substring(9, type.length() - 1))) {
                collect(methods, type.substring(9, type.length() - 1), name, names);
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Interface name to its abstract methods ({return type, name}), in source order, outermost first. */
    private static Map<String, List<String[]>> methodsByInterface(String code) {
        Map<String, List<String[]>> methods = new LinkedHashMap<>();
        Deque<String> open = new ArrayDeque<>(); // interface name, or "" for any other block
        StringBuilder statement = new StringBuilder();
        for (char c : code.toCharArray()) {
            if (c == '{') {
                Matcher iface = INTERFACE.matcher(statement.toString().trim());
                String name = iface.find() ? iface.group(1) : "";
                if (!name.isEmpty()) {
                    methods.put(name, new ArrayList<>());
                }
                open.push(name);
                statement.setLength(0);
            } else if (c == '}') {
                open.pop();
                statement.setLength(0);
            } else if (c == ';') {
                String text = ANNOTATION.matcher(statement.toString()).replaceAll(" ").trim();
                Matcher method = METHOD.matcher(text);
                if (!open.isEmpty() && !open.peek().isEmpty() && method.matches()) {
                    methods.get(open.peek()).add(new String[] {method.group(1).trim(), method.group(2)});
                }
                statement.setLength(0);
            } else {
                statement.append(c);
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalStateException("no interface found");
        }
        return methods;
    }

    /** Comments removed and string literals emptied, so that neither can look like code to the scan above. */
    private static String stripCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 2;
                out.append(' ');
            } else if (c == '"') {
                int end = i + 1;
                while (source.charAt(end) != '"') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                out.append("\"\"");
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
