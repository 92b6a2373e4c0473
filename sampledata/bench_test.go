package sampledata

import (
	"context"
	"flag"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/flis-dk/flis/internal/pgtest"
)

var benchCitizens = flag.Int("sample.citizens", 20000, "citizens in BenchmarkGenerate")

// BenchmarkGenerate loads a whole sample; -sample.citizens=1000000 is the large benchmark.
// Reports rows/s over all tables.
func BenchmarkGenerate(b *testing.B) {
	conn := pgtest.Conn(b)
	var progress io.Writer
	if testing.Verbose() {
		progress = os.Stderr // per-table rows and rows/s
	}
	var rows int64
	for b.Loop() {
		st, err := Generate(context.Background(), conn, Options{Citizens: *benchCitizens, Replace: true, Progress: progress})
		if err != nil {
			b.Fatal(err)
		}
		rows = st.Rows
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows), "rows")
}

// BenchmarkRender measures the generator alone: every table encoded to io.Discard.
func BenchmarkRender(b *testing.B) {
	var rows int64
	for b.Loop() {
		rows = 0
		w, err := newWorld(Options{Citizens: *benchCitizens})
		if err != nil {
			b.Fatal(err)
		}
		for _, tb := range tables() {
			tr := newTextRows(io.Discard)
			if err := tb.rows(w, tr); err != nil {
				b.Fatal(err)
			}
			rows += tr.rows
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkCopyMethod compares the two ways of streaming rows the task allows, on the two
// largest tables: COPY text through an io.Pipe (what Generate uses) and pgx.CopyFrom with a
// lazy CopyFromSource (binary format; values boxed in []any).
func BenchmarkCopyMethod(b *testing.B) {
	conn := pgtest.Conn(b)
	ctx := context.Background()
	for _, s := range DDL() {
		if _, err := conn.Exec(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	w, err := newWorld(Options{Citizens: *benchCitizens})
	if err != nil {
		b.Fatal(err)
	}
	for _, tb := range tables() {
		if tb.name != "dsa.dream_uge" && tb.name != "dsa.aula_komme_gaa" {
			continue
		}
		gen := func(out rowWriter) error { return tb.rows(w, out) }
		methods := []struct {
			name string
			load func() (int64, error)
		}{
			{"text", func() (int64, error) { return copyText(ctx, conn.PgConn(), tb.name, tb.cols, gen) }},
			{"CopyFrom", func() (int64, error) { return copyValues(ctx, conn, tb.name, tb.cols, gen) }},
		}
		for _, m := range methods {
			b.Run(strings.TrimPrefix(tb.name, "dsa.")+"/"+m.name, func(b *testing.B) {
				var n int64
				for b.Loop() {
					if _, err := conn.Exec(ctx, "TRUNCATE "+tb.name); err != nil {
						b.Fatal(err)
					}
					if n, err = m.load(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	}
}
