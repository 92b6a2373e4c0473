SELECT s.sag_id
FROM stg_sagg s
