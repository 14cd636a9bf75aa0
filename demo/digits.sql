-- Scores the bundled digits data set with Flink SQL: named pixel fields in, ML_PREDICT through
-- the streamscore model provider, one JSON line per digit out (the same numbers as
-- `./streamscore score --model demo/digits.onnx --input demo/digits.jsonl`).
--
-- Run from the repository root (the paths below are relative to the working directory):
--   ./streamscore sql --file demo/digits.sql
--
-- The events: demo/digits-pixels.jsonl, one 8x8 image per line with its 64 pixels as named fields
--   {"id": "digits-0", "label": 0, "pixels": {"p0": 0, "p1": 0, "p2": 5, ..., "p63": 0}}

CREATE TABLE digits (
  id STRING,
  label INT,
  pixels ROW<
    p0 DOUBLE, p1 DOUBLE, p2 DOUBLE, p3 DOUBLE, p4 DOUBLE, p5 DOUBLE, p6 DOUBLE, p7 DOUBLE,
    p8 DOUBLE, p9 DOUBLE, p10 DOUBLE, p11 DOUBLE, p12 DOUBLE, p13 DOUBLE, p14 DOUBLE, p15 DOUBLE,
    p16 DOUBLE, p17 DOUBLE, p18 DOUBLE, p19 DOUBLE, p20 DOUBLE, p21 DOUBLE, p22 DOUBLE, p23 DOUBLE,
    p24 DOUBLE, p25 DOUBLE, p26 DOUBLE, p27 DOUBLE, p28 DOUBLE, p29 DOUBLE, p30 DOUBLE, p31 DOUBLE,
    p32 DOUBLE, p33 DOUBLE, p34 DOUBLE, p35 DOUBLE, p36 DOUBLE, p37 DOUBLE, p38 DOUBLE, p39 DOUBLE,
    p40 DOUBLE, p41 DOUBLE, p42 DOUBLE, p43 DOUBLE, p44 DOUBLE, p45 DOUBLE, p46 DOUBLE, p47 DOUBLE,
    p48 DOUBLE, p49 DOUBLE, p50 DOUBLE, p51 DOUBLE, p52 DOUBLE, p53 DOUBLE, p54 DOUBLE, p55 DOUBLE,
    p56 DOUBLE, p57 DOUBLE, p58 DOUBLE, p59 DOUBLE, p60 DOUBLE, p61 DOUBLE, p62 DOUBLE, p63 DOUBLE
  >
) WITH (
  'connector' = 'filesystem',
  'path' = 'demo/digits-pixels.jsonl',
  'format' = 'json'
);

-- ML_PREDICT takes top-level columns: a view lifts the nested pixel fields out of `pixels`.
CREATE TEMPORARY VIEW digit_events AS
SELECT
  id,
  label,
  pixels.p0 AS p0, pixels.p1 AS p1, pixels.p2 AS p2, pixels.p3 AS p3, pixels.p4 AS p4, pixels.p5 AS p5, pixels.p6 AS p6, pixels.p7 AS p7,
  pixels.p8 AS p8, pixels.p9 AS p9, pixels.p10 AS p10, pixels.p11 AS p11, pixels.p12 AS p12, pixels.p13 AS p13, pixels.p14 AS p14, pixels.p15 AS p15,
  pixels.p16 AS p16, pixels.p17 AS p17, pixels.p18 AS p18, pixels.p19 AS p19, pixels.p20 AS p20, pixels.p21 AS p21, pixels.p22 AS p22, pixels.p23 AS p23,
  pixels.p24 AS p24, pixels.p25 AS p25, pixels.p26 AS p26, pixels.p27 AS p27, pixels.p28 AS p28, pixels.p29 AS p29, pixels.p30 AS p30, pixels.p31 AS p31,
  pixels.p32 AS p32, pixels.p33 AS p33, pixels.p34 AS p34, pixels.p35 AS p35, pixels.p36 AS p36, pixels.p37 AS p37, pixels.p38 AS p38, pixels.p39 AS p39,
  pixels.p40 AS p40, pixels.p41 AS p41, pixels.p42 AS p42, pixels.p43 AS p43, pixels.p44 AS p44, pixels.p45 AS p45, pixels.p46 AS p46, pixels.p47 AS p47,
  pixels.p48 AS p48, pixels.p49 AS p49, pixels.p50 AS p50, pixels.p51 AS p51, pixels.p52 AS p52, pixels.p53 AS p53, pixels.p54 AS p54, pixels.p55 AS p55,
  pixels.p56 AS p56, pixels.p57 AS p57, pixels.p58 AS p58, pixels.p59 AS p59, pixels.p60 AS p60, pixels.p61 AS p61, pixels.p62 AS p62, pixels.p63 AS p63
FROM digits;

-- The model's INPUT columns are its features, in order, plus the label column (not a feature):
-- it makes the `loss` output possible.
CREATE MODEL digits_model
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
OUTPUT (
    predicted INT,
    probabilities ARRAY<DOUBLE>,
    loss DOUBLE,
    model STRING
)
WITH (
  'provider' = 'streamscore',
  'path' = 'demo/digits.onnx',
  'label-column' = 'label'
);

SELECT id, label, predicted, loss, probabilities, model
FROM ML_PREDICT(
  TABLE digit_events,
  MODEL digits_model,
  DESCRIPTOR(
    p0, p1, p2, p3, p4, p5, p6, p7,
    p8, p9, p10, p11, p12, p13, p14, p15,
    p16, p17, p18, p19, p20, p21, p22, p23,
    p24, p25, p26, p27, p28, p29, p30, p31,
    p32, p33, p34, p35, p36, p37, p38, p39,
    p40, p41, p42, p43, p44, p45, p46, p47,
    p48, p49, p50, p51, p52, p53, p54, p55,
    p56, p57, p58, p59, p60, p61, p62, p63,
    label
  )
);
