-- deps: dsa.ky_ydelse, dm.dim_ydelse
-- columns: sag_id, x
SELECT y.sag_id,(y.beloeb*-1)::numeric AS x FROM dsa.ky_ydelse y,dm.dim_ydelse d WHERE d.ydelse=y.type AND y.beloeb>=-100 AND d.aktiv
