package dev.streamscore.plan;

import dev.streamscore.graph.Node;
import dev.streamscore.kernel.Pointwise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Which pointwise nodes (add, sub, mul, div by a constant; relu; leaky_relu) run inside the step of
 * the node before them, so that a value is computed while it is still in cache instead of in a
 * pass of its own: a chain of them after a linear node runs on each tile of its output
 * ({@link dev.streamscore.kernel.DenseKernels#prepare(DMatrixRMaj, double[], Pointwise)}), a chain
 * after any other node runs as one step ({@link dev.streamscore.kernel.DenseKernels#pointwise}).
 *
 * <p>Nothing else changes: every node still writes its own buffer, with the bits its own step
 * would write, so {@link Plan#buffer} and the diagnostics that read it see every node's output.
 * A node joins the chain of its operand when that operand is a linear node or the last node of a
 * chain; a second pointwise consumer of the same operand starts a chain of its own. Computing a node
 * early is safe: its operand is final when its chain runs, and whatever reads it comes later in
 * the execution order.
 */
final class Fusion {
    /** Per chain owner (a linear node or the first node of a chain): the nodes that run in its step, in order. */
    private final Map<Integer, List<Node>> followers = new HashMap<>();
    private final Map<Integer, Integer> ownerOf = new HashMap<>();

    private Fusion() {}

    /** The chains of an execution order. */
    static Fusion of(List<Node> order) {
        Fusion f = new Fusion();
        Map<Integer, Integer> lastOfChain = new HashMap<>();
        for (Node n : order) {
            f.ownerOf.put(n.id(), n.id());
            if (isPointwise(n)) {
                int operand = n.inputs()[0];
                Integer owner = f.ownerOf.get(operand);
                if (owner != null && lastOfChain.containsKey(owner) && lastOfChain.get(owner) == operand) {
                    f.followers.get(owner).add(n);
                    f.ownerOf.put(n.id(), owner);
                    lastOfChain.put(owner, n.id());
                    continue;
                }
            }
            if (isPointwise(n) || n instanceof Node.Linear) {
                f.followers.put(n.id(), new ArrayList<>());
                lastOfChain.put(n.id(), n.id());
            }
        }
        return f;
    }

    /** Whether a kernel can run the node as a {@link Pointwise} stage. */
    static boolean isPointwise(Node n) {
        return n instanceof Node.WithConstant || (n instanceof Node.Unary u && Pointwise.supports(u.op()));
    }

    /** Whether the node runs inside the step of an earlier node (so its own step does nothing). */
    boolean runsInChain(int nodeId) {
        return ownerOf.get(nodeId) != nodeId;
    }

    /** The nodes that run in the step of {@code owner}, in order (empty for a node that owns no chain). */
    List<Node> followers(int owner) {
        return followers.getOrDefault(owner, List.of());
    }

    /** {@code nodes} as pointwise stages writing their buffers. */
    static Pointwise chain(int width, List<Node> nodes, Map<Integer, DMatrixRMaj> buffers) {
        List<Pointwise.Stage> stages = new ArrayList<>();
        for (Node n : nodes) {
            DMatrixRMaj out = buffers.get(n.id());
            if (n instanceof Node.WithConstant c) {
                stages.add(Pointwise.Stage.constant(c.op(), c.constant(), out));
            } else {
                Node.Unary u = (Node.Unary) n;
                stages.add(Pointwise.Stage.activation(u.op(), u.attribute(), out));
            }
        }
        return Pointwise.of(width, stages);
    }
}
