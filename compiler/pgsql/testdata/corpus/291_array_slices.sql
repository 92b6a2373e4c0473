-- deps: dsa.ky_sag
-- columns: foerste_to, resten, foerste, sidste
SELECT tags[1:2] AS foerste_to,
       tags[2:] AS resten,
       tags[1]::text AS foerste,
       (tags)[array_upper(tags, 1)] AS sidste
FROM dsa.ky_sag
WHERE tags[:1] <> '{}'
