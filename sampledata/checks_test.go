package sampledata

// The SQL the database tests run over a generated sample. $1 is data_tom (a timestamp at
// midnight), except in the one query over kommune codes, where it is the 98 codes.

type check struct{ name, sql string }

// invariants each count violations; a correct sample has none.
var invariants = []check{
	// KY
	{"sagstilstand of an unknown sag", `SELECT count(*) FROM dsa.ky_sagstilstand s
		WHERE NOT EXISTS (SELECT FROM dsa.ky_sag k WHERE k.sag_id = s.sag_id)`},
	{"opgave of an unknown sag", `SELECT count(*) FROM dsa.ky_opgave o
		WHERE o.sag_id IS NOT NULL AND NOT EXISTS (SELECT FROM dsa.ky_sag k WHERE k.sag_id = o.sag_id)`},
	{"ydelse of an unknown sag", `SELECT count(*) FROM dsa.ky_ydelse y
		WHERE NOT EXISTS (SELECT FROM dsa.ky_sag k WHERE k.sag_id = y.sag_id AND k.ydelsesmodtager_id = y.borger_id)`},
	{"afgoerelse of an unknown sag", `SELECT count(*) FROM dsa.ky_afgoerelse a
		WHERE NOT EXISTS (SELECT FROM dsa.ky_sag k WHERE k.sag_id = a.sag_id)`},
	{"sag without Oprettet on its oprettet_dato", `SELECT count(*) FROM dsa.ky_sag k WHERE NOT EXISTS
		(SELECT FROM dsa.ky_sagstilstand s WHERE s.sag_id = k.sag_id AND s.sagstilstand = 'Oprettet' AND s.fra_dato = k.oprettet_dato)`},
	{"sag without exactly one current state", `SELECT count(*) FROM (SELECT sag_id FROM dsa.ky_sagstilstand
		GROUP BY sag_id HAVING count(*) FILTER (WHERE til_dato IS NULL) <> 1) x`},
	{"state periods that do not chain", `SELECT count(*) FROM dsa.ky_sagstilstand s WHERE til_dato IS NOT NULL
		AND NOT EXISTS (SELECT FROM dsa.ky_sagstilstand n WHERE n.sag_id = s.sag_id AND n.fra_dato = s.til_dato)`},
	{"reversed state period", `SELECT count(*) FROM dsa.ky_sagstilstand WHERE til_dato < fra_dato`},
	{"unknown sagstilstand", `SELECT count(*) FROM dsa.ky_sagstilstand WHERE sagstilstand NOT IN
		('Oprettet', 'Under Oplysning', 'Bevilget', 'Afslag', 'Henlagt', 'Afsluttet')`},
	{"opgavetilstand disagrees with afsluttet_dato", `SELECT count(*) FROM dsa.ky_opgave
		WHERE opgavetilstand NOT IN ('Åben', 'Afbrudt', 'Gennemført') OR (opgavetilstand = 'Åben') <> (afsluttet_dato IS NULL)
		OR afsluttet_dato < oprettet_dato`},
	{"loebenummer out of time order", `SELECT count(*) FROM dsa.ky_afgoerelse x JOIN dsa.ky_afgoerelse y
		ON x.afgoerelse_id = y.afgoerelse_id AND y.loebenummer > x.loebenummer AND y.afgoerelse_tid < x.afgoerelse_tid`},
	{"duplicate loebenummer", `SELECT count(*) FROM (SELECT FROM dsa.ky_afgoerelse GROUP BY afgoerelse_id, loebenummer HAVING count(*) > 1) x`},
	{"KY event after data_tom", `SELECT (SELECT count(*) FROM dsa.ky_sag WHERE oprettet_dato > $1)
		+ (SELECT count(*) FROM dsa.ky_sagstilstand WHERE fra_dato > $1 OR til_dato > $1)
		+ (SELECT count(*) FROM dsa.ky_opgave WHERE oprettet_dato > $1 OR afsluttet_dato > $1)
		+ (SELECT count(*) FROM dsa.ky_ydelse WHERE start_dato > $1)
		+ (SELECT count(*) FROM dsa.ky_afgoerelse WHERE afgoerelse_tid >= $1::date + 1)`},
	// FSIII
	{"FSIII status outside the domain", `SELECT (SELECT count(*) FROM dsa.fsiii_tilstand WHERE status NOT IN ('active', 'completed', 'entered-in-error'))
		+ (SELECT count(*) FROM dsa.fsiii_planlagt_indsats WHERE status NOT IN ('active', 'completed', 'entered-in-error'))
		+ (SELECT count(*) FROM dsa.fsiii_leveret_indsats WHERE status NOT IN ('active', 'completed', 'entered-in-error'))`},
	{"FSIII assessment outside the domain", `SELECT count(*) FROM dsa.fsiii_tilstand WHERE svaerhedsgrad NOT IN (0, 1, 2, 3, 4, 9)
		OR vurdering_udfoerelse !~ '^C[1-4]$' OR vurdering_betydning !~ '^D[12]$'`},
	{"nursing condition with an assessment", `SELECT count(*) FROM dsa.fsiii_tilstand WHERE tilstand_kode LIKE 'I%'
		AND (svaerhedsgrad IS NOT NULL OR vurdering_udfoerelse IS NOT NULL OR vurdering_betydning IS NOT NULL)`},
	{"planlagt indsats of an unknown tilstand", `SELECT count(*) FROM dsa.fsiii_planlagt_indsats p WHERE tilstand_id IS NOT NULL
		AND NOT EXISTS (SELECT FROM dsa.fsiii_tilstand t WHERE t.tilstand_id = p.tilstand_id AND t.borger_id = p.borger_id)`},
	{"duplicate FSIII version", `SELECT (SELECT count(*) FROM (SELECT FROM dsa.fsiii_tilstand GROUP BY tilstand_id, version_tid HAVING count(*) > 1) a)
		+ (SELECT count(*) FROM (SELECT FROM dsa.fsiii_planlagt_indsats GROUP BY indsats_id, version_tid HAVING count(*) > 1) b)
		+ (SELECT count(*) FROM (SELECT FROM dsa.fsiii_leveret_indsats GROUP BY leveret_id, version_tid HAVING count(*) > 1) c)`},
	{"FSIII version after data_tom", `SELECT (SELECT count(*) FROM dsa.fsiii_tilstand WHERE version_tid >= $1::date + 1 OR start_dato > $1)
		+ (SELECT count(*) FROM dsa.fsiii_planlagt_indsats WHERE version_tid >= $1::date + 1)
		+ (SELECT count(*) FROM dsa.fsiii_leveret_indsats WHERE version_tid >= $1::date + 1 OR version_tid < leveret_tid)`},
	{"FSIII for an unknown citizen", `SELECT count(*) FROM dsa.fsiii_tilstand t WHERE NOT EXISTS (SELECT FROM dsa.cpr_person c WHERE c.borger_id = t.borger_id)`},
	// Borger
	{"unknown koen", `SELECT count(*) FROM dsa.cpr_person WHERE koen NOT IN ('K', 'M')`},
	{"birth outside 1930..data_tom", `SELECT count(*) FROM dsa.cpr_person WHERE foedselsdato < '1930-01-01' OR foedselsdato > $1 OR doedsdato > $1 OR doedsdato < foedselsdato`},
	{"citizen at an unknown address or in another kommune than it", `SELECT count(*) FROM dsa.cpr_person c
		WHERE NOT EXISTS (SELECT FROM dsa.adresse a WHERE a.adresse_id = c.adresse_id AND a.kommune_kode = c.bopaelskommune_kode)`},
	{"address without 1–3 citizens", `SELECT count(*) FROM dsa.adresse a
		LEFT JOIN (SELECT adresse_id, count(*) AS n FROM dsa.cpr_person GROUP BY adresse_id) c USING (adresse_id)
		WHERE coalesce(c.n, 0) NOT BETWEEN 1 AND 3`},
	{"implausible mother", `SELECT count(*) FROM dsa.cpr_person c JOIN dsa.cpr_person m ON m.borger_id = c.mor_id
		WHERE m.koen <> 'K' OR age(c.foedselsdato, m.foedselsdato) NOT BETWEEN '17 years' AND '43 years'`},
	{"implausible father", `SELECT count(*) FROM dsa.cpr_person c JOIN dsa.cpr_person f ON f.borger_id = c.far_id
		WHERE f.koen <> 'M' OR age(c.foedselsdato, f.foedselsdato) NOT BETWEEN '19 years' AND '51 years'`},
	{"descendant whose known parent is Danish-born", `SELECT count(*) FROM dsa.cpr_person c JOIN dsa.cpr_person m ON m.borger_id = c.mor_id
		WHERE c.foedeland = 'DK' AND c.statsborgerskab <> 'DK' AND m.foedeland = 'DK' AND m.statsborgerskab = 'DK'`},
	{"address without 1–3 school districts", `SELECT count(*) FROM dsa.adresse a
		LEFT JOIN (SELECT adresse_id, count(*) AS n FROM dsa.lifa_skoledistrikt GROUP BY adresse_id) l USING (adresse_id)
		WHERE coalesce(l.n, 0) NOT BETWEEN 1 AND 3`},
	{"bad grade range", `SELECT count(*) FROM dsa.lifa_skoledistrikt
		WHERE start_klassetrin > slut_klassetrin OR start_klassetrin < 0 OR slut_klassetrin > 10`},
	{"school district of an unknown address", `SELECT count(*) FROM dsa.lifa_skoledistrikt l
		WHERE NOT EXISTS (SELECT FROM dsa.adresse a WHERE a.adresse_id = l.adresse_id)`},
	{"kommune code outside the 98", `SELECT count(*) FROM (
		SELECT kommune_kode k FROM dsa.ky_sag UNION ALL SELECT kommune_kode FROM dsa.ky_opgave
		UNION ALL SELECT kommune_kode FROM dsa.ky_ydelse UNION ALL SELECT kommune_kode FROM dsa.fsiii_tilstand
		UNION ALL SELECT kommune_kode FROM dsa.fsiii_planlagt_indsats UNION ALL SELECT kommune_kode FROM dsa.fsiii_leveret_indsats
		UNION ALL SELECT bopaelskommune_kode FROM dsa.cpr_person UNION ALL SELECT betalingskommune_kode FROM dsa.cpr_person
		UNION ALL SELECT kommune_kode FROM dsa.adresse UNION ALL SELECT kommune_kode FROM dsa.dagtilbud_plads
		UNION ALL SELECT kommune_kode FROM dsa.aula_komme_gaa UNION ALL SELECT bopaelskommune_kode FROM dsa.dream_uge
		UNION ALL SELECT arbejdsstedskommune_kode FROM dsa.dream_uge WHERE arbejdsstedskommune_kode IS NOT NULL
		) x WHERE k IS NULL OR NOT k = ANY ($1::smallint[])`},
	// Dagtilbud and Aula
	{"placement of an unknown or not 0–6 year old child", `SELECT count(*) FROM dsa.dagtilbud_plads d
		WHERE NOT EXISTS (SELECT FROM dsa.cpr_person c WHERE c.borger_id = d.barn_id
			AND d.maaned >= date_trunc('month', c.foedselsdato) AND age(d.maaned, c.foedselsdato) < '7 years')`},
	{"placement outside the history or not on a month's first day", `SELECT count(*) FROM dsa.dagtilbud_plads
		WHERE maaned > $1 OR extract(day FROM maaned) <> 1`},
	{"implausible weekly hours", `SELECT count(*) FROM dsa.dagtilbud_plads WHERE ugentlige_timer < 0 OR ugentlige_timer > 50`},
	{"duplicate placement", `SELECT count(*) FROM (SELECT FROM dsa.dagtilbud_plads GROUP BY barn_id, institution_nr, maaned HAVING count(*) > 1) x`},
	{"aula_barn of an unknown child", `SELECT count(*) FROM dsa.aula_barn b
		WHERE NOT EXISTS (SELECT FROM dsa.dagtilbud_plads d WHERE d.barn_id = b.barn_id)`},
	{"registration of an unknown uuid", `SELECT count(*) FROM dsa.aula_komme_gaa k
		WHERE NOT EXISTS (SELECT FROM dsa.aula_barn b WHERE b.barn_uuid = k.barn_uuid)`},
	{"registration where the child has no placement", `SELECT count(*) FROM dsa.aula_komme_gaa k JOIN dsa.aula_barn b USING (barn_uuid)
		WHERE NOT EXISTS (SELECT FROM dsa.dagtilbud_plads d WHERE d.barn_id = b.barn_id
			AND d.institution_nr = k.institution_nr AND d.maaned = date_trunc('month', k.registrering_tid))`},
	{"status_kode outside 0–8, weekend or after data_tom", `SELECT count(*) FROM dsa.aula_komme_gaa
		WHERE status_kode NOT BETWEEN 0 AND 8 OR extract(isodow FROM registrering_tid) > 5 OR registrering_tid >= $1::date + 1`},
	{"a day not starting with arrival, sickness or absence", `SELECT count(*) FROM (
		SELECT DISTINCT ON (barn_uuid, registrering_tid::date) status_kode FROM dsa.aula_komme_gaa
		ORDER BY barn_uuid, registrering_tid::date, registrering_tid) f WHERE status_kode NOT IN (0, 1, 2, 3)`},
	{"registrations after check-out", `SELECT count(*) FROM dsa.aula_komme_gaa k WHERE EXISTS (
		SELECT FROM dsa.aula_komme_gaa o WHERE o.barn_uuid = k.barn_uuid AND o.status_kode = 8
		AND o.registrering_tid::date = k.registrering_tid::date AND o.registrering_tid < k.registrering_tid)`},
	// DREAM
	{"uge_start not a Monday, or a week past data_tom", `SELECT count(*) FROM dsa.dream_uge
		WHERE extract(isodow FROM uge_start) <> 1 OR uge_start + 6 > $1`},
	{"duplicate person-week", `SELECT count(*) FROM (SELECT FROM dsa.dream_uge GROUP BY borger_id, uge_start HAVING count(*) > 1) x`},
	{"unknown ydelse_kode", `SELECT count(*) FROM dsa.dream_uge u WHERE ydelse_kode IS NOT NULL
		AND NOT EXISTS (SELECT FROM dsa.dream_ydelsesgruppe g WHERE g.ydelse_kode = u.ydelse_kode)`},
	{"beskaeftigelsesgrad outside 0..1 or without a workplace", `SELECT count(*) FROM dsa.dream_uge
		WHERE beskaeftigelsesgrad NOT BETWEEN 0 AND 1 OR (beskaeftigelsesgrad IS NULL) <> (arbejdsstedskommune_kode IS NULL)`},
	{"DREAM week outside 16–66 years or after death", `SELECT count(*) FROM dsa.dream_uge u JOIN dsa.cpr_person c USING (borger_id)
		WHERE age(u.uge_start, c.foedselsdato) NOT BETWEEN '16 years' AND '67 years' OR u.uge_start > c.doedsdato`},
	{"DREAM kommune in the last week differs from CPR", `SELECT count(*) FROM (
		SELECT DISTINCT ON (borger_id) borger_id, uge_start, bopaelskommune_kode FROM dsa.dream_uge ORDER BY borger_id, uge_start DESC) u
		JOIN dsa.cpr_person c USING (borger_id) WHERE c.bopaelskommune_kode <> u.bopaelskommune_kode
		AND u.uge_start = (SELECT max(uge_start) FROM dsa.dream_uge)`},
}

