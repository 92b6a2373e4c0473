// Package sampledata generates FLIS DSA sample data: the supplier tables of SPEC §2–6 filled
// with a synthetic but plausible population, so a flis project can be built, tested and
// benchmarked without access to real (and personal) FLIS data.
//
// The data is deterministic: every value is derived from the seed and the identity of the
// entity it belongs to (citizen, address, case), never from the order in which rows are
// produced, so the same options give byte-identical tables. Rows are generated lazily and
// streamed into PostgreSQL with binary COPY, one table at a time, in one transaction; memory
// stays flat (about 20 MB) from the 3,000-citizen demo to a million-citizen benchmark.
package sampledata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultSeed is the seed used when Options.Seed is zero.
const DefaultSeed int64 = 7

// Defaults for zero-valued Options fields.
const (
	DefaultCitizens   = 3000
	DefaultMonths     = 27
	DefaultAulaMonths = 3
)

// DefaultDataTom is the data cut-off used when Options.DataTom is zero (the example
// project's data_tom).
var DefaultDataTom = time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)

// ErrNotEmpty is returned (wrapped) when a DSA table already holds rows and Options.Replace is
// false. The embedded default checks for it: it only ever fills an empty dsa schema.
var ErrNotEmpty = errors.New("dsa table already holds data")

// Options control the size and shape of the sample.
type Options struct {
	// Citizens is the size of the population in dsa.cpr_person; every other table scales with
	// it. 3,000 is the demo; 1,000,000 the benchmark. Default 3000.
	Citizens int
	// Seed selects the sample; zero means DefaultSeed. The same seed and options always give
	// the same data.
	Seed int64
	// DataTom is the data cut-off: the last day of a month. No event is dated after it.
	// Zero means DefaultDataTom.
	DataTom time.Time
	// Months is the length of the history ending at DataTom. Default 27.
	Months int
	// AulaMonths limits the per-day Aula registrations (by far the largest table) to the
	// last months of the history. Default 3.
	AulaMonths int
	// Replace empties existing DSA tables instead of failing when they hold data.
	Replace bool
	// Progress, if set, receives one line per table as it is loaded.
	Progress io.Writer
}

// TableStats describes the load of one table.
type TableStats struct {
	Table   string        `json:"table"`
	Rows    int64         `json:"rows"`
	Elapsed time.Duration `json:"elapsed"`
}

// Stats describes a whole run.
type Stats struct {
	Tables  []TableStats  `json:"tables"`
	Rows    int64         `json:"rows"`
	Elapsed time.Duration `json:"elapsed"`
}

// RowsPerSecond is the overall load rate.
func (s Stats) RowsPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Rows) / s.Elapsed.Seconds()
}

// world is the fixed frame every table is generated in.
type world struct {
	seed     uint64
	n        int
	tom      date // data_tom
	from     date // first day of the history
	aulaFrom date // first day with Aula registrations
	kommuner *kommuneSet
	births   birthModel
	permA    uint64 // address walk: citizen at slot k is (permA*k + permB) mod n
	permB    uint64
}

