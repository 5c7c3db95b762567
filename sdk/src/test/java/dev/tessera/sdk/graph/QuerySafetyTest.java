package dev.tessera.sdk.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lucene escaping and the checks on names that are written into Cypher. */
class QuerySafetyTest {

    @Test
    void escapesEveryLuceneSpecialCharacter() {
        assertEquals("\\+\\-\\!\\(\\)\\:\\^\\[\\]\\\"\\{\\}\\~\\*\\?\\|\\&\\/\\\\",
                LuceneQueries.escape("+-!():^[]\"{}~*?|&/\\"));
        assertEquals("fever 发烧", LuceneQueries.escape("fever 发烧"));
    }

    @Test
    void literalQueriesHaveNoOperatorsLeft() {
        assertEquals("name\\:\\* or", LuceneQueries.literal("name:* OR ~"));
        assertEquals("fever and", LuceneQueries.literal("fever AND"), "a trailing AND is a syntax error in Lucene");
        assertEquals("not headache", LuceneQueries.literal("NOT headache"));
        assertEquals("a\\&\\&b \\|\\|c", LuceneQueries.literal("a&&b ||c"));
        assertEquals("match \\(n\\) detach delete n", LuceneQueries.literal("}) MATCH (n) DETACH DELETE n //"));
        assertEquals("o'brien\\\"", LuceneQueries.literal("O'Brien\" \"'"),
                "an apostrophe is no operator; a word of quotes only is dropped");
    }

    @Test
    void literalQueriesKeepWordsOnceAndDropWordsWithoutLettersOrDigits() {
        assertEquals("fever high temperature", LuceneQueries.literal("  Fever fever\tHIGH\u3000temperature ... -- "));
        assertEquals("", LuceneQueries.literal("\"' ~ * ?"));
        assertEquals("我发烧三天了", LuceneQueries.literal("我发烧三天了"));
    }

    @Test
    void aPossessiveIsAlsoSearchedWithoutIts() {
        assertEquals("what is iran's iran fatf status\\?", LuceneQueries.literal("What is Iran's FATF status?"));
        assertEquals("crohn\u2019s crohn", LuceneQueries.literal("Crohn\u2019s"));
        assertEquals("malaria", LuceneQueries.withoutPossessive("malaria's?\""));
        assertNull(LuceneQueries.withoutPossessive("boss"));
        assertNull(LuceneQueries.withoutPossessive("'s"), "an apostrophe s alone owns nothing");
        assertNull(LuceneQueries.withoutPossessive("its"));
    }

    @Test
    void literalQueriesStayUnderLuceneClauseLimit() {
        String chinese = "发烧头痛恶心".repeat(400);
        String query = LuceneQueries.literal(chinese);
        assertEquals(LuceneQueries.MAX_QUERY_CHARS, query.codePointCount(0, query.length()), "cut, not dropped");

        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            words.append("w").append(i).append(' ');
        }
        String bounded = LuceneQueries.literal(words.toString());
        assertTrue(bounded.replace(" ", "").length() <= LuceneQueries.MAX_QUERY_CHARS, bounded.length() + " chars");
        assertTrue(bounded.startsWith("w0 w1 w2"));
    }

    @Test
    void labelsTypesAndHopsAreCheckedBeforeTheyReachCypher() {
        assertEquals("Disease", CypherNames.label("Disease"));
        assertEquals("Domain_medical", CypherNames.label("Domain_medical"));
        assertEquals("HAS_SYMPTOM", CypherNames.relationshipType("HAS_SYMPTOM"));
        for (String bad : new String[] {"disease", "Disease`", "Dis ease", "Disease:Admin", "Disease})", "", "É",
                "A".repeat(65), null}) {
            assertThrows(IllegalArgumentException.class, () -> CypherNames.label(bad), String.valueOf(bad));
        }
        for (String bad : new String[] {"Has_symptom", "HAS-SYMPTOM", "HAS_SYMPTOM]->() DETACH DELETE n //",
                "HAS_SYMPTOM|KNOWS", "_X", "1X", null}) {
            assertThrows(IllegalArgumentException.class, () -> CypherNames.relationshipType(bad), String.valueOf(bad));
        }
        assertEquals(3, CypherNames.hops(3));
        assertThrows(IllegalArgumentException.class, () -> CypherNames.hops(0));
        assertThrows(IllegalArgumentException.class, () -> CypherNames.hops(4));
    }

    @Test
    void evidenceQueriesAndDomainsValidateWhatTheyAreGiven() {
        EvidenceQuery q = EvidenceQuery.defaults().withRelationshipTypes("HAS_SYMPTOM", "HAS_SYMPTOM");
        assertEquals(Set.of("HAS_SYMPTOM"), q.relationshipTypes());
        assertThrows(IllegalArgumentException.class,
                () -> EvidenceQuery.defaults().withRelationshipTypes("HAS_SYMPTOM` ]-() DELETE n"));
        assertThrows(IllegalArgumentException.class, () -> EvidenceQuery.defaults().withHops(4));
        assertThrows(IllegalArgumentException.class, () -> EvidenceQuery.defaults().withK(0));
        assertThrows(IllegalArgumentException.class, () -> EvidenceQuery.defaults().withMaxPaths(1_000));

        assertEquals("Domain_medical", GraphDomain.of("medical").label());
        for (String bad : new String[] {"Medical", "med ical", "medical`", "", "9lives", null}) {
            assertThrows(IllegalArgumentException.class, () -> GraphDomain.of(bad), String.valueOf(bad));
        }
    }

    @Test
    void scriptDecidesTheEncoder() {
        assertTrue(GraphRetriever.containsHan("我发烧了"));
        assertTrue(GraphRetriever.containsHan("fever 发烧"));
        assertFalse(GraphRetriever.containsHan("fever, 38 °C"));
    }

    @Test
    void settingsHideThePassword() {
        GraphSettings settings = GraphSettings.builder("bolt://db.example:7687").credentials("neo4j", "s3cret").build();
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        assertTrue(settings.authenticated());
        assertFalse(GraphSettings.builder("bolt://127.0.0.1:7687").build().authenticated());
        assertThrows(IllegalArgumentException.class, () -> GraphSettings.builder("not a uri").build());
        assertThrows(IllegalArgumentException.class, () -> GraphSettings.builder("bolt://neo4j:pw@db:7687").build());
    }
}
