package dev.tessera.sdk.head;

import ai.onnx.proto.OnnxMl;
import dev.tessera.sdk.IncompatibleModelException;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.encoder.Pooling;
import dev.tessera.sdk.onnx.BatchInvariantQuantization;
import dev.tessera.sdk.onnx.OnnxGraphs;
import java.io.IOException;
import java.util.List;

/**
 * Fuses encoder + pooling + L2 normalisation + head into one ONNX graph, so a GPU runs the whole model in one
 * session with no host round trip between encoder and head. Outputs {@code embedding} and
 * {@value LinearHead#OUTPUT}.
 */
public final class FusedModels {

    public static final String EMBEDDING = "embedding";
    private static final String PREFIX = "tessera/";

    private FusedModels() {
    }

    public static byte[] fuse(byte[] encoderOnnx, Pooling pooling, LinearHead head) {
        OnnxMl.ModelProto encoder;
        try {
            encoder = BatchInvariantQuantization.rewrite(OnnxGraphs.parse(encoderOnnx));
        } catch (IOException e) {
            throw new ModelLoadException("Encoder is not an ONNX model: " + e.getMessage(), e);
        }
        OnnxMl.GraphProto.Builder graph = encoder.getGraph().toBuilder();
        OnnxMl.ValueInfoProto states = graph.getOutputList().stream()
                .filter(o -> o.getName().equals("last_hidden_state")).findFirst()
                .orElseGet(() -> graph.getOutput(0));
        List<OnnxMl.TensorShapeProto.Dimension> dims = states.getType().getTensorType().getShape().getDimList();
        if (dims.size() != 3 || !dims.get(2).hasDimValue()) {
            throw new ModelLoadException("Encoder output '" + states.getName() + "' is not [batch, tokens, hidden]");
        }
        long hidden = dims.get(2).getDimValue();
        if (hidden != head.inputDimension()) {
            throw new IncompatibleModelException("Head '" + head.name() + "' expects vectors of size "
                    + head.inputDimension() + " but the encoder produces " + hidden);
        }
        long opset = OnnxGraphs.defaultOpset(encoder);
        // From opset 13 on, ReduceSum and Unsqueeze take axes as an input tensor instead of an attribute.
        boolean axesAsInput = opset >= 13;
        String pooled = PREFIX + "pooled";
        if (pooling == Pooling.CLS) {
            graph.addInitializer(OnnxGraphs.longTensor(PREFIX + "zero", new long[0], new long[] {0}));
            graph.addNode(OnnxGraphs.node("Gather", PREFIX + "cls", List.of(states.getName(), PREFIX + "zero"),
                    List.of(pooled), OnnxGraphs.intAttr("axis", 1)));
        } else {
            graph.addNode(OnnxGraphs.node("Cast", PREFIX + "mask_float", List.of("attention_mask"),
                    List.of(PREFIX + "mask_f"), OnnxGraphs.intAttr("to", OnnxMl.TensorProto.DataType.FLOAT.getNumber())));
            if (axesAsInput) {
                graph.addInitializer(OnnxGraphs.longTensor(PREFIX + "axis2", new long[] {1}, new long[] {2}));
                graph.addInitializer(OnnxGraphs.longTensor(PREFIX + "axis1", new long[] {1}, new long[] {1}));
                graph.addNode(OnnxGraphs.node("Unsqueeze", PREFIX + "mask_3d", List.of(PREFIX + "mask_f", PREFIX + "axis2"),
                        List.of(PREFIX + "mask3")));
            } else {
                graph.addNode(OnnxGraphs.node("Unsqueeze", PREFIX + "mask_3d", List.of(PREFIX + "mask_f"),
                        List.of(PREFIX + "mask3"), OnnxGraphs.intsAttr("axes", 2)));
            }
            graph.addNode(OnnxGraphs.node("Mul", PREFIX + "mask_states", List.of(states.getName(), PREFIX + "mask3"),
                    List.of(PREFIX + "masked")));
            graph.addNode(reduceSum(PREFIX + "sum_states", PREFIX + "masked", PREFIX + "summed", axesAsInput));
            graph.addNode(reduceSum(PREFIX + "count_tokens", PREFIX + "mask3", PREFIX + "count", axesAsInput));
            graph.addInitializer(OnnxGraphs.floatTensor(PREFIX + "eps", new long[] {1}, new float[] {1e-9f}));
            graph.addNode(OnnxGraphs.node("Max", PREFIX + "count_floor", List.of(PREFIX + "count", PREFIX + "eps"),
                    List.of(PREFIX + "count_safe")));
            graph.addNode(OnnxGraphs.node("Div", PREFIX + "mean", List.of(PREFIX + "summed", PREFIX + "count_safe"),
                    List.of(pooled)));
        }
        graph.addNode(OnnxGraphs.node("LpNormalization", PREFIX + "l2", List.of(pooled), List.of(EMBEDDING),
                OnnxGraphs.intAttr("axis", 1), OnnxGraphs.intAttr("p", 2)));
        head.addNodes(graph, EMBEDDING, LinearHead.OUTPUT, PREFIX + "head");
        graph.clearOutput();
        graph.addOutput(OnnxGraphs.floatValue(EMBEDDING, "batch_size", hidden));
        graph.addOutput(OnnxGraphs.floatValue(LinearHead.OUTPUT, "batch_size", head.labels().size()));
        return encoder.toBuilder().setGraph(graph).addMetadataProps(head.metadata()).build().toByteArray();
    }

    private static OnnxMl.NodeProto reduceSum(String name, String input, String output, boolean axesAsInput) {
        if (axesAsInput) {
            return OnnxGraphs.node("ReduceSum", name, List.of(input, PREFIX + "axis1"), List.of(output),
                    OnnxGraphs.intAttr("keepdims", 0));
        }
        return OnnxGraphs.node("ReduceSum", name, List.of(input), List.of(output), OnnxGraphs.intsAttr("axes", 1),
                OnnxGraphs.intAttr("keepdims", 0));
    }
}
