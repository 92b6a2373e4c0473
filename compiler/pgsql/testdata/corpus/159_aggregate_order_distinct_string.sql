-- deps: dsa.fsiii_indsats
-- columns: string_agg
SELECT string_agg(DISTINCT indsats_type, ', ' ORDER BY indsats_type) FROM dsa.fsiii_indsats
