-- deps: dsa.borger
-- columns: borger_pseudo, koen, alder
SELECT encode(hmac(cpr::bytea, current_setting('flis.pseudonym_key')::bytea, 'sha256'), 'hex') AS borger_pseudo,
       CASE WHEN substr(cpr, 10, 1)::int % 2 = 0 THEN 'K' ELSE 'M' END AS koen,
       date_part('year', age(${data_tom}::date, foedselsdato))::int AS alder
FROM dsa.borger
