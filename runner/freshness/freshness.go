// Package freshness checks how current each source table is: the newest value of its
// freshness column against warn_after and error_after, as of a reference time. It answers the
// FLIS status page's question per data area — data through which month, and on plan or not —
// for `flis source freshness`.
package freshness

import (
	"context"
	"fmt"
	"time"

	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/runner/warehouse"
)

// Check is one source table's freshness expectation.
type Check struct {
	ID         string `json:"unique_id"`
	Area       string `json:"area"`
	Schema     string `json:"schema"`
	Table      string `json:"table"`
	Column     string `json:"column"`
	WarnAfter  string `json:"warn_after,omitempty"`  // PostgreSQL interval text, "35 days"
	ErrorAfter string `json:"error_after,omitempty"` // PostgreSQL interval text
}

// Status of a check.
const (
	Pass  = "pass"
	Warn  = "warn"
	Error = "error"
	Fail  = "runtime error" // the query itself failed: no such table or column
)

// Result is a check's outcome.
type Result struct {
	Check
	Status string `json:"status"`
	// Newest is the column's maximum as PostgreSQL prints it; empty when the table is empty.
	Newest string `json:"newest,omitempty"`
	// DataThrough names the month of Newest in Danish, as the FLIS status page does
	// ("marts 2024").
	DataThrough string `json:"data_through,omitempty"`
	Message     string `json:"message,omitempty"`
}

// SQL returns the query that decides the check: the newest value, and whether it is older
// than each threshold at asOf. Thresholds that are not set are never exceeded.
func SQL(c Check) string {
	col := pgsql.QuoteIdent(c.Column)
	older := func(after string) string {
		if after == "" {
			return "$1::timestamp IS NULL" // never true; keeps $1 used in every form of the query
		}
		return fmt.Sprintf("coalesce(max(%s)::timestamp < $1::timestamp - %s::interval, true)", col, pgsql.QuoteString(after))
	}
	return fmt.Sprintf("SELECT max(%s)::text, to_char(max(%s)::date, 'YYYY-MM'), %s, %s FROM %s.%s",
		col, col, older(c.WarnAfter), older(c.ErrorAfter), pgsql.QuoteIdent(c.Schema), pgsql.QuoteIdent(c.Table))
}

// Run evaluates the checks one by one (they are cheap: one aggregate each, and the source
// tables are usually indexed on their date columns).
func Run(ctx context.Context, q warehouse.Querier, checks []Check, asOf time.Time) []Result {
	out := make([]Result, 0, len(checks))
	for _, c := range checks {
		out = append(out, run(ctx, q, c, asOf))
	}
	return out
}

func run(ctx context.Context, q warehouse.Querier, c Check, asOf time.Time) Result {
	r := Result{Check: c}
	rows, err := q.Query(ctx, SQL(c), asOf.UTC().Format("2006-01-02 15:04:05"))
	if err != nil {
		r.Status, r.Message = Fail, err.Error()
		return r
	}
	defer rows.Close()
	var newest, month *string
	var warn, fail bool
	for rows.Next() {
		if err := rows.Scan(&newest, &month, &warn, &fail); err != nil {
			r.Status, r.Message = Fail, err.Error()
			return r
		}
	}
	if err := rows.Err(); err != nil {
		r.Status, r.Message = Fail, err.Error()
		return r
	}
	if newest != nil {
		r.Newest = *newest
	}
	if month != nil {
		r.DataThrough = MonthName(*month)
	}
	switch {
	case fail:
		r.Status = Error
		r.Message = fmt.Sprintf("newest %s is older than %s at %s", orNone(r.Newest), c.ErrorAfter, asOf.Format("2006-01-02"))
	case warn:
		r.Status = Warn
		r.Message = fmt.Sprintf("newest %s is older than %s at %s", orNone(r.Newest), c.WarnAfter, asOf.Format("2006-01-02"))
	default:
		r.Status = Pass
	}
	return r
}

func orNone(s string) string {
	if s == "" {
		return "(no rows)"
	}
	return s
}

var months = [...]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
	"september", "oktober", "november", "december"}

// MonthName turns "2024-03" into "marts 2024".
func MonthName(yyyymm string) string {
	t, err := time.Parse("2006-01", yyyymm)
	if err != nil {
		return yyyymm
	}
	return fmt.Sprintf("%s %d", months[t.Month()-1], t.Year())
}
