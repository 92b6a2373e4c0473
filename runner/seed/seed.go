// Package seed loads CSV seeds into PostgreSQL. A seed is a small, versioned table kept as a
// CSV file in the project (municipality codes, mappings, targets); flis replaces the table
// from the file on every `flis seed`.
//
// The file is streamed once, straight from disk into COPY ... FROM STDIN (FORMAT csv),
// through a validator that reads it exactly as PostgreSQL will. That keeps loading at the
// speed of PostgreSQL's own CSV reader and memory flat however large the file, while every
// problem is still reported as file:line:col. The replace is atomic: a staging table is
// filled and swapped in inside one transaction, so a bad file leaves the old table (and the
// views on it) untouched.
package seed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/runner/materialize"
)

// Seed is one seed to load.
type Seed struct {
	Name string // the seed's name, used in messages
	// Path is the CSV file, relative to Options.Root when that is set. It is also how the
	// file is named in messages, so pass it relative to the project root.
	Path          string
	Schema, Table string            // the relation to replace
	ColumnTypes   map[string]string // declared in the seed's YAML; they win over inference
	Delimiter     rune              // 0 means ','
}

// Options tune Load. The zero value is ready to use.
type Options struct {
	Root       string // directory Seed.Path is relative to; "" is the working directory
	SampleRows int    // data rows read to infer types; 0 means DefaultSampleRows
	MaxErrors  int    // problems reported per file before stopping; 0 means 20
}

// Result is what Load did.
type Result struct {
	Relation string        `json:"relation"` // schema.table, as given
	Rows     int64         `json:"rows"`
	Bytes    int64         `json:"bytes"` // of CSV streamed to the server
	Duration time.Duration `json:"duration_ns"`
	Columns  []Column      `json:"columns"`
	Views    int           `json:"views_recreated"` // dependent views dropped and recreated
}

// String is the line `flis seed` prints for a seed.
func (r Result) String() string {
	secs := r.Duration.Seconds()
	rate := ""
	if secs > 0 && r.Rows > 0 {
		rate = fmt.Sprintf(", %.0f rows/s", float64(r.Rows)/secs)
	}
	return fmt.Sprintf("%s: %d rows in %s%s", r.Relation, r.Rows, r.Duration.Round(time.Millisecond), rate)
}

// Conn is what Load needs of a connection; *pgx.Conn has it (from a pool: poolConn.Conn()).
// Load drives the transaction itself with SQL, so it works over any of these. When the
// connection is already in a transaction, Load works inside a savepoint and leaves the
// commit to the caller.
type Conn interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	PgConn() *pgconn.PgConn
}

// StmtError is a statement of a seed load that failed. It unwraps to the driver's error
// (a *pgconn.PgError when the server refused it).
type StmtError struct {
	Seed string
	SQL  string
	Err  error
}

func (e *StmtError) Error() string {
	return fmt.Sprintf("seed %s: %v\n  in: %s", e.Seed, e.Err, e.SQL)
}

func (e *StmtError) Unwrap() error { return e.Err }

// Load replaces s.Schema.s.Table with the contents of the CSV file, in one transaction.
// Problems with the file come back as a diag.ErrorList (several, when there are several);
// a failed statement as a *StmtError. On any error nothing has changed in the database.
func Load(ctx context.Context, conn Conn, s Seed, opts Options) (Result, error) {
	start := time.Now()
	res := Result{Relation: s.Schema + "." + s.Table}
	if opts.MaxErrors <= 0 {
		opts.MaxErrors = 20
	}
	if opts.SampleRows <= 0 {
		opts.SampleRows = DefaultSampleRows
	}
	delim, err := delimiter(s)
	if err != nil {
		return res, err
	}
	if s.Schema == "" || s.Table == "" {
		return res, fmt.Errorf("seed %s: schema and table must be set", s.Name)
	}
	path := s.Path
	if opts.Root != "" && !filepath.IsAbs(path) {
		path = filepath.Join(opts.Root, path)
	}

	// Pass 1: header and sample. Declared types are applied after inference so that a
	// typo in a declared column name is reported against the real header.
	specs, err := inferSpecs(path, s.Path, delim, opts.SampleRows, opts.MaxErrors)
	if err != nil {
		return res, err
	}
	if err := applyDeclared(specs, s.ColumnTypes, s.Path); err != nil {
		return res, err
	}
	for _, c := range specs {
		res.Columns = append(res.Columns, c.Column)
	}

	// Pass 2: the whole file, validated as it streams into COPY.
	f, err := os.Open(path)
	if err != nil {
		return res, err
	}
	defer f.Close()
	sc := newScanner(s.Path, delim, opts.MaxErrors)
	for _, c := range specs {
		sc.kinds = append(sc.kinds, c.kind)
		sc.hints = append(sc.hints, c.hint)
	}
	vr := newValidatingReader(ctx, f, sc)

	l := &loader{conn: conn, seed: s, specs: specs, delim: delim}
	tx, err := l.begin(ctx)
	if err != nil {
		return res, err
	}
	views, err := l.replace(ctx, path, vr)
	if err != nil {
		tx.rollback(ctx)
		return res, err
	}
	if err := tx.commit(ctx); err != nil {
		return res, err
	}
	// Models join seeds (code lists) right after this: without statistics the planner
	// guesses their size, and a guess of 1,250 rows for a 9-row code list skews big joins.
	if err := l.exec(ctx, "ANALYZE "+pgsql.QuoteQualified(s.Schema, s.Table)); err != nil {
		return res, err
	}
	res.Rows = sc.dataRows()
	res.Bytes = vr.n
	res.Views = views
	res.Duration = time.Since(start)
	return res, nil
}

