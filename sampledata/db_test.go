package sampledata

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/internal/pgtest"
)

// generate fills conn's database with a sample and returns the stats.
func generate(t *testing.T, conn *pgx.Conn, o Options) Stats {
	t.Helper()
	st, err := Generate(context.Background(), conn, o)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return st
}

// checksums returns an md5 per table over its rows' text, in a total order, so two databases
// compare equal exactly when they hold the same rows.
func checksums(t *testing.T, conn *pgx.Conn) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, tb := range Tables() {
		var sum string
		q := "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + tb + " t"
		if err := conn.QueryRow(context.Background(), q).Scan(&sum); err != nil {
			t.Fatalf("%s: %v", tb, err)
		}
		out[tb] = sum
	}
	return out
}

func count(t *testing.T, conn *pgx.Conn, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := conn.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return n
}

func TestGenerate(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	var progress bytes.Buffer
	t0 := time.Now()
	st := generate(t, conn, Options{Citizens: 3000, Progress: &progress})
	t.Logf("3,000 citizens: %d rows in %s (%.0f rows/s)\n%s", st.Rows, time.Since(t0).Round(time.Millisecond), st.RowsPerSecond(), progress.String())
	tom := mkDate(2024, 3, 31).time()

	t.Run("row counts", func(t *testing.T) {
		if len(st.Tables) != len(specTables) {
			t.Fatalf("stats for %d tables, want %d", len(st.Tables), len(specTables))
		}
		var sum int64
		for _, ts := range st.Tables {
			n := count(t, conn, "SELECT count(*) FROM "+ts.Table)
			if n != ts.Rows || n == 0 {
				t.Errorf("%s: %d rows in the table, %d in Stats (and none may be empty)", ts.Table, n, ts.Rows)
			}
			sum += n
			if !strings.Contains(progress.String(), ts.Table) {
				t.Errorf("no progress line for %s", ts.Table)
			}
		}
		if sum != st.Rows {
			t.Errorf("Stats.Rows = %d, tables hold %d", st.Rows, sum)
		}
		if n := count(t, conn, "SELECT count(*) FROM dsa.cpr_person"); n != 3000 {
			t.Errorf("cpr_person has %d rows, want 3000", n)
		}
	})

	t.Run("DDL matches SPEC", func(t *testing.T) {
		for _, tb := range specTables {
			schema, name, _ := strings.Cut(tb.name, ".")
			rows, err := conn.Query(ctx, `SELECT column_name, data_type FROM information_schema.columns
				WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, schema, name)
			if err != nil {
				t.Fatal(err)
			}
			var got []specColumn
			for rows.Next() {
				var c specColumn
				if err := rows.Scan(&c.name, &c.typ); err != nil {
					t.Fatal(err)
				}
				got = append(got, c)
			}
			if rows.Err() != nil {
				t.Fatal(rows.Err())
			}
			if len(got) != len(tb.cols) {
				t.Errorf("%s: columns %v, SPEC %v", tb.name, got, tb.cols)
				continue
			}
			for i := range got {
				if got[i] != tb.cols[i] {
					t.Errorf("%s column %d: %v, SPEC %v", tb.name, i+1, got[i], tb.cols[i])
				}
			}
			var pk string
			err = conn.QueryRow(ctx, `SELECT coalesce(string_agg(k.column_name, ',' ORDER BY k.ordinal_position), '')
				FROM information_schema.table_constraints c
				JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
				WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = $1 AND c.table_name = $2`, schema, name).Scan(&pk)
			if err != nil {
				t.Fatal(err)
			}
			if pk != tb.pk {
				t.Errorf("%s: primary key %q, SPEC %q", tb.name, pk, tb.pk)
			}
		}
	})

	t.Run("referential sanity and value domains", func(t *testing.T) {
		ks, err := loadKommuner()
		if err != nil {
			t.Fatal(err)
		}
		var koder []int16
		for _, k := range ks.list {
			koder = append(koder, k.kode)
		}
		for _, c := range invariants {
			var args []any
			switch {
			case strings.Contains(c.sql, "$1::smallint[]"):
				args = append(args, koder)
			case strings.Contains(c.sql, "$1"):
				args = append(args, tom)
			}
			t0 := time.Now()
			if n := count(t, conn, c.sql, args...); n != 0 {
				t.Errorf("%s: %d violations\n%s", c.name, n, c.sql)
			}
			if d := time.Since(t0); d > 300*time.Millisecond {
				t.Logf("slow check (%s): %s", d.Round(time.Millisecond), c.name)
			}
		}
	})

	t.Run("realism", func(t *testing.T) {
		for _, c := range occurrences {
			var args []any
			if strings.Contains(c.sql, "$1") {
				args = append(args, tom)
			}
			if n := count(t, conn, c.sql, args...); n == 0 {
				t.Errorf("no %s in the sample\n%s", c.name, c.sql)
			}
		}
		shares := map[string]float64{}
		rows, err := conn.Query(ctx, herkomstSQL)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var h string
			var share float64
			if err := rows.Scan(&h, &share); err != nil {
				t.Fatal(err)
			}
			shares[h] = share
		}
		for h, lim := range map[string][2]float64{"Dansk oprindelse": {0.80, 0.90}, "Indvandrer": {0.07, 0.13}, "Efterkommer": {0.02, 0.07}} {
			if s := shares[h]; s < lim[0] || s > lim[1] {
				t.Errorf("herkomst %s: share %.3f, want %.2f–%.2f", h, s, lim[0], lim[1])
			}
		}
		t.Logf("herkomst shares: %v", shares)
		kbh := float64(count(t, conn, "SELECT count(*) FROM dsa.cpr_person WHERE bopaelskommune_kode = 101")) / 3000
		if kbh < 0.08 || kbh > 0.14 {
			t.Errorf("København holds %.3f of the citizens, want ~0.11", kbh)
		}
		known := float64(count(t, conn, `SELECT count(*) FROM dsa.cpr_person c JOIN dsa.cpr_person m ON m.borger_id = c.mor_id
			WHERE c.foedselsdato >= '1960-01-01'`)) /
			float64(count(t, conn, "SELECT count(*) FROM dsa.cpr_person WHERE foedselsdato >= '1960-01-01'"))
		if known < 0.75 {
			t.Errorf("mother known for %.2f of those born since 1960, want most", known)
		}
	})

	t.Run("refuses a full schema", func(t *testing.T) {
		before := checksums(t, conn)
		_, err := Generate(ctx, conn, Options{Citizens: 100})
		if !errors.Is(err, ErrNotEmpty) {
			t.Fatalf("Generate on a full schema: %v, want ErrNotEmpty", err)
		}
		if !strings.Contains(err.Error(), "dsa.ky_sag") {
			t.Errorf("error does not name the tables: %v", err)
		}
		if after := checksums(t, conn); !equal(before, after) {
			t.Error("a refused Generate changed the data")
		}
		// Replace regenerates the same sample from the same options.
		generate(t, conn, Options{Citizens: 3000, Replace: true})
		if after := checksums(t, conn); !equal(before, after) {
			t.Error("Replace with the same options gave different data")
		}
	})
}

func TestGenerateDeterministic(t *testing.T) {
	o := Options{Citizens: 1200, Months: 14, AulaMonths: 2, DataTom: time.Date(2025, 7, 31, 0, 0, 0, 0, time.UTC)}
	a, b, c := pgtest.Conn(t), pgtest.Conn(t), pgtest.Conn(t)
	generate(t, a, o)
	generate(t, b, o)
	o.Seed = 99
	generate(t, c, o)
	sa, sb, sc := checksums(t, a), checksums(t, b), checksums(t, c)
	for _, tb := range Tables() {
		if sa[tb] != sb[tb] {
			t.Errorf("%s: two runs with the same options differ", tb)
		}
		if sa[tb] == sc[tb] && tb != "dsa.dream_ydelsesgruppe" {
			t.Errorf("%s: a different seed gave the same data", tb)
		}
	}
	if n := count(t, a, "SELECT count(*) FROM dsa.aula_komme_gaa WHERE registrering_tid < '2025-06-01'"); n != 0 {
		t.Errorf("%d Aula registrations before the two-month Aula window", n)
	}
	if n := count(t, a, "SELECT count(*) FROM dsa.ky_sag WHERE oprettet_dato < '2024-06-01'"); n != 0 {
		t.Errorf("%d cases created before the 14-month history", n)
	}
}

func TestGenerateRollsBackOnError(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	// A table in the way with the wrong shape: COPY fails, and nothing may be left behind.
	if _, err := conn.Exec(ctx, "CREATE SCHEMA dsa; CREATE TABLE dsa.adresse (adresse_id int)"); err != nil {
		t.Fatal(err)
	}
	_, err := Generate(ctx, conn, Options{Citizens: 100})
	if err == nil || !strings.Contains(err.Error(), "dsa.adresse") {
		t.Fatalf("Generate over a wrong dsa.adresse: %v, want an error naming it", err)
	}
	if n := count(t, conn, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'dsa'"); n != 1 {
		t.Errorf("%d dsa tables after a failed Generate, want only the pre-existing one", n)
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
