-- deps: dsa.ky_sag, dm.dim_kommune
-- columns: kommune_kode, sager, meta
SELECT k.kommune_kode,
       jsonb_agg(to_jsonb(s) - 'payload' ORDER BY s.sag_id) AS sager,
       jsonb_build_object('from', min(s.startdato), 'table', k.kommune_navn, 'select', count(*)) AS meta
FROM dm.dim_kommune k
JOIN dsa.ky_sag s ON s.kommune_kode = k.kommune_kode
GROUP BY k.kommune_kode, k.kommune_navn
