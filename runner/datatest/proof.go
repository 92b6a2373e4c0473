package datatest

import (
	"fmt"
	"slices"
	"strings"
)

// A data test re-checks by scanning what the warehouse may already enforce: a unique test on
// a primary key reads 20M rows to confirm what the index forbids. Proof decides, from what
// the catalog guarantees, that a test's query cannot return a row, so the runner may skip
// the scan. It stays pure: the caller reads the Guarantees (warehouse.RelationGuarantees).

// Guarantees is what a relation's catalog promises about every row a query on it can see.
// The reader leaves it empty when the promises do not reach every such row (a view, a table
// with inheritance children, an unpopulated materialized view, a relation it cannot read).
type Guarantees struct {
	// Columns are the relation's columns. A test naming any other column is never proven:
	// its query would fail, and that error must be reported, not hidden by a proof.
	Columns map[string]bool
	// NotNull are the columns declared NOT NULL (pg_attribute.attnotnull).
	NotNull map[string]bool
	// Unique are the unique keys enforced on every row: valid, immediate (not deferred),
	// non-partial unique indexes on plain columns, compared with the columns' own equality.
	// Primary keys first.
	Unique []UniqueKey
}

// UniqueKey is one enforced unique key: a unique constraint, a primary key or a unique index.
type UniqueKey struct {
	Name    string   // the index's name (a constraint's index carries the constraint's name)
	Columns []string // the key columns, in index order; INCLUDE columns are not among them
	// NullsNotDistinct: two NULLs conflict (PostgreSQL 15's NULLS NOT DISTINCT). Without it
	// rows whose key holds a NULL never conflict.
	NullsNotDistinct bool
	Primary          bool
}

// Provable reports whether Proof can ever prove a test of t's kind, so a caller reads the
// catalog only for those.
func Provable(t Test) bool {
	return t.Kind == NotNull || t.Kind == Unique
}

// Proof reports whether g guarantees that t's query (SQL) returns no row, and why, in words
// for people ("proven by primary key dream_uge_pkey (borger_id, uge_start)"). A test that
// does not validate is never proven: running it reports the error.
//
// A Where never stops a proof: it only removes rows from the relation, and a subset of rows
// without NULLs in c has none, a subset of rows without duplicate keys has none. A Where
// that does not compile would still fail the scan; ProbeSQL lets the caller check that
// without scanning.
func Proof(t Test, g Guarantees) (reason string, ok bool) {
	if !Provable(t) || Validate(t) != nil {
		return "", false
	}
	switch t.Kind {
	case NotNull:
		if g.Columns[t.Column] && g.NotNull[t.Column] {
			return "proven by NOT NULL on column " + t.Column, true
		}
	case Unique:
		return uniqueProof(uniqueKey(t), g)
	}
	return "", false
}

// uniqueProof: uniqueSQL groups rows by the key K, so two rows fail the test when they agree
// on every column of K, where NULL agrees with NULL. It is proven by a unique key U when
//
//  1. every column of U is in K: two rows agreeing on K agree on U, so if U tells every
//     pair of rows apart, K does too (the other columns of K may hold anything, NULLs
//     included); and
//  2. agreeing on U is a conflict the index forbids: that holds when U is NULLS NOT
//     DISTINCT, or when every column of U is NOT NULL. Otherwise two rows with the same
//     NULL in a column of U agree in GROUP BY but are allowed by the index: a unique
//     (a) on a NULL-able a lets two NULLs through, and the test must count them.
//
// Equality is the same on both sides because the reader keeps only indexes that compare
// with the column type's default operator class and the column's own collation.
func uniqueProof(key []string, g Guarantees) (string, bool) {
	best := bestUnique(key, g)
	if best == nil {
		return "", false
	}
	return uniqueReason(*best, key), true
}

// bestUnique is the key that proves key unique under g, nil if none does.
func bestUnique(key []string, g Guarantees) *UniqueKey {
	for _, c := range key {
		if !g.Columns[c] {
			return nil
		}
	}
	var best *UniqueKey
	for i := range g.Unique {
		u := &g.Unique[i]
		if !provesUnique(*u, key, g) {
			continue
		}
		// Prefer the primary key, then the narrowest key: the reason people read first.
		if best == nil || (u.Primary && !best.Primary) ||
			(u.Primary == best.Primary && len(u.Columns) < len(best.Columns)) {
			best = u
		}
	}
	return best
}

