-- fact_ky_opgaver for the benchmark cube. Opgaver carry no person columns; the table exists
-- so the benchmark cube reads only benchmark tables.
SELECT
    opgave_id,
    maaned,
    sag_id,
    kommune_kode,
    opgavetilstand,
    opgavetid_dage,
    er_aaben_ved_maanedsslut,
    er_oprettet,
    er_afsluttet,
    kle_nummer,
    ydelsesart
FROM fact_ky_opgaver
WHERE maaned >= ${range_start}::date
