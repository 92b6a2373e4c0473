-- deps: dsa.borger, dsa.ky_sag
SELECT b.*, s.sag_id FROM dsa.borger b JOIN dsa.ky_sag s USING (borger_id)
