package dev.tessera.sdk.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Builders for the few ONNX protobuf pieces the SDK writes (Tribuo ships the generated OnnxMl classes). */
public final class OnnxGraphs {

    /** IR version matching opset 11, the opset of the encoders Tessera ships. */
    public static final long IR_VERSION = 6;
    public static final long OPSET = 11;

    private OnnxGraphs() {
    }

    public static OnnxMl.TensorProto floatTensor(String name, long[] dims, float[] data) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    public static OnnxMl.TensorProto longTensor(String name, long[] dims, long[] data) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        for (long v : data) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    /** Reads a float initializer written either as raw little-endian bytes or as float_data. */
    public static float[] floats(OnnxMl.TensorProto t) {
        if (t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            throw new IllegalArgumentException("Tensor '" + t.getName() + "' is not FLOAT");
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[buf.remaining() / Float.BYTES];
            buf.asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    public static OnnxMl.NodeProto node(String opType, String name, List<String> inputs, List<String> outputs,
                                        OnnxMl.AttributeProto... attributes) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(opType).setName(name)
                .addAllInput(inputs).addAllOutput(outputs);
        for (OnnxMl.AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }

    public static OnnxMl.AttributeProto intAttr(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    public static OnnxMl.AttributeProto intsAttr(String name, long... values) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static OnnxMl.AttributeProto floatAttr(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                .setF(value).build();
    }

    /** A float tensor graph input/output; each dim is a symbolic name (String) or a fixed size (Number). */
    public static OnnxMl.ValueInfoProto floatValue(String name, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else {
                dim.setDimParam(String.valueOf(d));
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    /** Opset version of the default ONNX domain in {@code model}. */
    public static long defaultOpset(OnnxMl.ModelProto model) {
        return model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion).max().orElse(OPSET);
    }

    public static OnnxMl.ModelProto parse(byte[] bytes) throws java.io.IOException {
        com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(bytes);
        in.setSizeLimit(Integer.MAX_VALUE);
        return OnnxMl.ModelProto.parseFrom(in);
    }
}
