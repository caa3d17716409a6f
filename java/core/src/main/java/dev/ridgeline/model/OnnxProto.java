package dev.ridgeline.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;

/**
 * The ONNX protobuf messages {@link OnnxExport} writes: nodes, attributes, constant tensors, graph inputs
 * (a ValueInfoProto's doc_string, field 3, is added by the caller), metadata entries.
 */
final class OnnxProto {
    static final int FLOAT = 1;
    static final int STRING = 8;
    static final int INT64 = 7;
    /** The domain of the ONNX-ML operators (LabelEncoder). */
    static final String ML_DOMAIN = "ai.onnx.ml";

    private OnnxProto() {
    }

    /** NodeProto of the default domain: input = 1, output = 2, name = 3, op_type = 4. */
    static ProtoWriter node(String op, String output, String... inputs) {
        ProtoWriter w = new ProtoWriter();
        for (String in : inputs) {
            w.string(1, in);
        }
        return w.string(2, output).string(3, op.toLowerCase(Locale.ROOT) + "_" + output).string(4, op);
    }

    /** A node of the ONNX-ML domain (NodeProto domain = 7). */
    static ProtoWriter mlNode(String op, String output, String input) {
        return node(op, output, input).string(7, ML_DOMAIN);
    }

    /** AttributeProto: name = 1, i = 3, type = 20 (INT = 2). */
    static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).int64(3, value).int64(20, 2);
    }

    /** AttributeProto: name = 1, f = 2, type = 20 (FLOAT = 1). */
    static ProtoWriter floatAttribute(String name, float value) {
        return new ProtoWriter().string(1, name).float32(2, value).int64(20, 1);
    }

    /** AttributeProto: name = 1, floats = 7 (unpacked), type = 20 (FLOATS = 6). */
    static ProtoWriter floatsAttribute(String name, float[] values) {
        ProtoWriter w = new ProtoWriter().string(1, name);
        for (float v : values) {
            w.float32(7, v);
        }
        return w.int64(20, 6);
    }

    /** AttributeProto: name = 1, strings = 9 (UTF-8), type = 20 (STRINGS = 8). */
    static ProtoWriter stringsAttribute(String name, List<String> values) {
        ProtoWriter w = new ProtoWriter().string(1, name);
        for (String v : values) {
            w.string(9, v);
        }
        return w.int64(20, 8);
    }

    /** TensorProto of int64 (data_type 7), raw little-endian: the indices of Gather. */
    static ProtoWriter int64Tensor(String name, int[] values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            raw.putLong(v);
        }
        return new ProtoWriter().int64(1, values.length).int64(2, INT64).string(8, name).bytes(9, raw.array());
    }

    /** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian float32). */
    static ProtoWriter tensor(String name, long[] dims, float[] values) {
        ProtoWriter w = new ProtoWriter();
        for (long d : dims) {
            w.int64(1, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return w.int64(2, FLOAT).string(8, name).bytes(9, raw.array());
    }

    /**
     * ValueInfoProto{name = 1, type = 2: TypeProto{tensor_type = 1: {elem_type = 1, shape = 2}}}, shape
     * [rows, cols] with rows symbolic.
     */
    static ProtoWriter valueInfo(String name, int elemType, String rows, long cols) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, rows))
                .message(1, new ProtoWriter().int64(1, cols));
        ProtoWriter tensorType = new ProtoWriter().int64(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    /** StringStringEntryProto (a metadata_props entry): key = 1, value = 2. */
    static ProtoWriter entry(String key, String value) {
        return new ProtoWriter().string(1, key).string(2, value);
    }

    /** OperatorSetIdProto: domain = 1, version = 2. */
    static ProtoWriter opset(String domain, long version) {
        return new ProtoWriter().string(1, domain).int64(2, version);
    }
}
