-- deps: dsa.borger
-- columns: coalesce, upper, now, current_date, extract, btrim, substring, greatest, nullif
SELECT coalesce(navn, ''), upper(navn), now(), current_date, EXTRACT(epoch FROM opdateret),
       trim(both ' ' FROM navn), substring(navn FROM 1 FOR 3), greatest(a, b), nullif(x, '')
FROM dsa.borger
