-- deps: dsa.borger
-- columns: borger_id, alder
SELECT borger_id,
       date_part('year', age(${data_tom}::date, foedselsdato))::int AS alder
FROM dsa.borger
WHERE age(${data_tom}::date, foedselsdato) >= make_interval(years => ${min_alder})
ORDER BY borger_id
LIMIT ${aar}
