// Package scenarios holds hand-checked FLIS cases: tiny DSA loads with the DM rows they must
// produce (see README.md), and the test that builds the real project on each of them.
package scenarios

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/internal/cli"
	"github.com/flis-dk/flis/internal/pgtest"
	"github.com/flis-dk/flis/sampledata"
)

// TestScenarios builds the FLIS project on every scenario's DSA rows and compares each
// want/<table>.csv with dm.<table>, row for row, as PostgreSQL prints them.
func TestScenarios(t *testing.T) {
	dirs, err := filepath.Glob("*/want")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no scenarios found: %v", err)
	}
	project := copyProject(t)
	for _, w := range dirs {
		dir := filepath.Dir(w)
		t.Run(dir, func(t *testing.T) {
			ctx := context.Background()
			dsn := pgtest.DSN(t)
			conn, err := pgx.Connect(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			loadDSA(t, conn, filepath.Join(dir, "dsa"))

			out := flis(t, project, dsn, "build")
			if strings.Contains(out, "FAIL=") && !strings.Contains(out, "FAIL=0") {
				t.Errorf("data tests failed:\n%s", out)
			}
			wants, _ := filepath.Glob(filepath.Join(dir, "want", "*.csv"))
			for _, wf := range wants {
				table := strings.TrimSuffix(filepath.Base(wf), ".csv")
				want, err := os.ReadFile(wf)
				if err != nil {
					t.Fatal(err)
				}
				got := dump(t, conn, "dm."+table, firstLine(string(want)))
				if d := diffLines(string(want), got); d != "" {
					t.Errorf("dm.%s differs from %s:\n%s", table, wf, d)
				}
			}
		})
	}
}

// TestIncrementalEqualsFullRefresh loads the sample data, builds month by month by moving
// data_tom forward (events after data_tom have not happened yet, so each step is "a new month
// of DSA data arrives"), and checks that the incremental result equals a full refresh.
func TestIncrementalEqualsFullRefresh(t *testing.T) {
	ctx := context.Background()
	project := copyProject(t)
	dsn := pgtest.DSN(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := sampledata.Generate(ctx, conn, sampledata.Options{Citizens: 1500}); err != nil {
		t.Fatal(err)
	}
	// Month-rolled facts and their benchmarks rebuild a range of months; DREAM rebuilds two
	// bands of weeks with delete+insert (see models/dream/dm/fact_dream.sql).
	ranged := []string{
		"fact_ky_sager", "fact_ky_opgaver", "fact_ky_ydelser", "fact_planlagt_indsats",
		"fact_ky_sager_benchmark", "fact_ky_opgaver_benchmark", "fact_ky_ydelser_benchmark",
		"fact_planlagt_indsats_benchmark", "fact_dagtilbud", "fact_dagtilbud_benchmark",
		"fact_dagtilbud_komme_gaa", "fact_dagtilbud_komme_gaa_benchmark",
	}
	deleteInsert := []string{"fact_dream", "fact_dream_benchmark"}
	incremental := append(append([]string{}, ranged...), deleteInsert...)
	flis(t, project, dsn, "build", "--vars", "data_tom=2024-01-31")
	before := countRows(t, conn, incremental)
	flis(t, project, dsn, "build", "--vars", "data_tom=2024-02-29")
	out := flis(t, project, dsn, "build", "--vars", "data_tom=2024-03-31")
	for _, m := range ranged {
		if !strings.Contains(out, "incremental range dm."+m+" ") {
			t.Errorf("%s was not built with the range strategy:\n%s", m, out)
		}
	}
	for _, m := range deleteInsert {
		if !strings.Contains(out, "incremental delete+insert dm."+m+" ") {
			t.Errorf("%s was not built with the delete+insert strategy:\n%s", m, out)
		}
	}
	inc := checksums(t, conn)
	after := countRows(t, conn, incremental)
	flis(t, project, dsn, "build", "--full-refresh", "--vars", "data_tom=2024-03-31")
	full := checksums(t, conn)
	if len(full) < 15 {
		t.Fatalf("only %d dm tables", len(full))
	}
	for table, sum := range full {
		if inc[table] != sum {
			t.Errorf("dm.%s: incremental build differs from a full refresh", table)
		}
	}
	for _, m := range incremental {
		if after[m] <= before[m] {
			t.Errorf("dm.%s did not grow with two new months: %d → %d rows", m, before[m], after[m])
		}
	}
}

// TestIncrementalScenarios builds every scenario folder with a data_tom.txt on its DSA rows:
// for each listed data_tom after the first, a full build at the line before and then an
// incremental build at this one must equal a full refresh at this one, table for table.
// Unlike TestIncrementalEqualsFullRefresh's generated sample, these rows are made to hit the
// edges of the incremental schemes (gapped DREAM weeks, see dream_huller/README.md).
func TestIncrementalScenarios(t *testing.T) {
	files, err := filepath.Glob("*/data_tom.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no incremental scenarios found: %v", err)
	}
	project := copyProject(t)
	for _, f := range files {
		dir := filepath.Dir(f)
		t.Run(dir, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			toms := lines(string(data))
			if len(toms) < 2 {
				t.Fatalf("%s: want at least two data_tom lines", f)
			}
			ctx := context.Background()
			dsn := pgtest.DSN(t)
			conn, err := pgx.Connect(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			loadDSA(t, conn, filepath.Join(dir, "dsa"))
			for i := 1; i < len(toms); i++ {
				prev, next := "data_tom="+toms[i-1], "data_tom="+toms[i]
				flis(t, project, dsn, "build", "--full-refresh", "--vars", prev)
				flis(t, project, dsn, "build", "--vars", next)
				inc := checksums(t, conn)
				flis(t, project, dsn, "build", "--full-refresh", "--vars", next)
				for table, sum := range checksums(t, conn) {
					if inc[table] != sum {
						t.Errorf("%s → %s: dm.%s built incrementally differs from a full refresh", toms[i-1], toms[i], table)
					}
				}
			}
		})
	}
}