func (o Options) withDefaults() (Options, error) {
	if o.Citizens == 0 {
		o.Citizens = DefaultCitizens
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.DataTom.IsZero() {
		o.DataTom = DefaultDataTom
	}
	if o.Months == 0 {
		o.Months = DefaultMonths
	}
	if o.AulaMonths == 0 {
		o.AulaMonths = DefaultAulaMonths
	}
	switch {
	case o.Citizens < 10:
		return o, fmt.Errorf("sampledata: citizens %d is too few (want at least 10)", o.Citizens)
	case o.Citizens > 50_000_000:
		return o, fmt.Errorf("sampledata: citizens %d is more than Denmark's population several times over", o.Citizens)
	case o.Months < 1 || o.Months > 240:
		return o, fmt.Errorf("sampledata: months %d out of range 1..240", o.Months)
	case o.AulaMonths < 1 || o.AulaMonths > o.Months:
		return o, fmt.Errorf("sampledata: aula months %d out of range 1..%d", o.AulaMonths, o.Months)
	}
	if d := fromTime(o.DataTom); d != d.monthEnd() {
		return o, fmt.Errorf("sampledata: data_tom %s is not the last day of a month (hint: data_tom is the last day of the last complete month, e.g. %s)", d, d.monthEnd())
	}
	if y := o.DataTom.Year(); y < 1990 || y > 2100 {
		return o, fmt.Errorf("sampledata: data_tom %s out of range 1990..2100", fromTime(o.DataTom))
	}
	return o, nil
}

func newWorld(o Options) (*world, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	ks, err := loadKommuner()
	if err != nil {
		return nil, fmt.Errorf("sampledata: %w", err)
	}
	w := &world{
		seed:     mix64(uint64(o.Seed)),
		n:        o.Citizens,
		tom:      fromTime(o.DataTom),
		kommuner: ks,
	}
	w.from = w.tom.addMonths(1 - o.Months)
	w.aulaFrom = w.tom.addMonths(1 - o.AulaMonths)
	w.births = newBirthModel(mkDate(1930, 1, 1), w.tom)
	// An affine permutation with a multiplier near n/φ spreads neighbours in birth order
	// across the country's addresses.
	w.permA = coprimeNear(uint64(float64(w.n)*0.6180339887), uint64(w.n))
	w.permB = w.seed % uint64(w.n)
	return w, nil
}

// table is one DSA table's generator: its columns in COPY order and a function writing its rows.
type table struct {
	name string
	cols []string
	rows func(w *world, out rowWriter) error
}

// tables lists the generators in load order (the order of DDL).
func tables() []table {
	return []table{
		{"dsa.ky_sag", kySagCols, (*world).kySag},
		{"dsa.ky_sagstilstand", kySagstilstandCols, (*world).kySagstilstand},
		{"dsa.ky_opgave", kyOpgaveCols, (*world).kyOpgave},
		{"dsa.ky_ydelse", kyYdelseCols, (*world).kyYdelse},
		{"dsa.ky_afgoerelse", kyAfgoerelseCols, (*world).kyAfgoerelse},
		{"dsa.fsiii_tilstand", fsiiiTilstandCols, (*world).fsiiiTilstand},
		{"dsa.fsiii_planlagt_indsats", fsiiiPlanlagtCols, (*world).fsiiiPlanlagt},
		{"dsa.fsiii_leveret_indsats", fsiiiLeveretCols, (*world).fsiiiLeveret},
		{"dsa.cpr_person", cprPersonCols, (*world).cprPerson},
		{"dsa.adresse", adresseCols, (*world).adresse},
		{"dsa.lifa_skoledistrikt", lifaCols, (*world).lifa},
		{"dsa.dagtilbud_plads", dagtilbudPladsCols, (*world).dagtilbudPlads},
		{"dsa.aula_barn", aulaBarnCols, (*world).aulaBarn},
		{"dsa.aula_komme_gaa", aulaKommeGaaCols, (*world).aulaKommeGaa},
		{"dsa.dream_uge", dreamUgeCols, (*world).dreamUge},
		{"dsa.dream_ydelsesgruppe", dreamYdelsesgruppeCols, (*world).dreamYdelsesgruppe},
	}
}

// Generate creates the dsa schema and tables on conn (if missing) and fills them with a sample
// described by opts, in one transaction: either every table is loaded or none is. It fails
// with ErrNotEmpty if a table already holds rows, unless opts.Replace is set, in which case the
// tables are truncated first (views on them survive).
func Generate(ctx context.Context, conn *pgx.Conn, opts Options) (Stats, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return Stats{}, err
	}
	w, err := newWorld(opts)
	if err != nil {
		return Stats{}, err
	}
	start := time.Now()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("sampledata: begin: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	for _, stmt := range DDL() {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return Stats{}, fmt.Errorf("sampledata: %s: %w", firstLine(stmt), err)
		}
	}
	if opts.Replace {
		if _, err := tx.Exec(ctx, "TRUNCATE "+strings.Join(Tables(), ", ")); err != nil {
			return Stats{}, fmt.Errorf("sampledata: truncate: %w", err)
		}
	} else if err := checkEmpty(ctx, tx); err != nil {
		return Stats{}, err
	}
	// Building a primary key index row by row from random pseudonyms costs more than the load
	// itself at scale; dropping the keys and adding them back after the COPY builds each index
	// with one sort (measured at 1M citizens: cpr_person 29 s → 4 s, adresse 25 s → 1 s).
	// Inside the transaction nobody sees the tables without their keys.
	if err := dropPrimaryKeys(ctx, tx); err != nil {
		return Stats{}, err
	}
	var st Stats
	for _, t := range tables() {
		t0 := time.Now()
		n, err := copyValues(ctx, conn, t.name, t.cols, func(out rowWriter) error { return t.rows(w, out) })
		if err != nil {
			return Stats{}, fmt.Errorf("sampledata: %w", err)
		}
		ts := TableStats{Table: t.name, Rows: n, Elapsed: time.Since(t0)}
		st.Tables = append(st.Tables, ts)
		st.Rows += n
		if opts.Progress != nil {
			fmt.Fprintf(opts.Progress, "%-28s %10d rows %7.2fs %10.0f rows/s\n",
				t.name, n, ts.Elapsed.Seconds(), float64(n)/max(ts.Elapsed.Seconds(), 1e-9))
		}
	}
	for _, t := range Tables() {
		if cols, ok := ddlPrimaryKeys[t]; ok {
			key := strings.Join(cols, ", ")
			if _, err := tx.Exec(ctx, "ALTER TABLE "+t+" ADD PRIMARY KEY ("+key+")"); err != nil {
				return Stats{}, fmt.Errorf("sampledata: %s: primary key (%s): %w", t, key, err)
			}
		}
	}
	// Fresh statistics, so the first build's plans over these tables are sane.
	if _, err := tx.Exec(ctx, "ANALYZE "+strings.Join(Tables(), ", ")); err != nil {
		return Stats{}, fmt.Errorf("sampledata: analyze: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return Stats{}, fmt.Errorf("sampledata: commit: %w", err)
	}
	st.Elapsed = time.Since(start)
	if opts.Progress != nil {
		fmt.Fprintf(opts.Progress, "%-28s %10d rows %7.2fs %10.0f rows/s\n", "total", st.Rows, st.Elapsed.Seconds(), st.RowsPerSecond())
	}
	return st, nil
}

