-- deps: dsa.ky_sag
-- columns: sag_id, status, date, int4, date, interval, startdato, kommune_kode, int4, array, int4, text
SELECT sag_id::bigint, CAST(status AS varchar(10)), '2024-01-01'::date, int4(kommune_kode),
       date '2024-01-01', interval '1 day', (startdato)::timestamp, kommune_kode::numeric(10, 2),
       (kommune_kode + 1)::int, ARRAY[1, 2]::text[], NULL::int, CAST('x' AS text)
FROM dsa.ky_sag
