-- deps: dsa.ky_sag, dm.dim_kommune
-- columns: sag_id, kommune_navn
-- don't forget: it's the kommune's name
SELECT s.sag_id, /* the user's kommune */ k.kommune_navn
FROM dsa.ky_sag s -- borger's sag
JOIN dm.dim_kommune k ON k.kommune_kode = s.kommune_kode /* "unbalanced */
