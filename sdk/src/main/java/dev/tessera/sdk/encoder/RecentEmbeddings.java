package dev.tessera.sdk.encoder;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An encoder that remembers the embeddings of the texts it saw last. One request often embeds the same text several
 * times: the injection, toxicity and scope heads each read the question on one encoder, and so do the graph
 * retriever and the relation weights; with this in front of the encoder the model runs once. Texts are keyed by
 * their SHA-256, so no text is kept. At most {@code capacity} entries, least recently used dropped first.
 * Thread-safe.
 *
 * <p>Every caller of the same text gets the same {@link Embedding}: its vector must be read, never written, as
 * everywhere in Tessera.
 */
public final class RecentEmbeddings implements SentenceEncoder {

    private final SentenceEncoder delegate;
    private final int capacity;
    private final Map<ByteBuffer, Embedding> recent;

    private RecentEmbeddings(SentenceEncoder delegate, int capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Embedding> eldest) {
                return size() > RecentEmbeddings.this.capacity;
            }
        };
    }

    /**
     * @param capacity how many texts' embeddings to keep (at least 1)
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public static RecentEmbeddings of(SentenceEncoder delegate, int capacity) {
        Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        return new RecentEmbeddings(delegate, capacity);
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public Embedding embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<Embedding> embedAll(List<String> texts) {
        List<ByteBuffer> keys = new ArrayList<>(texts.size());
        Embedding[] out = new Embedding[texts.size()];
        Map<ByteBuffer, Integer> missing = new LinkedHashMap<>();
        List<String> missingTexts = new ArrayList<>();
        synchronized (recent) {
            for (int i = 0; i < texts.size(); i++) {
                ByteBuffer key = key(texts.get(i));
                keys.add(key);
                out[i] = recent.get(key);
                if (out[i] == null && missing.putIfAbsent(key, missingTexts.size()) == null) {
                    missingTexts.add(texts.get(i));
                }
            }
        }
        if (!missingTexts.isEmpty()) {
            // Outside the lock: two threads may embed one text at once, which costs time but never a wrong answer.
            List<Embedding> fresh = delegate.embedAll(missingTexts);
            synchronized (recent) {
                missing.forEach((key, row) -> recent.put(key, fresh.get(row)));
            }
            for (int i = 0; i < out.length; i++) {
                if (out[i] == null) {
                    out[i] = fresh.get(missing.get(keys.get(i)));
                }
            }
        }
        return List.of(out);
    }

    /** SHA-256 of the text's UTF-16 code units: exact even for lone surrogates, which UTF-8 would fold into '?'. */
    private static ByteBuffer key(String text) {
        byte[] units = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            units[2 * i] = (byte) (c >> 8);
            units[2 * i + 1] = (byte) c;
        }
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(units));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
