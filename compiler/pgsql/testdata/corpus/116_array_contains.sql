-- deps: dsa.ky_sag
-- columns: sag_id
SELECT sag_id FROM dsa.ky_sag WHERE koder @> ARRAY['A1']::text[] OR koder && '{B2}' OR cardinality(koder) = 0
