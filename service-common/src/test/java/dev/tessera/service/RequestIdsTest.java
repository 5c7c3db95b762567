package dev.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsPlainIdsAndReplacesAnythingElse() {
        assertEquals("req-42.a_b", RequestIds.accept("req-42.a_b"));
        String replaced = RequestIds.accept("john@example.com");
        assertNotEquals("john@example.com", replaced);
        assertEquals(36, replaced.length(), "a UUID");
        assertEquals(36, RequestIds.accept(null).length());
        assertEquals(36, RequestIds.accept("x".repeat(65)).length());
    }

    @Test
    void bindsAnIdToTheThreadAndRestoresThePreviousOne() {
        assertEquals("-", RequestIds.current());
        try (RequestIds.Scope outer = RequestIds.bind("a")) {
            try (RequestIds.Scope inner = RequestIds.bind("b")) {
                assertEquals("b", RequestIds.current());
            }
            assertEquals("a", RequestIds.current());
        }
        assertEquals("-", RequestIds.current());
    }
}
