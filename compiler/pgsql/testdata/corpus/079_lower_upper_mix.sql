-- deps: dsa.ky_sag
-- columns: sag_id
select Sag_ID from DSA.Ky_Sag where Status = 'A'
