package dev.tessera.sdk.learning;

import dev.tessera.sdk.head.TrainingSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Labelled sentence vectors over a fixed label space: replay buffers, validation and forgetting sets are stored
 * as these. Vectors, not texts, so that a snapshot holds no user text and needs no encoder run to be reused.
 * Immutable.
 */
public final class ExampleSet {

    private static final int MAGIC = 0x54585331; // "TXS1"

    private final List<String> labels;
    private final int dimension;
    private final List<float[]> vectors;
    private final int[] targets;

    public ExampleSet(List<String> labels, int dimension, List<float[]> vectors, int[] targets) {
        this.labels = List.copyOf(labels);
        this.dimension = dimension;
        if (vectors.size() != targets.length) {
            throw new IllegalArgumentException("vectors and targets differ in size");
        }
        List<float[]> copy = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            if (v.length != dimension) {
                throw new IllegalArgumentException("vector " + i + " has dimension " + v.length + ", expected " + dimension);
            }
            if (targets[i] < 0 || targets[i] >= this.labels.size()) {
                throw new IllegalArgumentException("target " + targets[i] + " outside the label space");
            }
            copy.add(v.clone());
        }
        this.vectors = Collections.unmodifiableList(copy);
        this.targets = targets.clone();
    }

    public static ExampleSet empty(List<String> labels, int dimension) {
        return new ExampleSet(labels, dimension, List.of(), new int[0]);
    }

    public List<String> labels() {
        return labels;
    }

    public int dimension() {
        return dimension;
    }

    public int size() {
        return targets.length;
    }

    public float[] vector(int i) {
        return vectors.get(i).clone();
    }

    public int target(int i) {
        return targets[i];
    }

    /** This set followed by {@code other} (same labels and dimension). */
    public ExampleSet concat(ExampleSet other) {
        requireCompatible(other);
        List<float[]> v = new ArrayList<>(vectors);
        v.addAll(other.vectors);
        int[] t = new int[size() + other.size()];
        System.arraycopy(targets, 0, t, 0, size());
        System.arraycopy(other.targets, 0, t, size(), other.size());
        return new ExampleSet(labels, dimension, v, t);
    }

    /** The same examples, each {@code times} times (weights recent corrections without a weighted loss). */
    public ExampleSet repeated(int times) {
        ExampleSet out = empty(labels, dimension);
        for (int i = 0; i < times; i++) {
            out = out.concat(this);
        }
        return out;
    }

    public TrainingSet toTrainingSet(String description) {
        TrainingSet.Builder b = TrainingSet.builder(description).labelSpace(labels);
        for (int i = 0; i < size(); i++) {
            b.add(vectors.get(i), labels.get(targets[i]));
        }
        return b.build();
    }

    void requireCompatible(ExampleSet other) {
        if (!labels.equals(other.labels) || dimension != other.dimension) {
            throw new IllegalArgumentException("example sets differ: labels " + labels + "/" + dimension + " vs "
                    + other.labels + "/" + other.dimension);
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + size() * (dimension * 4 + 4));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(labels.size());
            for (String l : labels) {
                out.writeUTF(l);
            }
            out.writeInt(dimension);
            out.writeInt(size());
            for (int i = 0; i < size(); i++) {
                out.writeInt(targets[i]);
                for (float f : vectors.get(i)) {
                    out.writeFloat(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ExampleSet fromBytes(byte[] data) {
        Objects.requireNonNull(data, "data");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not an example set");
            }
            int labelCount = in.readInt();
            List<String> labels = new ArrayList<>(labelCount);
            for (int i = 0; i < labelCount; i++) {
                labels.add(in.readUTF());
            }
            int dimension = in.readInt();
            int n = in.readInt();
            if (n < 0 || dimension <= 0 || (long) n * (dimension * 4L + 4) > data.length) {
                throw new IllegalArgumentException("example set header is inconsistent with its size");
            }
            List<float[]> vectors = new ArrayList<>(n);
            int[] targets = new int[n];
            for (int i = 0; i < n; i++) {
                targets[i] = in.readInt();
                float[] v = new float[dimension];
                for (int j = 0; j < dimension; j++) {
                    v[j] = in.readFloat();
                }
                vectors.add(v);
            }
            return new ExampleSet(labels, dimension, vectors, targets);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated example set", e);
        }
    }
}
