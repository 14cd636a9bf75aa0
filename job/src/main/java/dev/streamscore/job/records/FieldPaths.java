package dev.streamscore.job.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths of a {@link RecordLayout} as a tree the parser walks while the JSON streams by: each
 * object level of the record looks its field names up in one node's children, so reading named
 * and nested fields builds no tree of the JSON and allocates nothing per field.
 */
final class FieldPaths {
    /** What a node of the tree stands for. */
    enum Kind {
        /** An object on the way to the fields below it. */
        OBJECT,
        /** One of the named feature fields: a number or an array of numbers. */
        FEATURE,
        /** The contract's {@code features} array of exactly the input width. */
        FEATURES_ARRAY,
        LABEL,
        ID
    }

    /** One level of a path: the field's full path as reasons show it, what it is, and what is below it. */
    static final class Node {
        /** The path as a reason shows it ({@link JsonValues#path(String)}: escaped, a long one cut). */
        final String path;
        Kind kind = Kind.OBJECT;
        /** For a {@link Kind#FEATURE}: its position among the feature fields. */
        int slot = -1;
        /** In the layout's order, so that a message lists the fields as the layout does. */
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String dotted) {
            this.path = dotted.isEmpty() ? "" : JsonValues.path(dotted);
        }

        Node child(String name) {
            return children.get(name);
        }

        /**
         * The paths of the fields below this object, for a message: {@code merchant.risk, merchant.age},
         * or the first {@value #SHOWN} and a count ({@code pixels.p0, pixels.p1 and 62 more}).
         */
        String below() {
            List<String> leaves = new ArrayList<>();
            collect(this, leaves);
            return shortList(leaves);
        }

        private static void collect(Node n, List<String> out) {
            if (n.kind != Kind.OBJECT) {
                out.add(n.path);
            }
            n.children.values().forEach(c -> collect(c, out));
        }
    }

    /** The most paths a reason lists (each up to about 100 characters: a reason stays short). */
    static final int SHOWN = 2;

    final Node root = new Node("");
    /** The feature fields' paths as reasons show them, by slot. */
    final String[] features;

    /** The tree of {@code layout}'s paths (which {@link RecordLayout} has checked do not clash). */
    FieldPaths(RecordLayout layout) {
        if (layout.named()) {
            features = new String[layout.featureFields().size()];
            for (int i = 0; i < features.length; i++) {
                Node n = add(layout.featureFields().get(i), Kind.FEATURE);
                n.slot = i;
                features[i] = n.path;
            }
        } else {
            features = new String[0];
            add(RecordLayout.FEATURES_ARRAY, Kind.FEATURES_ARRAY);
        }
        add(layout.labelField(), Kind.LABEL);
        add(layout.idField(), Kind.ID);
    }

    /** {@code items} joined with commas, the first {@value #SHOWN} and a count when there are more. */
    static String shortList(List<String> items) {
        if (items.size() <= SHOWN) {
            return String.join(", ", items);
        }
        return String.format("%s and %d more", String.join(", ", items.subList(0, SHOWN)), items.size() - SHOWN);
    }

    private Node add(String path, Kind kind) {
        Node n = root;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length; i++) {
            String at = String.join(".", Arrays.asList(names).subList(0, i + 1));
            n = n.children.computeIfAbsent(names[i], k -> new Node(at));
        }
        n.kind = kind;
        return n;
    }
}
