/**
 * Serving models, as plain Java (the Flink scoring operator and the offline scorer wrap it): a
 * model as carried ({@link dev.streamscore.job.serving.ModelBytes}) and as compiled once to serve
 * ({@link dev.streamscore.job.serving.LoadedModel}); the one batch path from parsed records to
 * output records and evaluations ({@link dev.streamscore.job.serving.ModelServing}: a primary
 * model and an optional shadow); model updates read from the model topic
 * ({@link dev.streamscore.job.serving.ModelUpdate}, key = model name, headers {@code version} and
 * {@code role}) and the checks an update passes before it takes over
 * ({@link dev.streamscore.job.serving.UpdateValidator}, deterministic so every subtask decides
 * alike); the rolling evaluation of a model version over its latest labelled records
 * ({@link dev.streamscore.job.serving.RollingEvaluation}) and when to report it
 * ({@link dev.streamscore.job.serving.EvaluationReporter}).
 */
package dev.streamscore.job.serving;
