// Command genproject writes a synthetic flis project of N models for compile benchmarks:
// realistic PostgreSQL (CTEs, joins, window functions, casts, FILTER, DISTINCT ON, month
// roll-outs with generate_series), models in chains and fan-outs across data areas, sidecars
// with columns and tests on a third of them, and source declarations. The output is the same
// for the same -n and -seed.
//
//	go run ./tools/genproject -n 10000 -out /tmp/proj10k
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var areas = []string{"ky", "fsiii", "borger", "dagtilbud", "dream", "stil", "krl", "ukraine", "sundhed", "oekonomi"}

func main() {
	n := flag.Int("n", 1000, "number of models")
	out := flag.String("out", "", "folder to write the project into (must not exist or be empty)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "genproject: -out is required")
		os.Exit(2)
	}
	if err := generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "genproject:", err)
		os.Exit(1)
	}
}

func generate(root string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 42))
	write := func(rel, content string) error {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(content), 0o644)
	}
	var tree strings.Builder
	tree.WriteString("name: bench\nversion: \"1.0\"\nvars:\n  data_tom: \"2024-03-31\"\n  min_age: 18\n")
	tree.WriteString("targets:\n  dev: {}\n  ci: {schema_suffix: _ci}\ndefault_target: dev\nmodels:\n  +materialized: view\n  +schema: stg\n")
	for _, a := range areas {
		fmt.Fprintf(&tree, "  %s:\n    +tags: [%s]\n", a, a)
	}
	if err := write("flis.yaml", tree.String()); err != nil {
		return err
	}
	for _, a := range areas {
		var s strings.Builder
		fmt.Fprintf(&s, "sources:\n  - name: dsa\n    tables:\n")
		for t := 0; t < 3; t++ {
			fmt.Fprintf(&s, "      - name: %s_src%d\n        columns:\n          - {name: id, type: text, tests: [not_null]}\n          - {name: kommune_kode, type: smallint}\n          - {name: fra_dato, type: date}\n          - {name: til_dato, type: date}\n          - {name: beloeb, type: numeric}\n", a, t)
		}
		if err := write("models/"+a+"/_sources.yml", s.String()); err != nil {
			return err
		}
	}
	names := make([]string, n)
	for i := 0; i < n; i++ {
		names[i] = fmt.Sprintf("m%05d_%s", i, areas[i%len(areas)])
	}
	for i := 0; i < n; i++ {
		area := areas[i%len(areas)]
		var deps []string
		if i < len(areas)*3 {
			deps = []string{fmt.Sprintf("dsa.%s_src%d", area, rng.IntN(3))}
		} else {
			// Mostly chains within recent models, some fan-in from far back.
			k := 1 + rng.IntN(3)
			seen := map[int]bool{}
			for len(deps) < k {
				j := i - 1 - rng.IntN(min(i, 40))
				if rng.IntN(5) == 0 {
					j = rng.IntN(i)
				}
				if !seen[j] {
					seen[j] = true
					deps = append(deps, names[j])
				}
			}
		}
		sql := modelSQL(rng, i, deps)
		if err := write(fmt.Sprintf("models/%s/%s.sql", area, names[i]), sql); err != nil {
			return err
		}
		if i%3 == 0 {
			yml := fmt.Sprintf("description: Generated model %d.\ncolumns:\n  - name: id\n    description: Key.\n    tests: [not_null]\n  - name: kommune_kode\n    tests:\n      - accepted_values: {values: [101, 147, 851], quote: false, severity: warn}\n  - name: maaned\n", i)
			if err := write(fmt.Sprintf("models/%s/%s.yml", area, names[i]), yml); err != nil {
				return err
			}
		}
	}
	return nil
}

// modelSQL returns one model: every model outputs id, kommune_kode, maaned, fra_dato,
// til_dato, beloeb, so any model can read any other.
func modelSQL(rng *rand.Rand, i int, deps []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- model %d: generated for the compile benchmark\n", i)
	b.WriteString("WITH base AS (\n")
	for k, d := range deps {
		if k > 0 {
			b.WriteString("    UNION ALL\n")
		}
		fmt.Fprintf(&b, "    SELECT id, kommune_kode::smallint AS kommune_kode, fra_dato, til_dato, beloeb::numeric(12,2) AS beloeb\n    FROM %s\n    WHERE fra_dato <= ${data_tom}::date\n", d)
	}
	b.WriteString("),\n")
	switch rng.IntN(4) {
	case 0:
		b.WriteString(`ranked AS (
    SELECT b.*,
           row_number() OVER (PARTITION BY b.id ORDER BY b.fra_dato DESC NULLS LAST) AS rn,
           sum(b.beloeb) OVER (PARTITION BY b.kommune_kode ORDER BY b.fra_dato ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS loebende
    FROM base b
)
SELECT id, kommune_kode, date_trunc('month', fra_dato)::date AS maaned, fra_dato, til_dato,
       CASE WHEN rn = 1 THEN loebende ELSE beloeb END AS beloeb
FROM ranked
WHERE rn <= 3
`)
	case 1:
		b.WriteString(`months AS (
    SELECT b.id, b.kommune_kode, m::date AS maaned, b.fra_dato, b.til_dato, b.beloeb
    FROM base b
    CROSS JOIN LATERAL generate_series(date_trunc('month', b.fra_dato),
                                       date_trunc('month', coalesce(b.til_dato, ${data_tom}::date)),
                                       interval '1 month') AS m
)
SELECT DISTINCT ON (id, maaned) id, kommune_kode, maaned, fra_dato, til_dato, beloeb
FROM months
ORDER BY id, maaned, fra_dato DESC
`)
	case 2:
		b.WriteString(`agg AS (
    SELECT kommune_kode, date_trunc('month', fra_dato)::date AS maaned,
           count(*) FILTER (WHERE til_dato IS NULL) AS aabne,
           max(id) AS id, min(fra_dato) AS fra_dato, max(til_dato) AS til_dato,
           sum(beloeb) AS beloeb
    FROM base
    GROUP BY 1, 2
)
SELECT a.id, a.kommune_kode, a.maaned, a.fra_dato, a.til_dato, a.beloeb + a.aabne AS beloeb
FROM agg a
WHERE a.kommune_kode IS NOT DISTINCT FROM a.kommune_kode
`)
	default:
		b.WriteString(`joined AS (
    SELECT x.id, x.kommune_kode, x.fra_dato, x.til_dato, x.beloeb, y.beloeb AS andet
    FROM base x
    LEFT JOIN base y ON y.id = x.id AND y.fra_dato > x.fra_dato
)
SELECT id, kommune_kode, date_trunc('month', fra_dato)::date AS maaned, fra_dato, til_dato,
       coalesce(andet, beloeb, 0)::numeric(12,2) AS beloeb
FROM joined
WHERE id ~ '^[0-9A-Za-z]' AND extract(year FROM age(${data_tom}::date, fra_dato)) >= 0
`)
	}
	return b.String()
}