func uniqueReason(best UniqueKey, key []string) string {
	what := "unique index"
	if best.Primary {
		what = "primary key"
	}
	reason := fmt.Sprintf("proven by %s %s (%s)", what, best.Name, strings.Join(best.Columns, ", "))
	if best.NullsNotDistinct && !best.Primary {
		reason += " NULLS NOT DISTINCT"
	}
	if len(best.Columns) < len(key) {
		reason += fmt.Sprintf(", a part of the tested key (%s)", strings.Join(key, ", "))
	}
	return reason
}

// provesUnique is the condition of uniqueProof for one key.
func provesUnique(u UniqueKey, key []string, g Guarantees) bool {
	if len(u.Columns) == 0 {
		return false // no such index exists; never let an empty key prove everything
	}
	for _, c := range u.Columns {
		if !slices.Contains(key, c) {
			return false
		}
		if !u.NullsNotDistinct && !g.NotNull[c] {
			return false
		}
	}
	return true
}

// ProbeSQL returns, for a test with a Where, a query that compiles the filtered relation
// without reading a row (LIMIT 0), so a proven test still reports a predicate naming an
// unknown column or mistyped. ok is false when there is nothing to probe.
func ProbeSQL(t Test) (sql string, ok bool) {
	if strings.TrimSpace(t.Where) == "" || t.Kind == Singular {
		return "", false
	}
	return fmt.Sprintf("SELECT\nFROM %s AS flis_t\nLIMIT 0", from(t)), true
}

// ChangeProof proves a unique test for the rows an incremental change wrote, which is all a
// scoped check must judge (see ScopedCountSQL): the caller has made sure that no written
// row has a NULL in the key and that the other rows passed before. Then a unique index on
// a part of the key forbids every duplicate a written row could be in, NULL-able columns
// or not: two rows can only agree with a written row on non-NULL values. Other kinds: as
// Proof.
func ChangeProof(t Test, g Guarantees) (reason string, ok bool) {
	if t.Kind != Unique || Validate(t) != nil {
		return Proof(t, g)
	}
	key := uniqueKey(t)
	notNull := make(map[string]bool, len(g.NotNull)+len(key))
	for c, v := range g.NotNull {
		notNull[c] = v
	}
	for _, c := range key {
		notNull[c] = true
	}
	g.NotNull = notNull
	reason, ok = uniqueProof(key, g)
	if !ok {
		return "", false
	}
	return reason + ", for changed rows without a NULL key", true
}

// NullFreeProof finds, for a unique test that Proof cannot prove, a unique index that would
// prove it if its NULL-able columns held no NULL in the tested rows: model tables made by
// CREATE TABLE AS carry a unique index but never NOT NULL. The caller runs NullCheckSQL on
// the returned columns; a check that finds no NULL costs one scan, without the sort or
// hash of every key the test's GROUP BY needs (46 s against about 3 s on 11.8M rows).
func NullFreeProof(t Test, g Guarantees) (nullable []string, reason string, ok bool) {
	if t.Kind != Unique || Validate(t) != nil {
		return nil, "", false
	}
	key := uniqueKey(t)
	assumed := g
	assumed.NotNull = make(map[string]bool, len(key))
	for _, c := range key {
		assumed.NotNull[c] = true
	}
	best := bestUnique(key, assumed)
	if best == nil {
		return nil, "", false
	}
	for _, c := range best.Columns {
		if !g.NotNull[c] && !best.NullsNotDistinct {
			nullable = append(nullable, c)
		}
	}
	return nullable, uniqueReason(*best, key) + ", with no NULL in it", true
}

// NullCheckSQL returns a query with one boolean: whether a tested row of t has a NULL in
// one of cols.
func NullCheckSQL(t Test, cols []string) string {
	return AnyNullSQL(from(t), cols)
}
