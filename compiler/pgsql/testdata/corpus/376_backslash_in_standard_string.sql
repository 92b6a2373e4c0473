-- deps: dsa.events, dm.dim_kommune
-- columns: sti, kommune_navn
SELECT replace(e.source, '\', '/') AS sti, k.kommune_navn
FROM dsa.events e
JOIN dm.dim_kommune k ON k.kommune_kode::text = split_part(e.source, '\', 2)
