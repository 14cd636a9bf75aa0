/**
 * The streamscore engine: forward graphs in float64, compiled once into a plan that allocates
 * nothing per batch. No Flink and no Kafka here. Where each concept lives:
 *
 * <table>
 *   <caption>Engine concepts</caption>
 *   <tr><th>concept</th><th>where</th></tr>
 *   <tr><td>graph: nodes of (op, inputs, attributes), one output</td>
 *       <td>{@link dev.streamscore.graph.Graph}, {@link dev.streamscore.graph.Node}</td></tr>
 *   <tr><td>the closed op set and each op's kind</td><td>{@link dev.streamscore.graph.OpType}</td></tr>
 *   <tr><td>input placeholder (name, declared width; shapes checked at compile time and per batch)</td>
 *       <td>{@link dev.streamscore.graph.Node.Input}, {@link dev.streamscore.plan.Plan#input}</td></tr>
 *   <tr><td>topological sort (Kahn, ties by lowest id)</td><td>{@link dev.streamscore.graph.TopologicalSort}</td></tr>
 *   <tr><td>Linear {@code y = x·Wᵀ + b} and its inits (Xavier, He, zeros)</td>
 *       <td>{@link dev.streamscore.graph.Node.Linear}, {@link dev.streamscore.graph.Init},
 *       maths in {@link dev.streamscore.kernel.DenseKernels}</td></tr>
 *   <tr><td>ReLU, LeakyReLU, sigmoid, tanh, identity</td><td>{@link dev.streamscore.ops.Activations}</td></tr>
 *   <tr><td>softmax, log-softmax (max-shifted)</td><td>{@link dev.streamscore.ops.Softmax}</td></tr>
 *   <tr><td>add, sub, mul, div (two inputs or a broadcast constant)</td><td>{@link dev.streamscore.ops.Elementwise}</td></tr>
 *   <tr><td>cross-entropy by log-sum-exp from the logits</td><td>{@link dev.streamscore.score.CrossEntropy}</td></tr>
 *   <tr><td>MLP builder</td><td>{@link dev.streamscore.graph.MlpBuilder}</td></tr>
 *   <tr><td>compiled plan (order, widths, one buffer per node, one step per node)</td>
 *       <td>{@link dev.streamscore.plan.Compiler}, {@link dev.streamscore.plan.Plan}</td></tr>
 *   <tr><td>classifying a batch: probabilities, arg-max, loss</td>
 *       <td>{@link dev.streamscore.score.Classifier}, {@link dev.streamscore.score.Scores}</td></tr>
 *   <tr><td>model files: ONNX, streamscore JSON; name and version</td>
 *       <td>{@link dev.streamscore.model.ModelLoader}, {@link dev.streamscore.model.OnnxImporter},
 *       {@link dev.streamscore.model.JsonModelFormat}, {@link dev.streamscore.model.Model}</td></tr>
 * </table>
 *
 * <p>Packages depend downwards only: {@code score} on {@code model} and {@code plan}; {@code plan} on
 * {@code ops} and {@code kernel}; all of them on {@code graph} (checked by {@code ArchitectureTest}).
 */
package dev.streamscore;
