package dev.tessera.sdk.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a dynamically quantised (int8) encoder give every sentence the same result whether it runs alone or in a
 * padded batch.
 *
 * <p>{@code DynamicQuantizeLinear} picks one scale and zero point for its whole input tensor. In a batch that
 * tensor holds every sentence (and the padding), so each sentence's quantisation, and thus its embedding,
 * depends on its batch-mates: cosine to the unbatched vector drops to about 0.99. This pass replaces each
 * {@code DynamicQuantizeLinear} with the same arithmetic done per sample, over that sample's real tokens only
 * (padding is zeroed, and zero is always inside the quantisation range, so it cannot move it), and rewrites the
 * {@code MatMulInteger} nodes that used the per-tensor zero point to subtract the per-sample zero point exactly in
 * int32. The scale multiplications downstream broadcast the per-sample scale unchanged.
 *
 * <p>Quantised values, integer products and scales are then those of a batch of one, so batching keeps int8
 * throughput and the unbatched embeddings.
 */
public final class BatchInvariantQuantization {

    private static final String P = "tessera/bq/";
    private static final String MS_DOMAIN = "com.microsoft";

    private BatchInvariantQuantization() {
    }

    /**
     * The serialised model rewritten when it is dynamically quantised; otherwise the same bytes, unparsed (a quick
     * byte scan for the operator name spares parsing a 90 MB fp32 graph).
     */
    public static byte[] rewrite(byte[] onnx) {
        if (!containsAscii(onnx, "DynamicQuantizeLinear")) {
            return onnx;
        }
        try {
            return rewrite(OnnxGraphs.parse(onnx)).toByteArray();
        } catch (java.io.IOException e) {
            return onnx; // not parseable: let ONNX Runtime report the corrupt model with its own message
        }
    }

    private static boolean containsAscii(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    public static boolean applies(OnnxMl.ModelProto model) {
        return model.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("DynamicQuantizeLinear"));
    }

