package dev.tessera.sdk.head;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.sdk.IncompatibleModelException;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.onnx.OnnxGraphs;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable linear head over sentence vectors: {@code scores = activation(W·x + b)}, with its label space and
 * provenance. Saved as a standalone ONNX graph ({@link #toOnnx()}) whose metadata carries labels and provenance,
 * so the file alone is enough to serve and audit it.
 */
public final class LinearHead {

    static final String WEIGHTS = "tessera_head_W";
    static final String BIAS = "tessera_head_b";
    static final String METADATA_KEY = "tessera.head";
    public static final String INPUT = "embedding";
    public static final String OUTPUT = "probabilities";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HeadType type;
    private final List<String> labels;
    private final float[][] weights;
    private final float[] bias;
    private final HeadProvenance provenance;

    public LinearHead(String name, HeadType type, List<String> labels, float[][] weights, float[] bias,
                      HeadProvenance provenance) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.labels = List.copyOf(labels);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        if (labels.size() < (type == HeadType.MULTI_CLASS ? 2 : 1)) {
            throw new IllegalArgumentException("A " + type + " head needs at least "
                    + (type == HeadType.MULTI_CLASS ? 2 : 1) + " labels, got " + labels.size());
        }
        if (weights.length != labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException("weights/bias rows (" + weights.length + "/" + bias.length
                    + ") must equal the number of labels (" + labels.size() + ")");
        }
        int dim = weights[0].length;
        float[][] copy = new float[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].length != dim) {
                throw new IllegalArgumentException("weight rows differ in length");
            }
            copy[i] = weights[i].clone();
        }
        this.weights = copy;
        this.bias = bias.clone();
    }

    public String name() {
        return name;
    }

    public HeadType type() {
        return type;
    }

    public List<String> labels() {
        return labels;
    }

    public int inputDimension() {
        return weights[0].length;
    }

    public HeadProvenance provenance() {
        return provenance;
    }

    /** Copy of the weight matrix, [labels][inputDimension]. */
    public float[][] weights() {
        float[][] copy = new float[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            copy[i] = weights[i].clone();
        }
        return copy;
    }

    public float[] bias() {
        return bias.clone();
    }

    /** Scores in Java (used while training and evaluating); served heads run the ONNX graph instead. */
    public float[] scores(float[] x) {
        if (x.length != inputDimension()) {
            throw new IncompatibleModelException("Head '" + name + "' takes vectors of size " + inputDimension()
                    + ", got " + x.length);
        }
        float[] logits = new float[labels.size()];
        for (int c = 0; c < logits.length; c++) {
            float s = bias[c];
            float[] w = weights[c];
            for (int d = 0; d < x.length; d++) {
                s += w[d] * x[d];
            }
            logits[c] = s;
        }
        return Activations.apply(type, logits);
    }

    /** The head as a standalone ONNX model: input {@value #INPUT} [batch, dim], output {@value #OUTPUT}. */
    public byte[] toOnnx() {
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("tessera-head-" + name);
        addNodes(graph, INPUT, OUTPUT, "tessera/head");
        graph.addInput(OnnxGraphs.floatValue(INPUT, "batch", inputDimension()));
        graph.addOutput(OnnxGraphs.floatValue(OUTPUT, "batch", labels.size()));
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(OnnxGraphs.IR_VERSION)
                .setProducerName("tessera")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxGraphs.OPSET))
                .addMetadataProps(metadata())
                .setGraph(graph)
                .build().toByteArray();
    }

    /** Adds the Gemm + activation nodes and their initializers to {@code graph}. */
    void addNodes(OnnxMl.GraphProto.Builder graph, String input, String output, String namePrefix) {
        int c = labels.size();
        int d = inputDimension();
        float[] flat = new float[c * d];
        for (int i = 0; i < c; i++) {
            System.arraycopy(weights[i], 0, flat, i * d, d);
        }
        graph.addInitializer(OnnxGraphs.floatTensor(WEIGHTS, new long[] {c, d}, flat));
        graph.addInitializer(OnnxGraphs.floatTensor(BIAS, new long[] {c}, bias));
        String logits = namePrefix + "/logits";
        graph.addNode(OnnxGraphs.node("Gemm", namePrefix + "/gemm", List.of(input, WEIGHTS, BIAS), List.of(logits),
                OnnxGraphs.intAttr("transB", 1)));
        if (type == HeadType.MULTI_CLASS) {
            graph.addNode(OnnxGraphs.node("Softmax", namePrefix + "/softmax", List.of(logits), List.of(output),
                    OnnxGraphs.intAttr("axis", 1)));
        } else {
            graph.addNode(OnnxGraphs.node("Sigmoid", namePrefix + "/sigmoid", List.of(logits), List.of(output)));
        }
    }

    OnnxMl.StringStringEntryProto metadata() {
        try {
            String json = JSON.writeValueAsString(Map.of("name", name, "type", type.name(), "labels", labels,
                    "provenance", provenance));
            return OnnxMl.StringStringEntryProto.newBuilder().setKey(METADATA_KEY).setValue(json).build();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise head metadata", e);
        }
    }

    /** Reads a head written by {@link #toOnnx()} (or found inside a fused graph). */
    public static LinearHead fromOnnx(byte[] onnx) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxGraphs.parse(onnx);
        } catch (IOException e) {
            throw new ModelLoadException("Not an ONNX model: " + e.getMessage(), e);
        }
        String meta = model.getMetadataPropsList().stream().filter(p -> p.getKey().equals(METADATA_KEY))
                .map(OnnxMl.StringStringEntryProto::getValue).findFirst()
                .orElseThrow(() -> new ModelLoadException("ONNX model has no '" + METADATA_KEY
                        + "' metadata: it was not written by Tessera's head trainer"));
        OnnxMl.TensorProto w = initializer(model, WEIGHTS);
        OnnxMl.TensorProto b = initializer(model, BIAS);
        try {
            HeadMetadata m = JSON.readValue(meta, HeadMetadata.class);
            int c = (int) w.getDims(0);
            int d = (int) w.getDims(1);
            float[] flat = OnnxGraphs.floats(w);
            if (flat.length != c * d) {
                throw new ModelLoadException("Head weights hold " + flat.length + " values, expected " + c * d);
            }
            float[][] weights = new float[c][d];
            for (int i = 0; i < c; i++) {
                System.arraycopy(flat, i * d, weights[i], 0, d);
            }
            return new LinearHead(m.name(), HeadType.valueOf(m.type()), m.labels(), weights, OnnxGraphs.floats(b),
                    m.provenance());
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException("Head metadata or weights are corrupt: " + e.getMessage(), e);
        }
    }

    private static OnnxMl.TensorProto initializer(OnnxMl.ModelProto model, String name) {
        return model.getGraph().getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new ModelLoadException("ONNX model has no initializer '" + name + "'"));
    }

    record HeadMetadata(String name, String type, List<String> labels, HeadProvenance provenance) {
    }
}
