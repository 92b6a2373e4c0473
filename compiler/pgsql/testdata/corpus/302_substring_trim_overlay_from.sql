-- deps: dsa.borger
-- columns: foedselsdag, kort_navn, maskeret, pos
SELECT substring(cpr FROM 1 FOR 6) AS foedselsdag,
       trim(BOTH ' ' FROM name) AS kort_navn,
       overlay(cpr PLACING 'XXXX' FROM 7 FOR 4) AS maskeret,
       position('-' IN cpr) AS pos
FROM dsa.borger
WHERE trim(LEADING '0' FROM cpr) <> ''