// occurrences are the edge cases the SPEC's rules are about; the sample must hold each.
var occurrences = []check{
	{"sag open at data_tom", `SELECT count(*) FROM dsa.ky_sagstilstand WHERE til_dato IS NULL AND sagstilstand IN ('Oprettet', 'Under Oplysning', 'Bevilget')`},
	{"zero-length state period", `SELECT count(*) FROM dsa.ky_sagstilstand WHERE til_dato = fra_dato`},
	{"sag created and refused the same day", `SELECT count(*) FROM dsa.ky_sag k JOIN dsa.ky_sagstilstand s USING (sag_id)
		WHERE s.sagstilstand = 'Afslag' AND s.fra_dato = k.oprettet_dato`},
	{"sag decided twice", `SELECT count(*) FROM (SELECT FROM dsa.ky_sagstilstand WHERE sagstilstand IN ('Bevilget', 'Afslag', 'Henlagt')
		GROUP BY sag_id HAVING count(*) > 1) x`},
	{"closed sag", `SELECT count(*) FROM dsa.ky_sagstilstand WHERE sagstilstand = 'Afsluttet'`},
	{"opgave without sag", `SELECT count(*) FROM dsa.ky_opgave WHERE sag_id IS NULL`},
	{"open, completed and interrupted opgaver", `SELECT count(DISTINCT opgavetilstand) - 2 FROM dsa.ky_opgave`},
	{"ydelse starting before its sag", `SELECT count(*) FROM dsa.ky_ydelse y JOIN dsa.ky_sag k USING (sag_id) WHERE y.start_dato < k.oprettet_dato`},
	{"ydelse running past data_tom", `SELECT count(*) FROM dsa.ky_ydelse WHERE slut_dato > $1`},
	{"open-ended ydelse", `SELECT count(*) FROM dsa.ky_ydelse WHERE slut_dato IS NULL`},
	{"ydelse outlasting its closed sag", `SELECT count(*) FROM dsa.ky_ydelse y JOIN dsa.ky_sagstilstand s USING (sag_id)
		WHERE s.sagstilstand = 'Afsluttet' AND (y.slut_dato IS NULL OR y.slut_dato > s.fra_dato)`},
	{"afgoerelse with several rows", `SELECT count(*) FROM (SELECT FROM dsa.ky_afgoerelse GROUP BY afgoerelse_id HAVING count(*) > 1) x`},
	{"afgoerelse rows tied on time", `SELECT count(*) FROM (SELECT FROM dsa.ky_afgoerelse GROUP BY afgoerelse_id, afgoerelse_tid HAVING count(*) > 1) x`},
	{"tilstand with several versions", `SELECT count(*) FROM (SELECT FROM dsa.fsiii_tilstand GROUP BY tilstand_id HAVING count(*) > 1) x`},
	{"tilstand whose latest version is entered-in-error", `SELECT count(*) FROM (SELECT DISTINCT ON (tilstand_id) status
		FROM dsa.fsiii_tilstand ORDER BY tilstand_id, version_tid DESC) x WHERE status = 'entered-in-error'`},
	{"planlagt indsats whose latest version is entered-in-error", `SELECT count(*) FROM (SELECT DISTINCT ON (indsats_id) status
		FROM dsa.fsiii_planlagt_indsats ORDER BY indsats_id, version_tid DESC) x WHERE status = 'entered-in-error'`},
	{"tilstand corrected after an entered-in-error version", `SELECT count(*) FROM dsa.fsiii_tilstand e JOIN dsa.fsiii_tilstand l
		ON l.tilstand_id = e.tilstand_id AND l.version_tid > e.version_tid WHERE e.status = 'entered-in-error' AND l.status <> 'entered-in-error'`},
	{"nursing condition without svaerhedsgrad", `SELECT count(*) FROM dsa.fsiii_tilstand WHERE tilstand_kode LIKE 'I%' AND svaerhedsgrad IS NULL`},
	{"svaerhedsgrad 9", `SELECT count(*) FROM dsa.fsiii_tilstand WHERE svaerhedsgrad = 9`},
	{"planlagt indsats without tilstand", `SELECT count(*) FROM dsa.fsiii_planlagt_indsats WHERE tilstand_id IS NULL`},
	{"leveret indsats", `SELECT count(*) FROM dsa.fsiii_leveret_indsats`},
	{"parent id not present in cpr_person", `SELECT count(*) FROM dsa.cpr_person c WHERE c.mor_id IS NOT NULL
		AND NOT EXISTS (SELECT FROM dsa.cpr_person m WHERE m.borger_id = c.mor_id)`},
	{"death", `SELECT count(*) FROM dsa.cpr_person WHERE doedsdato IS NOT NULL`},
	{"betalingskommune other than bopael", `SELECT count(*) FROM dsa.cpr_person WHERE betalingskommune_kode <> bopaelskommune_kode`},
	{"born abroad, Danish citizen", `SELECT count(*) FROM dsa.cpr_person WHERE foedeland <> 'DK' AND statsborgerskab = 'DK'`},
	{"address with three school districts", `SELECT count(*) FROM (SELECT FROM dsa.lifa_skoledistrikt GROUP BY adresse_id HAVING count(*) = 3) x`},
	{"address with tied districts", `SELECT count(*) FROM (SELECT FROM dsa.lifa_skoledistrikt
		GROUP BY adresse_id, slut_klassetrin - start_klassetrin HAVING count(*) > 1) x`},
	{"NULL weekly hours", `SELECT count(*) FROM dsa.dagtilbud_plads WHERE ugentlige_timer IS NULL`},
	{"zero weekly hours", `SELECT count(*) FROM dsa.dagtilbud_plads WHERE ugentlige_timer = 0`},
	{"hours on each side of 25 and 36", `SELECT count(DISTINCT CASE WHEN ugentlige_timer > 36 THEN 1 WHEN ugentlige_timer >= 25 THEN 2 WHEN ugentlige_timer > 0 THEN 3 END) - 2
		FROM dsa.dagtilbud_plads`},
	{"child in two institutions in one month", `SELECT count(*) FROM (SELECT FROM dsa.dagtilbud_plads GROUP BY barn_id, maaned HAVING count(*) > 1) x`},
	{"child with two Aula uuids", `SELECT count(*) FROM (SELECT FROM dsa.aula_barn GROUP BY barn_id HAVING count(*) > 1) x`},
	{"every Aula status code", `SELECT count(DISTINCT status_kode) - 8 FROM dsa.aula_komme_gaa`},
	{"day without check-out", `SELECT count(*) FROM (SELECT FROM dsa.aula_komme_gaa GROUP BY barn_uuid, registrering_tid::date
		HAVING bool_or(status_kode = 3) AND NOT bool_or(status_kode = 8)) x`},
	{"week without ydelse", `SELECT count(*) FROM dsa.dream_uge WHERE ydelse_kode IS NULL`},
	{"move between kommuner", `SELECT count(*) FROM (SELECT FROM dsa.dream_uge GROUP BY borger_id HAVING count(DISTINCT bopaelskommune_kode) > 1) x`},
	{"commuter", `SELECT count(*) FROM dsa.dream_uge WHERE arbejdsstedskommune_kode <> bopaelskommune_kode`},
	{"selected and other ydelser", `SELECT count(DISTINCT er_udvalgt) - 1 FROM dsa.dream_ydelsesgruppe`},
}

