-- deps: dsa.log
-- columns: besked
SELECT replace(besked, $$FROM dsa.hemmelig$$, '') AS besked FROM dsa.log
