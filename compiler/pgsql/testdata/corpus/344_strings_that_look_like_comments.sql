-- deps: dsa.events, dm.dim_kommune
-- columns: a, b, c, kommune_navn
SELECT '--' AS a, '/*' AS b, $$*/ -- $$ AS c, k.kommune_navn
FROM dsa.events e
JOIN dm.dim_kommune k ON k.kommune_kode::text = e.source
