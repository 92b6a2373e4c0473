-- The month spine every month-rolled fact joins against: each month up to and including
-- the month of data_tom, so nothing rolls into the future.
SELECT DISTINCT
    maaned,
    sidste_dag_i_maaned,
    dage_i_maaned
FROM dim_tid
WHERE maaned <= ${data_tom}::date