// herkomstSQL classifies citizens by SPEC §4's rule, to check the shares.
const herkomstSQL = `
WITH p AS (
  SELECT c.foedeland, c.statsborgerskab,
         m.borger_id IS NOT NULL AS mor_kendt, coalesce(m.foedeland = 'DK' AND m.statsborgerskab = 'DK', false) AS mor_dansk,
         f.borger_id IS NOT NULL AS far_kendt, coalesce(f.foedeland = 'DK' AND f.statsborgerskab = 'DK', false) AS far_dansk
  FROM dsa.cpr_person c
  LEFT JOIN dsa.cpr_person m ON m.borger_id = c.mor_id
  LEFT JOIN dsa.cpr_person f ON f.borger_id = c.far_id)
SELECT h, count(*)::float8 / sum(count(*)) OVER () FROM (
  SELECT CASE
    WHEN mor_dansk OR far_dansk THEN 'Dansk oprindelse'
    WHEN mor_kendt OR far_kendt THEN CASE WHEN foedeland <> 'DK' THEN 'Indvandrer' ELSE 'Efterkommer' END
    WHEN foedeland <> 'DK' THEN 'Indvandrer'
    WHEN statsborgerskab <> 'DK' THEN 'Efterkommer'
    ELSE 'Dansk oprindelse' END AS h
  FROM p) x GROUP BY h`
