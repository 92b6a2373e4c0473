-- deps: dsa.flag
-- columns: flag_id
SELECT flag_id FROM dsa.flag WHERE (flag & B'0101'::int) <> 0 OR maske = X'FF'::int
