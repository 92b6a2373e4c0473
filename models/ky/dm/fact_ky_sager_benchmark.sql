-- fact_ky_sager for the benchmark cube: every kommune sees every kommune's rows, so no
-- person, sagsbehandler or organisation columns (the cube has no such dimensions).
SELECT
    sag_id,
    maaned,
    kommune_kode,
    sagstilstand,
    sagsbehandlingstid_dage,
    sag_varighed_dage,
    er_oprettet,
    er_sagsbehandling_afsluttet,
    er_afsluttet,
    kle_nummer,
    ydelsesart
FROM fact_ky_sager
WHERE maaned >= ${range_start}::date
