-- deps: dsa.ky_haendelse
-- columns: haendelse_id, linje, beloeb
SELECT h.haendelse_id, r.linje, r.beloeb
FROM dsa.ky_haendelse h,
     jsonb_to_recordset(h.payload -> 'linjer') AS r(linje int, beloeb numeric)
