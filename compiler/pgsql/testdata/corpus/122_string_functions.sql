-- deps: dsa.borger
-- columns: initialer, navn_laengde, fornavn
SELECT left(fornavn, 1) || left(efternavn, 1) AS initialer,
       length(fornavn || ' ' || efternavn) AS navn_laengde,
       initcap(lower(fornavn)) AS fornavn
FROM dsa.borger
