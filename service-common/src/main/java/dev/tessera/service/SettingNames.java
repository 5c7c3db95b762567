package dev.tessera.service;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment-variable names of {@link ServiceConfig}'s settings, and a check of the environment against them.
 * Quarkus rejects an unknown {@code tessera.*} property, but it cannot tell a misspelt environment variable from an
 * unrelated one, so {@code TESSERA_GRAPH_URL} would be ignored and the service would start without its graph. Within
 * the settings' own groups ({@code TESSERA_GRAPH_*}, {@code TESSERA_AUDIT_*}, ...) every name must be a setting;
 * other {@code TESSERA_*} variables (the CLI's, the dev servers', {@code TESSERA_KAFKA_*} client settings) are left
 * alone.
 */
final class SettingNames {

    private static final String PREFIX = "TESSERA_";

    private SettingNames() {
    }

    /** Every setting of {@link ServiceConfig} as an environment variable: {@code TESSERA_GRAPH_QUERY_TIMEOUT}, ... */
    static Set<String> environmentNames() {
        Set<String> names = new TreeSet<>();
        collect(ServiceConfig.class, PREFIX, names);
        return names;
    }

    /** The group prefixes the check covers: {@code TESSERA_GRAPH_}, {@code TESSERA_AUDIT_}, ... */
    static Set<String> groupPrefixes() {
        Set<String> groups = new TreeSet<>();
        for (Method m : ServiceConfig.class.getMethods()) {
            if (m.getReturnType().isInterface() && m.getReturnType().getDeclaringClass() == ServiceConfig.class) {
                groups.add(PREFIX + envName(m.getName()) + "_");
            }
        }
        return groups;
    }

    /**
     * Names in {@code environment} that sit in a settings group but are no setting, sorted; values are never read,
     * since some are secrets.
     */
    static List<String> unknown(Map<String, String> environment) {
        Set<String> known = environmentNames();
        Set<String> groups = groupPrefixes();
        List<String> out = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (!known.contains(name) && groups.stream().anyMatch(name::startsWith)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Throws when {@link #unknown} finds any, naming them and the settings of their groups. */
    static void rejectUnknown(Map<String, String> environment) {
        List<String> unknown = unknown(environment);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Unknown Tessera setting(s) in the environment: " + unknown
                    + ". Known settings: " + environmentNames() + " (docs/api.md)");
        }
    }

    private static void collect(Class<?> type, String prefix, Set<String> names) {
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() != 0 || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = prefix + envName(m.getName());
            if (m.getReturnType().isInterface() && m.getReturnType().getDeclaringClass() == ServiceConfig.class) {
                collect(m.getReturnType(), name + "_", names);
            } else {
                names.add(name);
            }
        }
    }

    /** {@code queryTimeout} → {@code QUERY_TIMEOUT}, as SmallRye Config maps {@code query-timeout}. */
    private static String envName(String method) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                b.append('_');
            }
            b.append(c);
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