// flis runs the CLI in-process on the project against dsn and fails the test on a non-zero
// exit.
func flis(t *testing.T, project, dsn string, args ...string) string {
	t.Helper()
	t.Setenv("FLIS_DSN", dsn)
	t.Setenv("FLIS_PSEUDONYM_KEY", "scenario-key")
	t.Setenv("NO_COLOR", "1")
	var out, errb bytes.Buffer
	args = append(args, "--project-dir", project)
	if code := cli.Main(args, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("flis %s exited %d\n%s\n%s", strings.Join(args, " "), code, out.String(), errb.String())
	}
	return out.String()
}

// copyProject copies the FLIS project (not the tool) into a temporary folder, so the tests'
// target/ and caches stay out of the checkout.
func copyProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"flis.yaml", "models", "seeds", "tests"} {
		if out, err := exec.Command("cp", "-r", filepath.Join("..", p), dir).CombinedOutput(); err != nil {
			t.Fatalf("copy %s: %v\n%s", p, err, out)
		}
	}
	return dir
}

// loadDSA creates the DSA tables and loads each CSV of dir with COPY.
func loadDSA(t *testing.T, conn *pgx.Conn, dir string) {
	t.Helper()
	ctx := context.Background()
	for _, stmt := range sampledata.DDL() {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("DDL: %v", err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		table := strings.TrimSuffix(filepath.Base(f), ".csv")
		cols := firstLine(string(data))
		sql := fmt.Sprintf("COPY dsa.%s (%s) FROM STDIN WITH (FORMAT csv, HEADER true)", table, cols)
		if _, err := conn.PgConn().CopyFrom(ctx, bytes.NewReader(data), sql); err != nil {
			t.Fatalf("loading %s: %v", f, err)
		}
	}
}

// dump prints a table's columns (those of the want file's header) as CSV, as PostgreSQL
// writes it.
func dump(t *testing.T, conn *pgx.Conn, table, cols string) string {
	t.Helper()
	var buf bytes.Buffer
	sql := fmt.Sprintf("COPY (SELECT %s FROM %s) TO STDOUT WITH (FORMAT csv, HEADER true)", cols, table)
	if _, err := conn.PgConn().CopyTo(context.Background(), &buf, sql); err != nil {
		t.Fatalf("reading %s: %v", table, err)
	}
	return buf.String()
}

// diffLines compares two CSV texts as a header plus a multiset of rows, and describes the
// rows missing from and unexpected in got.
func diffLines(want, got string) string {
	w, g := lines(want), lines(got)
	if len(w) == 0 || len(g) == 0 || w[0] != g[0] {
		return fmt.Sprintf("header: want %q, got %q", first(w), first(g))
	}
	count := map[string]int{}
	for _, l := range w[1:] {
		count[l]++
	}
	for _, l := range g[1:] {
		count[l]--
	}
	var missing, extra []string
	for l, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, "- "+l)
		}
		for ; n < 0; n++ {
			extra = append(extra, "+ "+l)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	return strings.Join(append(missing, extra...), "\n")
}

func lines(s string) []string {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func first(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimRight(s[:i], "\r")
	}
	return s
}

func checksums(t *testing.T, conn *pgx.Conn) map[string]string {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT tablename FROM pg_tables WHERE schemaname = 'dm' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]string{}
	for _, tb := range tables {
		var sum string
		q := fmt.Sprintf(`SELECT coalesce(md5(string_agg(r::text, E'\n' ORDER BY r::text)), '') FROM dm.%q r`, tb)
		if err := conn.QueryRow(context.Background(), q).Scan(&sum); err != nil {
			t.Fatal(err)
		}
		sums[tb] = sum
	}
	return sums
}

func countRows(t *testing.T, conn *pgx.Conn, tables []string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, tb := range tables {
		var n int64
		if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM dm."+tb).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}
