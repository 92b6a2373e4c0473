-- deps: dsa.ky_sag, dm.dim_kommune
-- columns: sag_id, kommune_navn
SELECT S.Sag_Id, K.Kommune_Navn
FROM DSA.KY_SAG S
INNER JOIN Dm.Dim_Kommune K ON K.KOMMUNE_KODE = S.KOMMUNE_KODE
