-- deps: dsa.ky_sag
-- columns: count, sum, coalesce, greatest, nullif, date_trunc, extract, substring, btrim, position, overlay, now, current_date, current_timestamp, localtimestamp, current_user
SELECT count(*), sum(kommune_kode), coalesce(slutdato, startdato), greatest(startdato, slutdato),
       nullif(status, ''), date_trunc('month', startdato), extract(year FROM startdato),
       substring(status FROM 1 FOR 2), trim(status), position('a' IN status), overlay(status PLACING 'x' FROM 1),
       now(), current_date, current_timestamp, localtimestamp, current_user
FROM dsa.ky_sag
GROUP BY slutdato, startdato, status
