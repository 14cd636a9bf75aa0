package dev.streamscore.model;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant ONNX tensor decoded to doubles: float32 values are widened exactly, float64 values
 * kept, integer and boolean values converted (they only serve as flags such as Dropout's
 * {@code training_mode}).
 *
 * @param name     the tensor's name, for messages
 * @param dataType the ONNX element type ({@link DataType} number)
 * @param dims     the shape; empty for a scalar
 * @param values   the elements in row-major order
 */
record OnnxTensor(String name, int dataType, long[] dims, double[] values) {
    /** Upper bound on a tensor's element count: far above any model this engine scores. */
    private static final long MAX_ELEMENTS = 1L << 28;

    /**
     * Decodes raw_data (little-endian) or the typed repeated field.
     *
     * @throws ModelFormatException for external data, an unsupported element type, or a value
     *                              count that does not match the dims
     */
    static OnnxTensor decode(TensorProto t) {
        String name = t.getName();
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new ModelFormatException(String.format(
                    "tensor '%s' keeps its data in an external file; save the model with all tensors inside it", name));
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : dims) {
            if (d < 0 || (d > 0 && count > MAX_ELEMENTS / d)) {
                throw new ModelFormatException(String.format("tensor '%s' has unusable dims %s", name, Arrays.toString(dims)));
            }
            count *= d;
        }
        int n = (int) count;
        ByteString raw = t.getRawData();
        int type = t.getDataType();
        checkDataBeforeAllocating(t, name, dims, n);
        double[] v = new double[n];
        if (type == DataType.FLOAT_VALUE) {
            if (!raw.isEmpty()) {
                checkCount(name, dims, n, raw.size(), 4, "raw_data");
                ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    v[i] = b.getFloat(4 * i);
                }
            } else {
                checkCount(name, dims, n, t.getFloatDataCount(), 1, "float_data");
                for (int i = 0; i < n; i++) {
                    v[i] = t.getFloatData(i);
                }
            }
        } else if (type == DataType.DOUBLE_VALUE) {
            if (!raw.isEmpty()) {
                checkCount(name, dims, n, raw.size(), 8, "raw_data");
                ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    v[i] = b.getDouble(8 * i);
                }
            } else {
                checkCount(name, dims, n, t.getDoubleDataCount(), 1, "double_data");
                for (int i = 0; i < n; i++) {
                    v[i] = t.getDoubleData(i);
                }
            }
        } else if (type == DataType.INT64_VALUE) {
            if (!raw.isEmpty()) {
                checkCount(name, dims, n, raw.size(), 8, "raw_data");
                ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    v[i] = b.getLong(8 * i);
                }
            } else {
                checkCount(name, dims, n, t.getInt64DataCount(), 1, "int64_data");
                for (int i = 0; i < n; i++) {
                    v[i] = t.getInt64Data(i);
                }
            }
        } else if (type == DataType.INT32_VALUE || type == DataType.BOOL_VALUE) {
            int width = type == DataType.BOOL_VALUE ? 1 : 4;
            if (!raw.isEmpty()) {
                checkCount(name, dims, n, raw.size(), width, "raw_data");
                ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    v[i] = width == 1 ? b.get(i) : b.getInt(4 * i);
                }
            } else {
                checkCount(name, dims, n, t.getInt32DataCount(), 1, "int32_data");
                for (int i = 0; i < n; i++) {
                    v[i] = t.getInt32Data(i);
                }
            }
        } else {
            throw new ModelFormatException(String.format(
                    "tensor '%s' has element type %s; supported: FLOAT, DOUBLE (and INT32, INT64, BOOL for flags)",
                    name, typeName(type)));
        }
        return new OnnxTensor(name, type, dims, v);
    }

    /**
     * The dims are only a claim: the data is counted against them before the values are
     * allocated, so that a tensor of a few bytes cannot make the reader allocate what its dims
     * declare (16384 x 16384 without data would be 2 GiB of doubles). The same checks as the
     * decoding below, made first.
     */
    private static void checkDataBeforeAllocating(TensorProto t, String name, long[] dims, int n) {
        ByteString raw = t.getRawData();
        int type = t.getDataType();
        int bytesPerValue = switch (type) {
            case DataType.FLOAT_VALUE, DataType.INT32_VALUE -> 4;
            case DataType.DOUBLE_VALUE, DataType.INT64_VALUE -> 8;
            case DataType.BOOL_VALUE -> 1;
            default -> 0; // refused by the decoding, which names the type
        };
        if (bytesPerValue == 0) {
            return;
        }
        if (!raw.isEmpty()) {
            checkCount(name, dims, n, raw.size(), bytesPerValue, "raw_data");
            return;
        }
        switch (type) {
            case DataType.FLOAT_VALUE -> checkCount(name, dims, n, t.getFloatDataCount(), 1, "float_data");
            case DataType.DOUBLE_VALUE -> checkCount(name, dims, n, t.getDoubleDataCount(), 1, "double_data");
            case DataType.INT64_VALUE -> checkCount(name, dims, n, t.getInt64DataCount(), 1, "int64_data");
            default -> checkCount(name, dims, n, t.getInt32DataCount(), 1, "int32_data");
        }
    }

    private static void checkCount(String name, long[] dims, int n, int have, int bytesPerValue, String field) {
        if (have != (long) n * bytesPerValue) {
            throw new ModelFormatException(String.format(
                    "tensor '%s' of shape %s needs %d values, but %s holds %s", name, Arrays.toString(dims), n, field,
                    bytesPerValue == 1 ? String.valueOf(have) : String.format("%d bytes", have)));
        }
    }

    static String typeName(int type) {
        DataType t = DataType.forNumber(type);
        return t == null ? String.format("#%d", type) : t.name();
    }

    /** True for FLOAT and DOUBLE: the types a weight or arithmetic constant may have. */
    boolean isFloating() {
        return dataType == DataType.FLOAT_VALUE || dataType == DataType.DOUBLE_VALUE;
    }

    int rank() {
        return dims.length;
    }

    /** The shape as ONNX writes it, e.g. {@code [1, 64]}. */
    String shape() {
        return Arrays.toString(dims);
    }
}
