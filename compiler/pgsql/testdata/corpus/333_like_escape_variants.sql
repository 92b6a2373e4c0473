-- deps: dsa.medarbejder
-- columns: navn, stilling
SELECT navn, stilling
FROM dsa.medarbejder
WHERE stilling LIKE '100!%%' ESCAPE '!'
   OR stilling ~~ 'Leder%'
   OR stilling !~~* '%vikar%'
   OR navn SIMILAR TO '%#_%' ESCAPE '#'
