-- Throughput of ML_PREDICT with the digits model on a bounded generated source, the sink
-- discarding rows: the cost of the SQL scoring path itself (no parsing, no Kafka).
--   ./streamscore sql --file sql/bench/mlpredict-datagen.sql --parallelism 1
-- (from the repository root). The job's line on standard error gives its time: rows / seconds.
-- A baseline without ML_PREDICT: sql/bench/passthrough-datagen.sql.

CREATE TABLE pixels (
  p0 DOUBLE, p1 DOUBLE, p2 DOUBLE, p3 DOUBLE, p4 DOUBLE, p5 DOUBLE, p6 DOUBLE, p7 DOUBLE,
  p8 DOUBLE, p9 DOUBLE, p10 DOUBLE, p11 DOUBLE, p12 DOUBLE, p13 DOUBLE, p14 DOUBLE, p15 DOUBLE,
  p16 DOUBLE, p17 DOUBLE, p18 DOUBLE, p19 DOUBLE, p20 DOUBLE, p21 DOUBLE, p22 DOUBLE, p23 DOUBLE,
  p24 DOUBLE, p25 DOUBLE, p26 DOUBLE, p27 DOUBLE, p28 DOUBLE, p29 DOUBLE, p30 DOUBLE, p31 DOUBLE,
  p32 DOUBLE, p33 DOUBLE, p34 DOUBLE, p35 DOUBLE, p36 DOUBLE, p37 DOUBLE, p38 DOUBLE, p39 DOUBLE,
  p40 DOUBLE, p41 DOUBLE, p42 DOUBLE, p43 DOUBLE, p44 DOUBLE, p45 DOUBLE, p46 DOUBLE, p47 DOUBLE,
  p48 DOUBLE, p49 DOUBLE, p50 DOUBLE, p51 DOUBLE, p52 DOUBLE, p53 DOUBLE, p54 DOUBLE, p55 DOUBLE,
  p56 DOUBLE, p57 DOUBLE, p58 DOUBLE, p59 DOUBLE, p60 DOUBLE, p61 DOUBLE, p62 DOUBLE, p63 DOUBLE,
  label INT
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '200000',
  'fields.p0.min' = '0', 'fields.p0.max' = '16', 'fields.p1.min' = '0', 'fields.p1.max' = '16',
  'fields.p2.min' = '0', 'fields.p2.max' = '16', 'fields.p3.min' = '0', 'fields.p3.max' = '16',
  'fields.p4.min' = '0', 'fields.p4.max' = '16', 'fields.p5.min' = '0', 'fields.p5.max' = '16',
  'fields.p6.min' = '0', 'fields.p6.max' = '16', 'fields.p7.min' = '0', 'fields.p7.max' = '16',
  'fields.p8.min' = '0', 'fields.p8.max' = '16', 'fields.p9.min' = '0', 'fields.p9.max' = '16',
  'fields.p10.min' = '0', 'fields.p10.max' = '16', 'fields.p11.min' = '0', 'fields.p11.max' = '16',
  'fields.p12.min' = '0', 'fields.p12.max' = '16', 'fields.p13.min' = '0', 'fields.p13.max' = '16',
  'fields.p14.min' = '0', 'fields.p14.max' = '16', 'fields.p15.min' = '0', 'fields.p15.max' = '16',
  'fields.label.min' = '0', 'fields.label.max' = '9'
);

CREATE MODEL digits
INPUT (
  p0 DOUBLE, p1 DOUBLE, p2 DOUBLE, p3 DOUBLE, p4 DOUBLE, p5 DOUBLE, p6 DOUBLE, p7 DOUBLE,
  p8 DOUBLE, p9 DOUBLE, p10 DOUBLE, p11 DOUBLE, p12 DOUBLE, p13 DOUBLE, p14 DOUBLE, p15 DOUBLE,
  p16 DOUBLE, p17 DOUBLE, p18 DOUBLE, p19 DOUBLE, p20 DOUBLE, p21 DOUBLE, p22 DOUBLE, p23 DOUBLE,
  p24 DOUBLE, p25 DOUBLE, p26 DOUBLE, p27 DOUBLE, p28 DOUBLE, p29 DOUBLE, p30 DOUBLE, p31 DOUBLE,
  p32 DOUBLE, p33 DOUBLE, p34 DOUBLE, p35 DOUBLE, p36 DOUBLE, p37 DOUBLE, p38 DOUBLE, p39 DOUBLE,
  p40 DOUBLE, p41 DOUBLE, p42 DOUBLE, p43 DOUBLE, p44 DOUBLE, p45 DOUBLE, p46 DOUBLE, p47 DOUBLE,
  p48 DOUBLE, p49 DOUBLE, p50 DOUBLE, p51 DOUBLE, p52 DOUBLE, p53 DOUBLE, p54 DOUBLE, p55 DOUBLE,
  p56 DOUBLE, p57 DOUBLE, p58 DOUBLE, p59 DOUBLE, p60 DOUBLE, p61 DOUBLE, p62 DOUBLE, p63 DOUBLE,
  label INT
)
OUTPUT (probabilities ARRAY<DOUBLE>, predicted INT, loss DOUBLE, model STRING)
WITH ('provider' = 'streamscore', 'path' = 'demo/digits.onnx', 'label-column' = 'label');

CREATE TABLE discard (predicted INT, loss DOUBLE, probabilities ARRAY<DOUBLE>, model STRING)
WITH ('connector' = 'blackhole');

INSERT INTO discard
SELECT predicted, loss, probabilities, model
FROM ML_PREDICT(TABLE pixels, MODEL digits, DESCRIPTOR(p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55, p56, p57, p58, p59, p60, p61, p62, p63, label));
