package dev.streamscore.model;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import dev.streamscore.util.Excerpt;
import dev.streamscore.util.Heap;
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
     * Decodes raw_data (little-endian) or the typed repeated field. The dims are only a claim: the
     * data is counted against them before anything is allocated for the values, so a tiny file
     * cannot make the reader allocate what its dims declare.
     *
     * @throws ModelFormatException for external data, an unsupported element type, a value count
     *                              that does not match the dims, or values the heap cannot hold
     */
    static OnnxTensor decode(TensorProto t) {
        String name = Excerpt.text(t.getName());
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new ModelFormatException(String.format(
                    "tensor '%s' keeps its data in an external file; save the model with all tensors inside it", name));
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : dims) {
            if (d < 0 || (d > 0 && count > MAX_ELEMENTS / d)) {
                throw new ModelFormatException(String.format("tensor '%s' has unusable dims %s", name, shape(dims)));
            }
            count *= d;
        }
        int n = (int) count;
        int type = t.getDataType();
        ByteString raw = t.getRawData();
        int bytesPerValue = bytesPerValue(name, type);
        if (!raw.isEmpty()) {
            checkCount(name, dims, n, raw.size(), bytesPerValue, "raw_data");
        } else {
            checkCount(name, dims, n, typedCount(t, type), 1, typedField(type));
        }
        long spare = Heap.spare(8L * n);
        if (8L * n > spare) {
            throw new ModelFormatException(String.format("tensor '%s' of shape %s needs %s as doubles; the heap has %s to spare",
                    name, shape(dims), Heap.bytes(8L * n), Heap.bytes(spare)));
        }
        double[] v = new double[n];
        if (!raw.isEmpty()) {
            ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                v[i] = switch (type) {
                    case DataType.FLOAT_VALUE -> b.getFloat(4 * i);
                    case DataType.DOUBLE_VALUE -> b.getDouble(8 * i);
                    case DataType.INT64_VALUE -> b.getLong(8 * i);
                    case DataType.INT32_VALUE -> b.getInt(4 * i);
                    default -> b.get(i);
                };
            }
        } else {
            for (int i = 0; i < n; i++) {
                v[i] = switch (type) {
                    case DataType.FLOAT_VALUE -> t.getFloatData(i);
                    case DataType.DOUBLE_VALUE -> t.getDoubleData(i);
                    case DataType.INT64_VALUE -> t.getInt64Data(i);
                    default -> t.getInt32Data(i);
                };
            }
        }
        return new OnnxTensor(name, type, dims, v);
    }

    /** The size of one value in raw_data. @throws ModelFormatException for an unsupported type */
    private static int bytesPerValue(String name, int type) {
        return switch (type) {
            case DataType.FLOAT_VALUE, DataType.INT32_VALUE -> 4;
            case DataType.DOUBLE_VALUE, DataType.INT64_VALUE -> 8;
            case DataType.BOOL_VALUE -> 1;
            default -> throw new ModelFormatException(String.format(
                    "tensor '%s' has element type %s; supported: FLOAT, DOUBLE (and INT32, INT64, BOOL for flags)",
                    name, typeName(type)));
        };
    }

    /** The number of values in the typed field of {@code type} (BOOL is stored in int32_data). */
    private static int typedCount(TensorProto t, int type) {
        return switch (type) {
            case DataType.FLOAT_VALUE -> t.getFloatDataCount();
            case DataType.DOUBLE_VALUE -> t.getDoubleDataCount();
            case DataType.INT64_VALUE -> t.getInt64DataCount();
            default -> t.getInt32DataCount();
        };
    }

    private static String typedField(int type) {
        return switch (type) {
            case DataType.FLOAT_VALUE -> "float_data";
            case DataType.DOUBLE_VALUE -> "double_data";
            case DataType.INT64_VALUE -> "int64_data";
            default -> "int32_data";
        };
    }

    private static void checkCount(String name, long[] dims, int n, int have, int bytesPerValue, String field) {
        if (have != (long) n * bytesPerValue) {
            throw new ModelFormatException(String.format(
                    "tensor '%s' of shape %s needs %d values, but %s holds %s", name, shape(dims), n, field,
                    bytesPerValue == 1 ? String.valueOf(have) : String.format("%d bytes", have)));
        }
    }

    private static String shape(long[] dims) {
        return dims.length <= Excerpt.ITEMS ? Arrays.toString(dims)
                : Excerpt.list(Arrays.stream(dims).boxed().toList());
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
        return shape(dims);
    }
}
