// Package datatest turns a data test (not_null, unique, relationships, ...) into the SQL
// that returns its failing rows. It exists so that what "the test failed" means is written
// down once, as pure functions golden-tested without a database, and the same query serves
// the audit before a publish, `flis test`, and --store-failures.
//
// Every function returns exactly one SQL statement per string.
package datatest

import (
	"fmt"
	"strings"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// Relation is a schema-qualified relation name, unquoted.
type Relation struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
}

// String returns the quoted, qualified name.
func (r Relation) String() string {
	return pgsql.QuoteQualified(r.Schema, r.Name)
}

// Test is one data test, as the compiler resolved it.
type Test struct {
	Kind     string   // not_null | unique | accepted_values | relationships | expression_is_true | row_count | recency | singular
	Relation Relation // the tested relation (unused by singular)
	Column   string   // the column a column-level test sits on
	Columns  []string // unique: the key, when not a single Column
	// Args are the test's arguments from YAML. relationships' "to" must be resolved by the
	// compiler to a Relation (a string is accepted as an unquoted [schema.]name).
	Args     map[string]any
	Where    string // SQL predicate filtering the tested relation first
	Severity string // error (default) | warn
	Name     string // override of the generated name
	SQL      string // singular: the user's SELECT returning failing rows
}

// Kinds of tests.
const (
	NotNull          = "not_null"
	Unique           = "unique"
	AcceptedValues   = "accepted_values"
	Relationships    = "relationships"
	ExpressionIsTrue = "expression_is_true"
	RowCount         = "row_count"
	Recency          = "recency"
	Singular         = "singular"
)

// SQL returns the query whose rows are the test's failures: the test passes when it
// returns no rows.
func SQL(t Test) (string, error) {
	if err := Validate(t); err != nil {
		return "", err
	}
	return kinds[t.Kind].sql(t), nil
}

// CountSQL returns a query with one row and one column: the number of failing rows.
func CountSQL(t Test) (string, error) {
	q, err := SQL(t)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("SELECT count(*) AS failures FROM (\n%s\n) AS flis_failures", q), nil
}

// StoreFailuresSQL returns the statements that keep the failing rows in the audit relation
// for --store-failures: the previous result is replaced.
func StoreFailuresSQL(t Test, audit Relation) ([]string, error) {
	q, err := SQL(t)
	if err != nil {
		return nil, err
	}
	return []string{
		"DROP TABLE IF EXISTS " + audit.String(),
		fmt.Sprintf("CREATE TABLE %s AS\n%s\n", audit, q),
	}, nil
}

// DefaultName is the test's name when none is configured, e.g.
// "unique_fact_ky_sager_sag_id__maaned"; stable, so results and audit tables can be
// compared across runs.
func DefaultName(t Test) string {
	if t.Name != "" {
		return t.Name
	}
	parts := []string{t.Kind}
	if t.Kind != Singular {
		parts = append(parts, t.Relation.Name)
	}
	if cols := testColumns(t); len(cols) > 0 {
		parts = append(parts, strings.Join(cols, "__"))
	}
	if t.Kind == Relationships {
		if to, err := relationArg(t, "to"); err == nil {
			parts = append(parts, to.Name)
		}
	}
	return strings.Join(parts, "_")
}

// testColumns is the key of a unique test or the column of a column-level test.
func testColumns(t Test) []string {
	if len(t.Columns) > 0 {
		return t.Columns
	}
	if col := columnArg(t); col != "" {
		return []string{col}
	}
	return nil
}

// columnArg is the tested column: the Column the test sits on, or a `column` argument.
func columnArg(t Test) string {
	if t.Column != "" {
		return t.Column
	}
	if s, ok := t.Args["column"].(string); ok {
		return s
	}
	return ""
}

// from is the tested relation, filtered by Where when set. Callers alias it.
func from(t Test) string {
	if strings.TrimSpace(t.Where) == "" {
		return t.Relation.String()
	}
	return fmt.Sprintf("(SELECT * FROM %s WHERE %s\n)", t.Relation, t.Where)
}

func quoteList(names []string, prefix string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = prefix + pgsql.QuoteIdent(n)
	}
	return strings.Join(q, ", ")
}
