package dev.tessera.sdk.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model runs once per recent text; results are those of the encoder behind it, in input order. */
class RecentEmbeddingsTest {

    /** Embeds a text as its length, and records every text it was asked to embed. */
    private static final class CountingEncoder implements SentenceEncoder {
        final List<String> embedded = new ArrayList<>();

        @Override
        public String modelName() {
            return "counting";
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public Embedding embed(String text) {
            return embedAll(List.of(text)).get(0);
        }

        @Override
        public synchronized List<Embedding> embedAll(List<String> texts) {
            embedded.addAll(texts);
            return texts.stream().map(t -> new Embedding(new float[] {t.length()}, t.length(), t.length(), false))
                    .toList();
        }
    }

    @Test
    void aTextSeenRecentlyIsNotEmbeddedAgain() {
        CountingEncoder model = new CountingEncoder();
        RecentEmbeddings encoder = RecentEmbeddings.of(model, 2);
        Embedding first = encoder.embed("What are the symptoms of malaria?");
        assertSame(first, encoder.embed("What are the symptoms of malaria?"));
        List<Embedding> batch = encoder.embedAll(List.of("a", "What are the symptoms of malaria?", "a", "bb"));
        assertEquals(List.of(1f, 33f, 1f, 2f), batch.stream().map(e -> e.vector()[0]).toList());
        assertEquals(List.of("What are the symptoms of malaria?", "a", "bb"), model.embedded,
                "each distinct text once, the repeat in the batch and the recent one from memory");
        assertEquals("counting", encoder.modelName());
        assertEquals(1, encoder.dimension());
    }

    @Test
    void theLeastRecentlyUsedTextIsForgottenFirst() {
        CountingEncoder model = new CountingEncoder();
        RecentEmbeddings encoder = RecentEmbeddings.of(model, 2);
        encoder.embed("one");
        encoder.embed("two");
        encoder.embed("one"); // "two" is now the least recently used
        encoder.embed("three");
        encoder.embed("one");
        encoder.embed("two");
        assertEquals(List.of("one", "two", "three", "two"), model.embedded);
    }

    @Test
    void textsThatUtf8WouldConfuseStayApart() {
        CountingEncoder model = new CountingEncoder();
        RecentEmbeddings encoder = RecentEmbeddings.of(model, 8);
        encoder.embed("a\ud800");
        encoder.embed("a?");
        assertEquals(2, model.embedded.size(), "a lone surrogate is not a question mark");
        assertThrows(IllegalArgumentException.class, () -> RecentEmbeddings.of(model, 0));
    }
}
