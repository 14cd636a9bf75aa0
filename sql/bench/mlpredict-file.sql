-- Throughput of ML_PREDICT on the records the DataStream job scores: JSON lines with a
-- `features` array (demo/digits.jsonl repeated), read from a file, scored, discarded.
--   for i in $(seq 112); do cat demo/digits.jsonl; done > /tmp/digits-201k.jsonl   # 201,264 lines
--   ./streamscore sql --file sql/bench/mlpredict-file.sql --parallelism 1
-- (from the repository root). The job's line on standard error gives its time: rows / seconds.

CREATE TABLE events (
  id STRING,
  features ARRAY<DOUBLE>,
  label INT
) WITH (
  'connector' = 'filesystem',
  'path' = '/tmp/digits-201k.jsonl',
  'format' = 'json'
);

CREATE MODEL digits
INPUT (features ARRAY<DOUBLE>, label INT)
OUTPUT (probabilities ARRAY<DOUBLE>, predicted INT, loss DOUBLE, model STRING)
WITH ('provider' = 'streamscore', 'path' = 'demo/digits.onnx', 'label-column' = 'label');

CREATE TABLE discard (id STRING, predicted INT, loss DOUBLE, probabilities ARRAY<DOUBLE>, model STRING)
WITH ('connector' = 'blackhole');

INSERT INTO discard
SELECT id, predicted, loss, probabilities, model
FROM ML_PREDICT(TABLE events, MODEL digits, DESCRIPTOR(features, label));
