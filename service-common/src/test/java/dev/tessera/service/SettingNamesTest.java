package dev.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingNamesTest {

    @Test
    void everySettingHasItsEnvironmentName() {
        var names = SettingNames.environmentNames();
        assertTrue(names.containsAll(List.of("TESSERA_DOMAIN", "TESSERA_GRAPH_URI", "TESSERA_GRAPH_QUERY_TIMEOUT",
                "TESSERA_AUDIT_KAFKA_BOOTSTRAP", "TESSERA_AUDIT_FINGERPRINT_KEY_ID",
                "TESSERA_AUDIT_TOPIC_REPLICATION_FACTOR", "TESSERA_SCREENING_SCOPE_MIN_PROBABILITY",
                "TESSERA_ASK_LINKED_ENTITIES")), names::toString);
        assertFalse(names.contains("TESSERA_GRAPH"), "a group is no setting");
        assertEquals(List.of("TESSERA_ASK_", "TESSERA_AUDIT_", "TESSERA_GRAPH_", "TESSERA_SCREENING_"),
                List.copyOf(SettingNames.groupPrefixes()));
    }

    @Test
    void aMisspeltSettingStopsTheServiceOthersAreLeftAlone() {
        Map<String, String> environment = Map.of(
                "TESSERA_GRAPH_URL", "bolt://example:7687",
                "TESSERA_AUDIT_FINGERPRINT_KEY", "secret-value-that-must-not-show-up-in-the-message",
                "TESSERA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "TESSERA_SHARED_DATA", "/data",
                "TESSERA_HOME", "/home/tessera",
                "PATH", "/usr/bin");
        assertEquals(List.of("TESSERA_GRAPH_URL"), SettingNames.unknown(environment));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SettingNames.rejectUnknown(environment));
        assertTrue(e.getMessage().contains("TESSERA_GRAPH_URL") && e.getMessage().contains("TESSERA_GRAPH_URI"),
                e::getMessage);
        assertFalse(e.getMessage().contains("bolt://example") || e.getMessage().contains("secret-value"),
                "values, which may be secrets, never appear");
        SettingNames.rejectUnknown(Map.of("TESSERA_GRAPH_URI", "bolt://127.0.0.1:7687", "TESSERA_DOMAIN", "legal"));
    }
}
