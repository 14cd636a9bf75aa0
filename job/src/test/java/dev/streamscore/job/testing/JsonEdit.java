package dev.streamscore.job.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One structural edit of a streamscore JSON model, for the model fuzz test, on its
 * {@link StrictJson} tree: nodes removed, repeated or swapped; node and top-level fields set to
 * values of the wrong type or out of range (ids, ops, inputs making cycles or dangling, widths up
 * to 2^31-1, ragged or empty weights, wrong-length biases and constants, zero divisors), removed,
 * or given twice; numbers replaced by NaN, Infinity, 1e400 or 400 digits; parameters scaled to
 * 1e300; values nested 1,000+ deep; long chains of nodes appended. Written back by
 * {@link #render}, which also writes what the tree cannot hold ({@link Raw} text, {@link Twice}).
 *
 * @param kind what is edited
 * @param a    which node (modulo the count)
 * @param b    which field or variant
 * @param c    which value from the edit's table
 */
public record JsonEdit(Kind kind, int a, int b, int c) {
    /** The edits. */
    public enum Kind {
        REMOVE_NODE, DUPLICATE_NODE, SWAP_NODES, SET_NODE_FIELD, REMOVE_NODE_FIELD, SET_TOP_FIELD, REMOVE_TOP_FIELD,
        DEEP_NESTING, NUMBER_TOKEN, DUPLICATE_KEY, SCALE_PARAMETERS, CHAIN,
    }

    /** JSON text written as it is. */
    public record Raw(String text) {}

    /** A field written twice (a duplicate key). */
    public record Twice(Object value) {}

    static final List<String> NODE_FIELDS = List.of("id", "op", "inputs", "name", "width", "weight", "bias", "constant",
            "alpha", "foo");
    static final List<String> TOP_FIELDS = List.of("format", "name", "version", "output", "nodes", "extra");
    static final List<String> TOKENS = List.of("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400",
            "1".concat("0".repeat(400)), "0.1e99999", "-0", "1.7976931348623157e308", "\"1\"", "null", "[]", "true");

    /** A list of 1 to {@code max} edits: any kind, and three arguments in [0, 64). */
    public static List<JsonEdit> list(RandomGenerator r, int max) {
        return Draw.list(r, 1, max, g -> new JsonEdit(Draw.pick(g, Kind.values()), g.nextInt(64), g.nextInt(64), g.nextInt(64)));
    }

    /** {@code model} with {@code edits} applied in order, written back as JSON. */
    public static byte[] apply(byte[] model, List<JsonEdit> edits) {
        Map<String, Object> root;
        try {
            root = object(StrictJson.parse(model));
        } catch (StrictJson.NotJson e) {
            throw new IllegalArgumentException("the base model is not JSON", e);
        }
        for (JsonEdit e : edits) {
            e.apply(root);
        }
        StringBuilder s = new StringBuilder();
        render(root, s);
        return s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    void apply(Map<String, Object> root) {
        List<Object> nodes = root.get("nodes") instanceof List<?> l ? list(l) : new ArrayList<>();
        int n = nodes.size();
        Map<String, Object> node = n > 0 && nodes.get(a % n) instanceof Map<?, ?> m ? object(m) : null;
        switch (kind) {
            case REMOVE_NODE -> {
                if (n > 0) {
                    nodes.remove(a % n);
                }
            }
            case DUPLICATE_NODE -> {
                if (node != null) {
                    nodes.add(b % (n + 1), new LinkedHashMap<>(node));
                }
            }
            case SWAP_NODES -> {
                if (n > 1) {
                    Collections.swap(nodes, a % n, b % n);
                }
            }
            case SET_NODE_FIELD -> {
                if (node != null) {
                    String field = NODE_FIELDS.get(b % NODE_FIELDS.size());
                    node.put(field, nodeValue(field, c, node, n));
                }
            }
            case REMOVE_NODE_FIELD -> {
                if (node != null) {
                    node.remove(NODE_FIELDS.get(b % NODE_FIELDS.size()));
                }
            }
            case SET_TOP_FIELD -> {
                String field = TOP_FIELDS.get(b % TOP_FIELDS.size());
                root.put(field, topValue(field, c, n));
            }
            case REMOVE_TOP_FIELD -> root.remove(TOP_FIELDS.get(b % TOP_FIELDS.size()));
            case DEEP_NESTING -> {
                int depth = new int[] {10, 999, 1000, 1001, 5000}[c % 5];
                String text = String.format("%s1%s", "[".repeat(depth), "]".repeat(depth));
                if (node != null && b % 2 == 0) {
                    node.put(NODE_FIELDS.get(b % NODE_FIELDS.size()), new Raw(text));
                } else {
                    root.put(TOP_FIELDS.get(b % TOP_FIELDS.size()), new Raw(text));
                }
            }
            case NUMBER_TOKEN -> {
                if (node != null) {
                    replaceNumber(node, b, new Raw(TOKENS.get(c % TOKENS.size())));
                }
            }
            case DUPLICATE_KEY -> {
                if (node != null && !node.isEmpty()) {
                    String field = new ArrayList<>(node.keySet()).get(b % node.size());
                    node.put(field, new Twice(node.get(field)));
                } else if (!root.isEmpty()) {
                    String field = new ArrayList<>(root.keySet()).get(b % root.size());
                    root.put(field, new Twice(root.get(field)));
                }
            }
            case SCALE_PARAMETERS -> {
                if (node != null) {
                    double factor = new double[] {1e300, 1e308, -1e308, 0, 1e-320, 1e150}[c % 6];
                    for (String field : List.of("weight", "bias", "constant", "alpha")) {
                        node.computeIfPresent(field, (k, v) -> scale(v, factor));
                    }
                }
            }
            case CHAIN -> {
                int length = new int[] {10, 300, 3000}[c % 3];
                Object output = root.get("output");
                int id = 1_000_000;
                for (int i = 0; i < length; i++) {
                    Map<String, Object> relu = new LinkedHashMap<>();
                    relu.put("id", new StrictJson.Num(Integer.toString(id + i)));
                    relu.put("op", b % 2 == 0 ? "relu" : "identity");
                    relu.put("inputs", List.of(i > 0 ? new StrictJson.Num(Integer.toString(id + i - 1)) : output == null ? num(0) : output));
                    nodes.add(relu);
                }
                root.put("output", new StrictJson.Num(Integer.toString(id + length - 1)));
            }
        }
        if (root.get("nodes") instanceof List<?>) {
            root.put("nodes", nodes);
        }
    }

    private static Object nodeValue(String field, int c, Map<String, Object> node, int nodes) {
        Object self = node.getOrDefault("id", num(0));
        List<Object> values = switch (field) {
            case "id" -> List.of(num(-1), num(0), num(1), num(nodes), num(2147483647), new Raw("2147483648"), new Raw("1.5"),
                    "1", StrictJson.NULL);
            case "op" -> List.of("input", "linear", "relu", "leaky_relu", "sigmoid", "tanh", "softmax", "log_softmax",
                    "identity", "add", "sub", "mul", "div", "conv", "", "RELU", num(3));
            case "inputs" -> List.of(List.of(), List.of(self), List.of(num(999)), List.of(num(0), num(0)), List.of(num(0)),
                    List.of(num(1)), "0", StrictJson.NULL, List.of(new Raw("1.5")), List.of(num(0), num(1), num(2)));
            case "name" -> List.of("", "x", "n".repeat(100_000), num(1));
            case "width" -> List.of(num(0), num(-1), num(1), num(2147483647), num(1_000_000), num(100_000_000), "3",
                    new Raw("3.0"), new Raw("1e400"));
            case "weight" -> List.of(List.of(), List.of(List.of()), List.of(List.of(num(1))),
                    List.of(List.of(num(1), num(2)), List.of(num(3))), List.of(List.of(new Raw("NaN"))), "w",
                    List.of(Collections.nCopies(3, new Raw("1e308"))));
            case "bias" -> List.of(List.of(), List.of(new Raw("1e308")), Collections.nCopies(15, num(0)), StrictJson.NULL);
            case "constant" -> List.of(List.of(), List.of(num(0)), List.of(new Raw("1e-320")), List.of(new Raw("NaN")),
                    List.of(num(1), num(2)), Collections.nCopies(64, num(0)));
            case "alpha" -> List.of(new Raw("NaN"), new Raw("1e400"), new Raw("-1e308"), num(0), "0.1");
            default -> List.of(num(1));
        };
        return values.get(c % values.size());
    }

    private static Object topValue(String field, int c, int nodes) {
        List<Object> values = switch (field) {
            case "format" -> List.of("streamscore-model/2", num(1), StrictJson.NULL, "");
            case "name", "version" -> List.of("", "x", "v".repeat(100_000), num(1), "\u00e9\ud83d\ude00");
            case "output" -> List.of(num(-1), num(999), num(0), num(Math.max(0, nodes - 2)), "x", new Raw("1e400"));
            case "nodes" -> List.of(new LinkedHashMap<>(), List.of(), List.of(num(1), num(2)), StrictJson.NULL);
            default -> List.of(num(1), "x");
        };
        return values.get(c % values.size());
    }

    /** Replaces the {@code b}-th number of the node's parameters by {@code token}. */
    private static void replaceNumber(Map<String, Object> node, int b, Raw token) {
        for (String field : List.of("weight", "bias", "constant", "alpha", "width", "id")) {
            Object v = node.get(field);
            if (v instanceof StrictJson.Num) {
                node.put(field, token);
                return;
            }
            if (v instanceof List<?> l && !l.isEmpty()) {
                List<Object> items = list(l);
                int i = b % items.size();
                if (items.get(i) instanceof List<?> row && !row.isEmpty()) {
                    List<Object> r = list(row);
                    r.set(b % r.size(), token);
                    items.set(i, r);
                } else {
                    items.set(i, token);
                }
                node.put(field, items);
                return;
            }
        }
    }

    private static Object scale(Object v, double factor) {
        if (v instanceof StrictJson.Num n) {
            return new Raw(Double.toString(n.value() * factor).replace("Infinity", "1e400").replace("NaN", "0"));
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object item : l) {
                out.add(scale(item, factor));
            }
            return out;
        }
        return v;
    }

    private static StrictJson.Num num(long v) {
        return new StrictJson.Num(Long.toString(v));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o) {
        if (o instanceof Map<?, ?>) {
            return (Map<String, Object>) o;
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    private static List<Object> list(List<?> l) {
        return new ArrayList<>(l);
    }

    /** Writes a tree of maps, lists, strings, numbers, booleans, null, {@link Raw} text and {@link Twice} fields. */
    public static void render(Object v, StringBuilder s) {
        if (v instanceof Map<?, ?> m) {
            s.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int times = e.getValue() instanceof Twice ? 2 : 1;
                Object value = e.getValue() instanceof Twice t ? t.value() : e.getValue();
                for (int i = 0; i < times; i++) {
                    s.append(first ? "" : ", ").append(Json.quote((String) e.getKey(), false)).append(": ");
                    render(value, s);
                    first = false;
                }
            }
            s.append('}');
        } else if (v instanceof List<?> l) {
            s.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    s.append(", ");
                }
                render(l.get(i), s);
            }
            s.append(']');
        } else if (v instanceof String str) {
            s.append(Json.quote(str, false));
        } else if (v instanceof StrictJson.Num n) {
            s.append(n.text());
        } else if (v instanceof Raw r) {
            s.append(r.text());
        } else {
            s.append(v);
        }
    }
}
