package dev.streamscore.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Reading ONNX node attributes, with defaults and type checks. */
final class OnnxAttributes {
    private OnnxAttributes() {}

    static AttributeProto find(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** An INT attribute, or {@code fallback} when absent. */
    static long integer(NodeProto n, String name, long fallback, String where) {
        AttributeProto a = find(n, name);
        if (a == null) {
            return fallback;
        }
        if (a.getType() != AttributeType.INT) {
            throw new ModelFormatException(String.format("%s: attribute '%s' must be an INT, got %s", where, name, a.getType()));
        }
        return a.getI();
    }

    /**
     * A FLOAT attribute as the double it was written from, or {@code fallback} when absent. ONNX
     * stores operator attributes such as LeakyRelu's alpha as float32 even for float64 models;
     * exporters write them from decimal literals (0.01, 0.2), so the value is read back as the
     * shortest decimal that rounds to the stored float32: 0.2f gives 0.2, not 0.20000000298.
     */
    static double real(NodeProto n, String name, double fallback, String where) {
        AttributeProto a = find(n, name);
        if (a == null) {
            return fallback;
        }
        if (a.getType() != AttributeType.FLOAT) {
            throw new ModelFormatException(String.format("%s: attribute '%s' must be a FLOAT, got %s", where, name, a.getType()));
        }
        if (!Float.isFinite(a.getF())) {
            throw new ModelFormatException(String.format("%s: attribute '%s' is %s", where, name, a.getF()));
        }
        return shortestDecimal(a.getF());
    }

    /**
     * The double nearest to the shortest decimal (at most 9 significant digits) that rounds to
     * {@code f} in float32.
     */
    static double shortestDecimal(float f) {
        if (f == 0f || !Float.isFinite(f)) {
            return f;
        }
        BigDecimal exact = new BigDecimal(f);
        for (int digits = 1; digits <= 9; digits++) {
            String s = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)).toString();
            if (Float.parseFloat(s) == f) {
                return Double.parseDouble(s);
            }
        }
        return f;
    }
}
