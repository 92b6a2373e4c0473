// Command bench measures seed.Load against psql's \copy; seed_bench.sh drives it.
//
//	go run ./runner/seed/bench gen -rows 1000000 -out /tmp/x.csv
//	go run ./runner/seed/bench load -dsn "$DSN" -file /tmp/x.csv
//
// gen writes a deterministic CSV shaped like a FLIS seed (codes with leading zeros, Danish
// text, amounts, dates, booleans, timestamps, now and then a quoted field with a delimiter,
// quote or newline). load loads it with seed.Load and prints one line:
// "rows=N seconds=S rows_per_s=R maxrss_kb=K".
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/runner/seed"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: bench gen|load [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "load":
		err = load(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// Header is the header gen writes; seed_bench.sh creates psql's table with these types.
const Header = "id,kommune_kode,navn,beloeb,dato,aktiv,opdateret,note"

func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	rows := fs.Int("rows", 1_000_000, "data rows")
	out := fs.String("out", "seed_bench.csv", "file to write")
	_ = fs.Parse(args)
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, Header)
	names := []string{"København", "Aarhus", "Læsø", "Ærø", "Odense", "Frederiksberg", "Aabenraa", "Høje-Taastrup"}
	notes := []string{"", "ok", `"med komma, her"`, `"citat ""x"""`, "\"to\nlinjer\"", "almindelig note"}
	for i := 1; i <= *rows; i++ {
		fmt.Fprintf(w, "%d,%04d,%s,%d.%02d,2024-%02d-%02d,%t,2024-03-%02d %02d:%02d:%02d,%s\n",
			i, 101+i%760, names[i%len(names)], i%100000, i%100, 1+i%12, 1+i%28, i%2 == 0,
			1+i%28, i%24, i%60, (i*7)%60, notes[i%len(notes)])
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func load(args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	dsn := fs.String("dsn", os.Getenv("FLIS_DSN"), "database")
	file := fs.String("file", "seed_bench.csv", "CSV to load")
	table := fs.String("table", "seed_bench", "table in schema bench")
	_ = fs.Parse(args)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, *dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	abs, err := filepath.Abs(*file)
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := seed.Load(ctx, conn, seed.Seed{Name: *table, Path: abs, Schema: "bench", Table: *table}, seed.Options{})
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("rows=%d seconds=%.3f rows_per_s=%.0f maxrss_kb=%d\n", res.Rows, secs, float64(res.Rows)/secs, ru.Maxrss)
	return nil
}
