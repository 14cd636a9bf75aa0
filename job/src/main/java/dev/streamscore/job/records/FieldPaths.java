package dev.streamscore.job.records;

import java.util.ArrayList;
import java.util.HashMap;
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

    /** One level of a path: the field's full path (for messages), what it is, and what is below it. */
    static final class Node {
        final String path;
        Kind kind = Kind.OBJECT;
        /** For a {@link Kind#FEATURE}: its position among the feature fields. */
        int slot = -1;
        final Map<String, Node> children = new HashMap<>();

        Node(String path) {
            this.path = path;
        }

        Node child(String name) {
            return children.get(name);
        }

        /** The paths of the fields below this object, for a message: {@code merchant.risk, merchant.age}. */
        String below() {
            List<String> leaves = new ArrayList<>();
            collect(this, leaves);
            return String.join(", ", leaves);
        }

        private static void collect(Node n, List<String> out) {
            if (n.kind != Kind.OBJECT) {
                out.add(n.path);
            }
            n.children.values().forEach(c -> collect(c, out));
        }
    }

    final Node root = new Node("");
    /** The feature fields' paths, by slot. */
    final String[] features;

    /** The tree of {@code layout}'s paths (which {@link RecordLayout} has checked do not clash). */
    FieldPaths(RecordLayout layout) {
        if (layout.named()) {
            features = layout.featureFields().toArray(new String[0]);
            for (int i = 0; i < features.length; i++) {
                add(features[i], Kind.FEATURE).slot = i;
            }
        } else {
            features = new String[0];
            add(RecordLayout.FEATURES_ARRAY, Kind.FEATURES_ARRAY);
        }
        add(layout.labelField(), Kind.LABEL);
        add(layout.idField(), Kind.ID);
    }

    private Node add(String path, Kind kind) {
        Node n = root;
        for (String name : path.split("\\.")) {
            String at = n == root ? name : String.format("%s.%s", n.path, name);
            n = n.children.computeIfAbsent(name, k -> new Node(at));
        }
        n.kind = kind;
        return n;
    }
}
