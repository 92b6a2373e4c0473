SELECT generate_series('2020-01-01'::date, ${data_tom}::date, '1 month')::date AS maaned
