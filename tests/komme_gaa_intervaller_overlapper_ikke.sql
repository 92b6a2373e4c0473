-- A child's komme/gå intervals on one day follow each other without overlap, and only the
-- day's last interval may lack an end. Returns the intervals that break this.
SELECT barn_uuid, dato, interval_nr, starttidspunkt, sluttidspunkt, naeste_start
FROM (
    SELECT
        barn_uuid,
        dato,
        interval_nr,
        starttidspunkt,
        sluttidspunkt,
        lead(starttidspunkt) OVER (PARTITION BY barn_uuid, dato ORDER BY interval_nr) AS naeste_start
    FROM fact_dagtilbud_komme_gaa
) AS k
WHERE naeste_start IS NOT NULL
  AND (sluttidspunkt IS NULL OR sluttidspunkt > naeste_start OR naeste_start < starttidspunkt)
