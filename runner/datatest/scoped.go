package datatest

import (
	"fmt"
	"strings"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// Scoped tests check only the rows an incremental change wrote. That is sound when every
// other row of the table passed the same test before (the runner keeps that record) and
// nothing the test reads besides the table changed since: the change holds exactly the
// written rows, and rows a change deletes cannot make a test fail.

// Scopable reports whether t can be checked on a change alone: tests that judge each row
// by itself (not_null, accepted_values, expression_is_true), a relationships test (each
// child row against the parent, which the caller must show has kept its keys), and unique
// (each written key against the whole table). row_count and recency are about the whole
// table; a singular test is a query of its own. An expression or where that holds a
// subquery reads other relations, whose changes no record of this table can vouch for.
func Scopable(t Test) bool {
	switch t.Kind {
	case NotNull, AcceptedValues, ExpressionIsTrue, Relationships, Unique:
	default:
		return false
	}
	expr, _ := t.Args["expression"].(string)
	return !hasSubquery(expr) && !hasSubquery(t.Where)
}

// hasSubquery reports whether SQL text holds a SELECT (or cannot be read, to be safe).
func hasSubquery(sql string) bool {
	toks, err := pgsql.Tokenize(sql)
	if err != nil {
		return true
	}
	for _, tok := range toks {
		if (tok.Kind == pgsql.Keyword || tok.Kind == pgsql.Ident) && (strings.EqualFold(tok.Text, "select") || strings.EqualFold(tok.Text, "table")) {
			return true
		}
	}
	return false
}

// ScopedCountSQL returns the count query of t (tested relation: the target, inside the
// transaction that wrote the change) over the rows in change only. change must have the
// target's columns. For unique, no key column of change may be NULL (see
// ChangeKeyHasNullSQL): the written keys are looked up with `=`, which never matches NULL,
// and that is what lets PostgreSQL use an index on the key.
func ScopedCountSQL(t Test, change Relation) (string, error) {
	if !Scopable(t) {
		return "", fmt.Errorf("a %s test cannot be checked on the changed rows alone", t.Kind)
	}
	if err := Validate(t); err != nil {
		return "", err
	}
	if t.Kind != Unique {
		// Row-by-row tests: the same query, over the change instead of the table.
		t.Relation = change
		return CountSQL(t)
	}
	key := uniqueKey(t)
	cols := quoteList(key, "flis_t.")
	where := fmt.Sprintf("(%s) IN (SELECT %s FROM %s AS flis_c)", cols, quoteList(key, "flis_c."), change)
	if strings.TrimSpace(t.Where) != "" {
		where += fmt.Sprintf("\n  AND (%s\n)", t.Where)
	}
	// Every key the change wrote, counted over the whole table: a duplicate among the
	// unchanged rows was ruled out when they were checked.
	return fmt.Sprintf("SELECT count(*) AS failures FROM (\nSELECT %s, count(*) AS n_records\nFROM %s AS flis_t\nWHERE %s\nGROUP BY %s\nHAVING count(*) > 1\n) AS flis_failures",
		cols, t.Relation, where, cols), nil
}

// ChangeKeyHasNullSQL returns a query with one boolean: whether some row of change has a
// NULL in a column of the unique test's key. Such a key can only be judged over the whole
// table.
func ChangeKeyHasNullSQL(t Test, change Relation) string {
	return AnyNullSQL(change.String(), uniqueKey(t))
}

// AnyNullSQL returns a query with one boolean: whether some row of from (a relation or a
// parenthesised query) has a NULL in one of cols.
func AnyNullSQL(from string, cols []string) string {
	conds := make([]string, len(cols))
	for i, c := range cols {
		conds[i] = "flis_t." + pgsql.QuoteIdent(c) + " IS NULL"
	}
	return fmt.Sprintf("SELECT EXISTS (SELECT FROM %s AS flis_t WHERE %s)", from, strings.Join(conds, " OR "))
}
