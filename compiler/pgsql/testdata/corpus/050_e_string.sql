-- deps: dsa.log
-- columns: linjer
SELECT regexp_split_to_array(tekst, E'\n') AS linjer FROM dsa.log WHERE tekst LIKE E'%\\%'