// delimiter checks the seed's delimiter: PostgreSQL needs one byte, and the quote and line
// breaks are taken.
func delimiter(s Seed) (byte, error) {
	switch d := s.Delimiter; {
	case d == 0:
		return ',', nil
	case d == '\t' || (d > ' ' && d < 0x7f && d != '"' && !isAlnum(d)):
		return byte(d), nil
	default:
		return 0, fmt.Errorf("seed %s: delimiter %q cannot be used (use an ASCII punctuation character or a tab)", s.Name, d)
	}
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// loader holds one load's state between its statements.
type loader struct {
	conn  Conn
	seed  Seed
	specs []colSpec
	delim byte
}

func (l *loader) exec(ctx context.Context, sql string, args ...any) error {
	if _, err := l.conn.Exec(ctx, sql, args...); err != nil {
		return &StmtError{Seed: l.seed.Name, SQL: sql, Err: err}
	}
	return nil
}

// replace runs the statements of the load inside the transaction and returns how many
// dependent views it recreated. One statement per Exec: a distributed dialect needs that.
func (l *loader) replace(ctx context.Context, path string, vr *validatingReader) (int, error) {
	s := l.seed
	schema := pgsql.QuoteIdent(s.Schema)
	rel := materialize.Relation{Schema: s.Schema, Name: s.Table}
	target := rel.String()
	// The names a table model's swap uses too, so that leftovers are recognised alike.
	stage, old := materialize.StageRelation(rel).String(), materialize.OldRelation(rel)

	var hasSchema bool
	if err := l.conn.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = $1)`, s.Schema).Scan(&hasSchema); err != nil {
		return 0, &StmtError{Seed: s.Name, SQL: "look up schema " + schema, Err: err}
	}
	if !hasSchema {
		if err := l.exec(ctx, "CREATE SCHEMA "+schema); err != nil {
			return 0, err
		}
	}
	var relkind string
	err := l.conn.QueryRow(ctx, `SELECT c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relname = $2`, s.Schema, s.Table).Scan(&relkind)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		relkind = ""
	case err != nil:
		return 0, &StmtError{Seed: s.Name, SQL: "look up " + target, Err: err}
	case relkind != "r" && relkind != "p":
		return 0, fmt.Errorf("seed %s: %s exists and is not a table (relkind %s); drop it or rename the seed", s.Name, target, relkind)
	}
	for _, stmt := range []string{
		"DROP TABLE IF EXISTS " + stage, // leftovers of a load that died outside a transaction
		"DROP TABLE IF EXISTS " + old.String(),
		createTable(stage, l.specs),
	} {
		if err := l.exec(ctx, stmt); err != nil {
			return 0, err
		}
	}
	if err := l.copy(ctx, path, stage, vr); err != nil {
		return 0, err
	}
	if relkind == "" {
		return 0, l.exec(ctx, "ALTER TABLE "+stage+" RENAME TO "+pgsql.QuoteIdent(s.Table))
	}
	return l.swap(ctx, target, stage, old)
}

// copy streams the file into the stage and turns any failure into positioned diagnostics.
func (l *loader) copy(ctx context.Context, path, stage string, vr *validatingReader) error {
	stmt := "COPY " + stage + " FROM STDIN WITH (FORMAT csv, HEADER true"
	if l.delim != ',' {
		stmt += ", DELIMITER " + pgsql.QuoteString(string(l.delim))
	}
	stmt += ")"
	tag, err := l.conn.PgConn().CopyFrom(ctx, vr, stmt)
	sc := vr.sc
	if len(sc.errs) > 0 || errors.Is(err, errInvalid) {
		if derr := vr.drain(); derr != nil {
			return derr
		}
		errs := sc.errs
		// PostgreSQL may have rejected an earlier row than the scanner did.
		if d, ok := l.mapCopyError(path, err); ok {
			errs = append(diag.List{d}, errs...)
		}
		errs.Sort()
		return diag.ErrorList(errs)
	}
	if err != nil {
		if d, ok := l.mapCopyError(path, err); ok {
			return diag.ErrorList{d}
		}
		if vr.err != nil && vr.err != errInvalid && vr.err != io.EOF {
			err = vr.err // reading the file failed, or ctx ended
		}
		return &StmtError{Seed: l.seed.Name, SQL: stmt, Err: err}
	}
	// The scanner and COPY must agree on the rows; if not, they read the file differently,
	// which is a bug in the scanner, and loading on would be wrong.
	if tag.RowsAffected() != sc.dataRows() {
		return fmt.Errorf("seed %s: COPY loaded %d rows but flis read %d in %s; please report this file",
			l.seed.Name, tag.RowsAffected(), sc.dataRows(), l.seed.Path)
	}
	return nil
}

// createTable renders the stage's CREATE TABLE.
func createTable(rel string, specs []colSpec) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE " + rel + " (")
	for i, c := range specs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(pgsql.QuoteIdent(c.Name) + " " + c.Type)
	}
	b.WriteString(")")
	return b.String()
}
