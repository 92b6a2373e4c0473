-- deps: dm.fact_ky_sager
-- columns: sag_id
-- brug ${data_tom} her
SELECT sag_id FROM dm.fact_ky_sager /* ${ikke_brugt */
