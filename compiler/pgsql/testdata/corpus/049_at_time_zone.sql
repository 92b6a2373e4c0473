-- deps: dsa.ky_haendelse
-- columns: haendelse_id, lokal, timezone
SELECT haendelse_id, tidspunkt AT TIME ZONE 'Europe/Copenhagen' AS lokal, tidspunkt AT TIME ZONE 'UTC'
FROM dsa.ky_haendelse
