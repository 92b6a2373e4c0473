-- deps: dm.dim_ydelse
-- columns: ydelse, del, nr
SELECT y.ydelse, p.del, p.nr
FROM dm.dim_ydelse y
CROSS JOIN LATERAL string_to_table(y.name, ',') WITH ORDINALITY AS p(del, nr)
CROSS JOIN regexp_split_to_table('a;b', ';') AS r
