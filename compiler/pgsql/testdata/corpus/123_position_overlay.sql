-- deps: dsa.borger
-- columns: position, maskeret
SELECT position('-' IN cpr), overlay(cpr placing 'XXXX' from 7 for 4) AS maskeret FROM dsa.borger
