SELECT 1 AS x /* no end
