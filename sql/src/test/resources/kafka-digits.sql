-- KafkaSqlITCase: Kafka events with nested named fields, flattened by a view, scored with
-- ML_PREDICT into a Kafka topic with exactly-once delivery (transactions committed on checkpoints).
-- ${bootstrap} is replaced by the test broker's address.

-- the Kafka sink commits its transactions on checkpoints
SET 'execution.checkpointing.interval' = '1 s';

CREATE TABLE events (
  id STRING,
  label INT,
  image ROW<
    p0 DOUBLE, p1 DOUBLE, p2 DOUBLE, p3 DOUBLE, p4 DOUBLE, p5 DOUBLE, p6 DOUBLE, p7 DOUBLE,
    rest ARRAY<DOUBLE>
  >,
  source STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'properties.bootstrap.servers' = '${bootstrap}',
  'properties.group.id' = 'streamscore-sql-it',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);

CREATE TEMPORARY VIEW flat_events AS
SELECT id, label,
  image.p0 AS p0, image.p1 AS p1, image.p2 AS p2, image.p3 AS p3,
  image.p4 AS p4, image.p5 AS p5, image.p6 AS p6, image.p7 AS p7,
  image.rest AS rest
FROM events;

CREATE MODEL digits
INPUT (
    p0 DOUBLE, p1 DOUBLE, p2 DOUBLE, p3 DOUBLE, p4 DOUBLE, p5 DOUBLE, p6 DOUBLE, p7 DOUBLE,
    rest ARRAY<DOUBLE>,
    label INT
)
OUTPUT (probabilities ARRAY<DOUBLE>, predicted INT, loss DOUBLE, model STRING)
WITH ('provider' = 'streamscore', 'path' = 'demo/digits.onnx', 'label-column' = 'label');

CREATE TABLE scores (
  id STRING,
  predicted INT,
  loss DOUBLE,
  probabilities ARRAY<DOUBLE>,
  model STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'scores',
  'properties.bootstrap.servers' = '${bootstrap}',
  'format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'streamscore-sql-it',
  -- below the broker's transaction.max.timeout.ms (15 min; Flink's default of 1 h is refused)
  'properties.transaction.timeout.ms' = '60000'
);

INSERT INTO scores
SELECT id, predicted, loss, probabilities, model
FROM ML_PREDICT(TABLE flat_events, MODEL digits,
  DESCRIPTOR(p0, p1, p2, p3, p4, p5, p6, p7, rest, label));
