-- deps: dsa.ky_ydelse
-- columns: ?column?, ?column?, beloeb, ?column?
SELECT beloeb * 2, -beloeb, beloeb::numeric, beloeb IS NULL FROM dsa.ky_ydelse
