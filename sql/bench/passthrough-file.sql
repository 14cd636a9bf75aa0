-- The baseline of mlpredict-file.sql: the same file read and parsed into the same kind of sink,
-- without ML_PREDICT (the cost of reading and parsing the JSON lines).
--   for i in $(seq 112); do cat demo/digits.jsonl; done > /tmp/digits-201k.jsonl   # 201,264 lines
--   ./streamscore sql --file sql/bench/passthrough-file.sql --parallelism 1
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

CREATE TABLE discard (id STRING, features ARRAY<DOUBLE>, label INT) WITH ('connector' = 'blackhole');

INSERT INTO discard SELECT id, features, label FROM events;
