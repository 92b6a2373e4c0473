-- Dagtilbud placements per child, month and institution, through data_tom, with
-- fuldtidsbørn after Danmarks Statistik: > 36 hours 1, 25-36 hours 0.75, < 25 hours 0.5.
-- The bands live in the seed kode_fuldtidsboern as numeric ranges; NULL or non-positive
-- hours fall in no band and give NULL (SPEC §5 Decision; a warn-level test reports them).
-- A child may have several placements at one institution in a month; each is kept, numbered
-- from the most hours down, so (barn_id, maaned, institution_nr, plads_nr) is the key.
-- Incremental by range on maaned: every value of a month depends only on that month's rows.
SELECT
    p.barn_id,
    date_trunc('month', p.maaned)::date    AS maaned,
    p.institution_nr,
    row_number() OVER (
        PARTITION BY p.barn_id, date_trunc('month', p.maaned)::date, p.institution_nr
        ORDER BY p.ugentlige_timer DESC NULLS LAST
    )                                      AS plads_nr,
    p.kommune_kode,
    p.ugentlige_timer,
    b.fuldtidsboern
FROM dsa.dagtilbud_plads AS p
LEFT JOIN kode_fuldtidsboern AS b ON p.ugentlige_timer <@ b.ugentlige_timer
WHERE p.maaned <= ${data_tom}::date
  AND p.maaned >= ${range_start}::date