    /**
     * @return the rewritten model, or {@code model} itself when it has no dynamic quantisation
     * @throws IllegalArgumentException when the graph does not have the expected quantised-MatMul shape
     */
    public static OnnxMl.ModelProto rewrite(OnnxMl.ModelProto model) {
        if (!applies(model)) {
            return model;
        }
        OnnxMl.GraphProto graph = model.getGraph();
        Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Map<String, String> zeroPointToSample = new HashMap<>();
        OnnxMl.GraphProto.Builder out = graph.toBuilder().clearNode();
        out.addInitializer(scalar(P + "zero", 0f));
        out.addInitializer(scalar(P + "qmax", 255f));
        out.addInitializer(OnnxGraphs.longTensor(P + "flat", new long[] {1}, new long[] {-1}));
        out.addNode(OnnxGraphs.node("Cast", P + "mask_cast", List.of("attention_mask"), List.of(P + "mask_f"),
                OnnxGraphs.intAttr("to", OnnxMl.TensorProto.DataType.FLOAT.getNumber())));
        out.addNode(OnnxGraphs.node("Unsqueeze", P + "mask_unsqueeze", List.of(P + "mask_f"), List.of(P + "mask3"),
                OnnxGraphs.intsAttr("axes", 2)));
        int k = 0;
        for (OnnxMl.NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("DynamicQuantizeLinear")) {
                String p = P + (k++) + "/";
                perSampleQuantize(out, p, n.getInput(0), n.getOutput(0), n.getOutput(1));
                zeroPointToSample.put(n.getOutput(2), p + "zp_i32");
            } else if (n.getOpType().equals("MatMulInteger") && n.getInputCount() >= 3
                    && zeroPointToSample.containsKey(n.getInput(2))) {
                String p = P + (k++) + "/";
                String sampleZeroPoint = zeroPointToSample.get(n.getInput(2));
                String weights = n.getInput(1);
                String weightZeroPoint = n.getInputCount() > 3 ? n.getInput(3) : "";
                out.addInitializer(columnSums(p + "colsum", initializers.get(weights),
                        weightZeroPoint.isEmpty() ? null : initializers.get(weightZeroPoint)));
                out.addNode(OnnxGraphs.node("MatMulInteger", p + "mmi", List.of(n.getInput(0), weights, "", weightZeroPoint),
                        List.of(p + "raw")));
                out.addNode(OnnxGraphs.node("Mul", p + "zp_correction", List.of(sampleZeroPoint, p + "colsum"),
                        List.of(p + "correction")));
                out.addNode(OnnxGraphs.node("Sub", p + "corrected", List.of(p + "raw", p + "correction"),
                        List.of(n.getOutput(0))));
            } else {
                out.addNode(n);
            }
        }
        OnnxMl.ModelProto.Builder rewritten = model.toBuilder().setGraph(out);
        if (model.getOpsetImportList().stream().noneMatch(o -> o.getDomain().equals(MS_DOMAIN))) {
            rewritten.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1));
        }
        return rewritten.build();
    }

    /** ONNX DynamicQuantizeLinear semantics (uint8, range always including 0), reduced per sample. */
    private static void perSampleQuantize(OnnxMl.GraphProto.Builder g, String p, String x, String quantized, String scale) {
        g.addNode(OnnxGraphs.node("Mul", p + "mask", List.of(x, P + "mask3"), List.of(p + "xm")));
        g.addNode(OnnxGraphs.node("ReduceMin", p + "min", List.of(p + "xm"), List.of(p + "min"),
                OnnxGraphs.intsAttr("axes", 1, 2), OnnxGraphs.intAttr("keepdims", 1)));
        g.addNode(OnnxGraphs.node("ReduceMax", p + "max", List.of(p + "xm"), List.of(p + "max"),
                OnnxGraphs.intsAttr("axes", 1, 2), OnnxGraphs.intAttr("keepdims", 1)));
        g.addNode(OnnxGraphs.node("Min", p + "min0", List.of(p + "min", P + "zero"), List.of(p + "min0")));
        g.addNode(OnnxGraphs.node("Max", p + "max0", List.of(p + "max", P + "zero"), List.of(p + "max0")));
        g.addNode(OnnxGraphs.node("Sub", p + "range", List.of(p + "max0", p + "min0"), List.of(p + "range")));
        g.addNode(OnnxGraphs.node("Div", p + "scale", List.of(p + "range", P + "qmax"), List.of(scale)));
        // zero_point = round(saturate(0 - min / scale))
        g.addNode(OnnxGraphs.node("Div", p + "min_scaled", List.of(p + "min0", scale), List.of(p + "min_scaled")));
        g.addNode(OnnxGraphs.node("Neg", p + "zp_raw", List.of(p + "min_scaled"), List.of(p + "zp_raw")));
        g.addNode(OnnxGraphs.node("Clip", p + "zp_clip", List.of(p + "zp_raw", P + "zero", P + "qmax"), List.of(p + "zp_clip")));
        g.addNode(OnnxGraphs.node("Round", p + "zp", List.of(p + "zp_clip"), List.of(p + "zp_f")));
        g.addNode(OnnxGraphs.node("Cast", p + "zp_int", List.of(p + "zp_f"), List.of(p + "zp_i32"),
                OnnxGraphs.intAttr("to", OnnxMl.TensorProto.DataType.INT32.getNumber())));
        // y = saturate(round(x / scale) + zero_point), per sample: ONNX Runtime's contrib QuantizeLinear takes a
        // 1-D scale along an axis (opset 11's QuantizeLinear only takes a scalar) and runs one vectorised pass.
        g.addNode(OnnxGraphs.node("Reshape", p + "scale_1d", List.of(scale, P + "flat"), List.of(p + "scale_1d")));
        g.addNode(OnnxGraphs.node("Reshape", p + "zp_1d", List.of(p + "zp_f", P + "flat"), List.of(p + "zp_f_1d")));
        g.addNode(OnnxGraphs.node("Cast", p + "zp_u8", List.of(p + "zp_f_1d"), List.of(p + "zp_u8"),
                OnnxGraphs.intAttr("to", OnnxMl.TensorProto.DataType.UINT8.getNumber())));
        g.addNode(OnnxGraphs.node("QuantizeLinear", p + "quantize", List.of(x, p + "scale_1d", p + "zp_u8"),
                List.of(quantized), OnnxGraphs.intAttr("axis", 0)).toBuilder().setDomain(MS_DOMAIN).build());
    }

    /** Σ_i (W[i][j] − wzp[j]) per output column j, as int32: the factor the activation zero point multiplies. */
    private static OnnxMl.TensorProto columnSums(String name, OnnxMl.TensorProto w, OnnxMl.TensorProto wzp) {
        if (w == null || w.getDimsCount() != 2) {
            throw new IllegalArgumentException("MatMulInteger weights must be a 2-D initializer");
        }
        int rows = (int) w.getDims(0);
        int cols = (int) w.getDims(1);
        int[] weights = integers(w);
        int[] zeroPoints = wzp == null ? new int[cols] : integers(wzp);
        if (zeroPoints.length == 1 && cols > 1) {
            int z = zeroPoints[0];
            zeroPoints = new int[cols];
            java.util.Arrays.fill(zeroPoints, z);
        }
        List<Integer> sums = new ArrayList<>(cols);
        for (int j = 0; j < cols; j++) {
            int s = 0;
            for (int i = 0; i < rows; i++) {
                s += weights[i * cols + j] - zeroPoints[j];
            }
            sums.add(s);
        }
        return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(OnnxMl.TensorProto.DataType.INT32.getNumber())
                .addDims(cols).addAllInt32Data(sums).build();
    }

    /** Values of an int8 or uint8 initializer. */
    private static int[] integers(OnnxMl.TensorProto t) {
        boolean signed = t.getDataType() == OnnxMl.TensorProto.DataType.INT8.getNumber();
        if (!signed && t.getDataType() != OnnxMl.TensorProto.DataType.UINT8.getNumber()) {
            throw new IllegalArgumentException("Tensor '" + t.getName() + "' is not int8/uint8");
        }
        if (!t.getRawData().isEmpty()) {
            byte[] raw = t.getRawData().toByteArray();
            int[] v = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                v[i] = signed ? raw[i] : raw[i] & 0xFF;
            }
            return v;
        }
        int[] v = new int[t.getInt32DataCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getInt32Data(i);
        }
        return v;
    }

    private static OnnxMl.TensorProto scalar(String name, float value) {
        return OnnxGraphs.floatTensor(name, new long[0], new float[] {value});
    }
}
