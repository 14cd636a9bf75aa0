package dev.streamscore.graph;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * One node of a {@link Graph}: an op, the ids of its input nodes, and the op's attributes.
 * Only the attributes of the node's own op are set; the others are {@code null} / zero.
 * Nodes are immutable by convention: the arrays they hold are never modified after building.
 *
 * @param id       unique id within the graph (also the tie-breaker of the execution order)
 * @param op       the operation
 * @param inputs   ids of the input nodes, in operand order
 * @param name     INPUT: the placeholder's name
 * @param width    INPUT: the declared width
 * @param weight   LINEAR: W, out×in
 * @param bias     LINEAR: b, length out (all zeros when the layer has no bias)
 * @param constant ADD/SUB/MUL/DIV with one input: the broadcast constant, length 1 or the width
 * @param alpha    LEAKY_RELU: the negative slope
 */
public record Node(int id, OpType op, int[] inputs, String name, int width,
                   DMatrixRMaj weight, double[] bias, double[] constant, double alpha) {

    /** The single input of a unary op. */
    public int input() {
        return inputs[0];
    }

    @Override
    public String toString() {
        return String.format("%s#%d%s", op.jsonName(), id, Arrays.toString(inputs));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.id == id && n.op == op && Arrays.equals(n.inputs, inputs);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(id) + op.hashCode();
    }
}
