/**
 * Models and model files: {@link dev.streamscore.model.Model} (a named, versioned forward graph),
 * {@link dev.streamscore.model.ModelLoader} (files and bytes, format told apart by content),
 * {@link dev.streamscore.model.JsonModelFormat} (the streamscore JSON format, read and written
 * with exact doubles) and {@link dev.streamscore.model.OnnxImporter} (ONNX models as exported by
 * {@code torch.onnx.export}, opsets 11 to 21). Every reader refuses what it cannot represent
 * with a {@link dev.streamscore.model.ModelFormatException} naming the node, operator or field.
 */
package dev.streamscore.model;
