-- One row per citizen born by data_tom, with herkomst after Danmarks Statistik's definition.
-- A parent is known when its id is set and present in dsa.cpr_person; a known parent
-- qualifies when it is a Danish citizen AND born in Denmark.
WITH person AS (
    SELECT
        p.*,
        coalesce(p.foedeland <> 'DK', false)                     AS er_foedt_i_udlandet,
        mor.borger_id IS NOT NULL OR far.borger_id IS NOT NULL    AS har_kendt_foraelder,
        coalesce(mor.statsborgerskab = 'DK' AND mor.foedeland = 'DK', false)
          OR coalesce(far.statsborgerskab = 'DK' AND far.foedeland = 'DK', false)
                                                                  AS har_dansk_foraelder
    FROM dsa.cpr_person AS p
    LEFT JOIN dsa.cpr_person AS mor ON mor.borger_id = p.mor_id
    LEFT JOIN dsa.cpr_person AS far ON far.borger_id = p.far_id
    WHERE p.foedselsdato <= ${data_tom}::date OR p.foedselsdato IS NULL
)

SELECT
    borger_id,
    foedselsdato,
    koen,
    foedeland,
    statsborgerskab,
    bopaelskommune_kode,
    betalingskommune_kode,
    adresse_id,
    -- A death after data_tom has not happened yet.
    CASE WHEN doedsdato <= ${data_tom}::date THEN doedsdato END AS doedsdato,
    CASE
        WHEN har_dansk_foraelder THEN 'Dansk oprindelse'
        WHEN har_kendt_foraelder AND er_foedt_i_udlandet THEN 'Indvandrer'
        WHEN har_kendt_foraelder THEN 'Efterkommer'
        WHEN er_foedt_i_udlandet THEN 'Indvandrer'
        WHEN coalesce(statsborgerskab <> 'DK', false) THEN 'Efterkommer'
        ELSE 'Dansk oprindelse'
    END AS herkomst
FROM person
