-- deps: dsa.ky_sag
-- columns: doc, sag_id
SELECT $_$it's $$ FROM inner_fake $_$ AS doc, sag_id
FROM dsa.ky_sag
WHERE status <> $a1$FROM x$a1$
