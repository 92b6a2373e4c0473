-- deps: dsa.fsiii_visitation, dsa.fsiii_indsats, dsa.fsiii_leverandoer
-- columns: visitation_id, borger_id, indsats, leverandoer, timer_pr_uge
SELECT v.visitation_id, v.borger_id, i.navn AS indsats, l.navn AS leverandoer,
       round((i.minutter * i.gange_pr_uge)::numeric / 60, 2) AS timer_pr_uge
FROM dsa.fsiii_visitation v
JOIN dsa.fsiii_indsats i ON i.visitation_id = v.visitation_id
LEFT JOIN dsa.fsiii_leverandoer l ON l.leverandoer_id = i.leverandoer_id
WHERE v.status = 'Bevilget'
  AND daterange(v.startdato, v.slutdato, '[]') @> ${data_tom}::date
