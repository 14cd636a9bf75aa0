package dev.streamscore.graph;

import dev.streamscore.util.Excerpt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The execution order of a {@link Graph}: Kahn's algorithm over the nodes the output depends on.
 *
 * <p>The graph is first pruned to the nodes reachable backwards from the output; nodes that do not
 * contribute to the output are never executed. Among the nodes whose inputs are all done, the one
 * with the lowest id runs first, so the order is a pure function of the graph.
 */
public final class TopologicalSort {
    private TopologicalSort() {}

    /**
     * The nodes the output depends on (the output included), each after all of its inputs.
     *
     * @throws IllegalArgumentException naming the ids and ops of the nodes on a cycle
     */
    public static List<Node> sort(Graph graph) {
        Set<Integer> live = reachable(graph);
        Map<Integer, Integer> pending = new HashMap<>();
        Map<Integer, List<Integer>> consumers = new HashMap<>();
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int id : live) {
            Node n = graph.node(id);
            pending.put(id, n.inputs().length);
            for (int in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(id);
            }
            if (n.inputs().length == 0) {
                ready.add(id);
            }
        }
        List<Node> order = new ArrayList<>(live.size());
        while (!ready.isEmpty()) {
            int id = ready.poll();
            order.add(graph.node(id));
            for (int c : consumers.getOrDefault(id, List.of())) {
                int left = pending.merge(c, -1, Integer::sum);
                if (left == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != live.size()) {
            Set<Integer> stuck = new TreeSet<>(live);
            for (Node n : order) {
                stuck.remove(n.id());
            }
            throw new IllegalArgumentException(String.format("graph has a cycle: %s", describeCycle(graph, stuck)));
        }
        return Collections.unmodifiableList(order);
    }

    /** Ids of the nodes the output depends on, the output included. */
    static Set<Integer> reachable(Graph graph) {
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(graph.outputId());
        while (!todo.isEmpty()) {
            int id = todo.pop();
            if (seen.add(id)) {
                for (int in : graph.node(id).inputs()) {
                    todo.push(in);
                }
            }
        }
        return seen;
    }

    /**
     * The nodes of one cycle in data-flow order, back to the first; a long cycle is cut to its
     * first nodes, a count, and the closing node, so that the message stays one short line.
     * Every stuck node has an input that is stuck too; following those inputs from the lowest stuck
     * id must revisit a node, and the nodes from that visit on form a cycle.
     */
    private static String describeCycle(Graph graph, Set<Integer> stuck) {
        List<Integer> path = new ArrayList<>();
        Map<Integer, Integer> position = new HashMap<>();
        int id = stuck.iterator().next();
        while (!position.containsKey(id)) {
            position.put(id, path.size());
            path.add(id);
            int next = -1;
            for (int in : graph.node(id).inputs()) {
                if (stuck.contains(in) && (next < 0 || in < next)) {
                    next = in;
                }
            }
            id = next;
        }
        List<Integer> cycle = new ArrayList<>(path.subList(position.get(id), path.size()));
        Collections.reverse(cycle); // data-flow order: each node feeds the next
        cycle.add(cycle.get(0));
        return Excerpt.join(cycle, c -> String.format("node %d (%s)", c, graph.node(c).op().jsonName()), " -> ",
                Excerpt.ITEMS);
    }
}
