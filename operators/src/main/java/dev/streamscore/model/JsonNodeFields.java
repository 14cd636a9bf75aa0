package dev.streamscore.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.util.Excerpt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * The fields of one node object as read (in any order), then checked against its op and turned
 * into a {@link Node}. Errors name the node by id (or by position until the id is known), its op
 * and the field.
 */
final class JsonNodeFields {
    /** The node fields: those of every kind, then the ops' scalar attributes ({@link OpType#attribute()}). */
    private static final Set<String> KNOWN = known();

    private final int index;
    private final Set<String> present = new LinkedHashSet<>();
    private Integer id;
    private String op;
    private int[] inputs;
    private String name;
    private Integer width;
    private double[][] weight;
    private double[] bias;
    private double[] constant;
    private double attribute;

    private JsonNodeFields(int index) {
        this.index = index;
    }

    /** Reads one node object; the parser is on its START_OBJECT and is left on its END_OBJECT. */
    static JsonNodeFields read(JsonParser p, int index) throws IOException {
        JsonNodeFields f = new JsonNodeFields(index);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (!KNOWN.contains(field)) {
                throw new ModelFormatException(String.format(
                        "%s: unknown field '%s'; node fields are %s", f.label(), Excerpt.text(field), String.join(", ", KNOWN)));
            }
            f.present.add(field);
            Field what = new Field(f, field);
            switch (field) {
                case "id" -> f.id = JsonModelReader.integer(p, what);
                case "op" -> f.op = JsonModelReader.string(p, what);
                case "inputs" -> f.inputs = JsonModelReader.integers(p, what);
                case "name" -> f.name = JsonModelReader.nonEmptyString(p, what);
                case "width" -> f.width = JsonModelReader.integer(p, what);
                case "weight" -> f.weight = readRows(p, what);
                case "bias" -> f.bias = JsonModelReader.numbers(p, what);
                case "constant" -> f.constant = JsonModelReader.numbers(p, what);
                default -> f.attribute = JsonModelReader.number(p, what);
            }
        }
        return f;
    }

    private static double[][] readRows(JsonParser p, Object what) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ModelFormatException(String.format("%s must be an array of rows, got %s", what, JsonModelReader.describe(p)));
        }
        List<double[]> rows = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            rows.add(JsonModelReader.numbers(p, new JsonModelReader.Indexed(what, rows.size())));
        }
        return rows.toArray(new double[0][]);
    }

    /** A field of a node, named in messages as {@code node 3 (linear): weight}: formatted only when one is written. */
    private record Field(JsonNodeFields node, String field) {
        @Override
        public String toString() {
            return String.format("%s: %s", node.label(), field);
        }
    }

    private String label() {
        if (id == null) {
            return String.format("nodes[%d]", index);
        }
        return op == null ? String.format("node %d", id) : String.format("node %d (%s)", id, Excerpt.text(op));
    }

    private ModelFormatException fail(String format, Object... args) {
        return new ModelFormatException(String.format("%s: %s", label(), String.format(format, args)));
    }

    /** Checks the fields against the op and builds the node. */
    Node toNode() {
        if (id == null) {
            throw fail("missing field 'id'");
        }
        if (id < 0) {
            throw fail("id must be >= 0");
        }
        if (op == null) {
            throw fail("missing field 'op'");
        }
        OpType type;
        try {
            type = OpType.fromJsonName(op);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(String.format("node %d: %s", id, e.getMessage()), e);
        }
        List<String> allowed = allowedFields(type);
        for (String field : present) {
            if (!allowed.contains(field)) {
                throw fail("unexpected field '%s'; %s takes %s", field, op, String.join(", ", allowed));
            }
        }
        return switch (type.kind()) {
            case INPUT -> input();
            case LINEAR -> linear();
            case UNARY -> new Node.Unary(id, type, inputs(1)[0],
                    type.attribute() == null ? 0 : require(type.attribute(), attribute));
            case BINARY -> binary(type);
        };
    }

    private static Set<String> known() {
        Set<String> known = new LinkedHashSet<>(List.of("id", "op", "inputs", "name", "width", "weight", "bias", "constant"));
        for (OpType op : OpType.values()) {
            if (op.attribute() != null) {
                known.add(op.attribute());
            }
        }
        return known;
    }

    private static List<String> allowedFields(OpType type) {
        return switch (type.kind()) {
            case INPUT -> List.of("id", "op", "inputs", "name", "width");
            case LINEAR -> List.of("id", "op", "inputs", "weight", "bias");
            case UNARY -> type.attribute() == null ? List.of("id", "op", "inputs") : List.of("id", "op", "inputs", type.attribute());
            case BINARY -> List.of("id", "op", "inputs", "constant");
        };
    }

    private Node input() {
        if (inputs != null && inputs.length > 0) {
            throw fail("an input node has no inputs, got %d", inputs.length);
        }
        String n = require("name", name);
        int w = require("width", width);
        if (w < 1) {
            throw fail("width must be >= 1, got %d", w);
        }
        return Node.input(id, n, w);
    }

    private Node linear() {
        int[] in = inputs(1);
        double[][] rows = require("weight", weight);
        if (rows.length == 0 || rows[0].length == 0) {
            throw fail("weight must have at least one row of at least one number");
        }
        DMatrixRMaj w = new DMatrixRMaj(rows.length, rows[0].length);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != w.numCols) {
                throw fail("weight rows must have equal length: row %d has %d numbers, row 0 has %d",
                        r, rows[r].length, w.numCols);
            }
            System.arraycopy(rows[r], 0, w.data, r * w.numCols, w.numCols);
        }
        double[] b = bias != null ? bias : new double[w.numRows];
        if (b.length != w.numRows) {
            throw fail("bias has %d numbers, expected %d (one per weight row)", b.length, w.numRows);
        }
        return Node.linear(id, in[0], w, b);
    }

    private Node binary(OpType type) {
        if (constant != null) {
            int[] in = inputs(1);
            if (constant.length == 0) {
                throw fail("constant must hold 1 number or one per column, got none");
            }
            return new Node.WithConstant(id, type, in[0], constant);
        }
        if (inputs == null) {
            throw fail("missing field 'inputs'");
        }
        if (inputs.length != 2) {
            throw fail("expected 2 inputs, or 1 input and a 'constant'; got %d inputs and no constant", inputs.length);
        }
        return new Node.Binary(id, type, inputs[0], inputs[1]);
    }

    private int[] inputs(int count) {
        if (inputs == null) {
            throw fail("missing field 'inputs'");
        }
        if (inputs.length != count) {
            throw fail("expected %d input%s, got %d", count, count == 1 ? "" : "s", inputs.length);
        }
        return inputs;
    }

    private <T> T require(String field, T value) {
        if (!present.contains(field)) {
            throw fail("missing field '%s'", field);
        }
        return value;
    }
}