// dropPrimaryKeys drops the primary key of every DSA table that has one in the DDL, whatever
// the constraint is called; Generate adds them back after loading.
func dropPrimaryKeys(ctx context.Context, tx pgx.Tx) error {
	for _, t := range Tables() {
		if _, ok := ddlPrimaryKeys[t]; !ok {
			continue
		}
		var name string
		err := tx.QueryRow(ctx, "SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'", t).Scan(&name)
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			return fmt.Errorf("sampledata: %s: looking up its primary key: %w", t, err)
		}
		if _, err := tx.Exec(ctx, "ALTER TABLE "+t+" DROP CONSTRAINT "+pgx.Identifier{name}.Sanitize()); err != nil {
			return fmt.Errorf("sampledata: %s: dropping primary key for the load: %w", t, err)
		}
	}
	return nil
}

func checkEmpty(ctx context.Context, tx pgx.Tx) error {
	var full []string
	for _, t := range Tables() {
		var has bool
		if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM "+t+")").Scan(&has); err != nil {
			return fmt.Errorf("sampledata: checking %s: %w", t, err)
		}
		if has {
			full = append(full, t)
		}
	}
	if len(full) > 0 {
		return fmt.Errorf("sampledata: %s: %w (hint: empty the dsa tables first, or generate with Replace to overwrite them)", strings.Join(full, ", "), ErrNotEmpty)
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}
