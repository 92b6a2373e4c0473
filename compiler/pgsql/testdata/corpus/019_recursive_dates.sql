-- deps:
-- columns: d
WITH RECURSIVE dage(d) AS (
    SELECT DATE '2024-01-01'
    UNION ALL
    SELECT d + 1 FROM dage WHERE d < DATE '2024-12-31'
)
SELECT d FROM dage
