/**
 * The model lifecycle in the stream, as plain Java (the scoring operator wraps it): model updates
 * read from the model topic ({@link dev.streamscore.job.lifecycle.ModelUpdate}, key = model name,
 * headers {@code version} and {@code role}), the checks an update passes before it takes over
 * ({@link dev.streamscore.job.lifecycle.ModelUpdateValidator}, deterministic so every subtask
 * decides alike), the rolling evaluation of a model version over its latest labelled records
 * ({@link dev.streamscore.job.lifecycle.RollingEvaluation}), and the JSON records of refused
 * updates and evaluations ({@link dev.streamscore.job.lifecycle.LifecycleRecords}).
 */
package dev.streamscore.job.lifecycle;
