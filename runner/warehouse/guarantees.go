package warehouse

import (
	"context"
	"fmt"

	"github.com/flis-dk/flis/runner/datatest"
)

// relationFacts reads, in one row, the relation and whether its catalog speaks for every row
// a query on it sees, the server version (pg_index gained indnullsnotdistinct in 15) and its
// columns with attnotnull.
//
// Promises that do not reach every row, so the relation gets none:
//   - a view or a foreign table: nothing is enforced (a foreign table's NOT NULL is a
//     declaration about remote data, not a check);
//   - a plain table with inheritance children: SELECT reads the children too, which a
//     parent's unique index does not cover and whose NOT NULL can be dropped (PostgreSQL
//     < 18). relhassubclass may linger after the last child went; that only costs a scan;
//   - a partitioned table with a foreign partition, for the same reason as a foreign table;
//   - an unpopulated materialized view: reading it fails, and the proof must not hide that;
//   - a relation the user may not SELECT: the scan fails with permission denied.
const relationFactsSQL = `SELECT c.oid,
	c.relkind IN ('r', 'p', 'm')
		AND NOT (c.relkind = 'r' AND c.relhassubclass)
		AND c.relispopulated
		AND has_table_privilege(c.oid, 'SELECT')
		AND NOT (c.relkind = 'p' AND EXISTS (
			SELECT FROM pg_partition_tree(c.oid) t JOIN pg_class pc ON pc.oid = t.relid
			WHERE pc.relkind = 'f')),
	current_setting('server_version_num')::int,
	coalesce(array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum IS NOT NULL), '{}'),
	coalesce(array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnotnull), '{}')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = $1 AND c.relname = $2
GROUP BY c.oid`

// uniqueKeysSQL reads the unique indexes that hold for every row, primary key first. Kept:
// unique (indisunique), valid and live (a failed CREATE INDEX CONCURRENTLY leaves an invalid
// one that enforces nothing), immediate (a DEFERRABLE key lets duplicates sit inside the very
// transaction an audit runs in), not partial (indpred: it says nothing about other rows) and
// on plain columns only (indexprs; attnum 0 in indkey). Only the first indnkeyatts columns
// are the key: INCLUDE columns are carried, not compared.
//
// Each key column must compare as GROUP BY does, or the index's "equal" is not the test's:
// with the default operator class of its type and the column's own collation (a unique index
// on c COLLATE "C" lets 'a' and 'A' both in, which a case-insensitive column groups).
// %s is indnullsnotdistinct, or false before PostgreSQL 15.
const uniqueKeysSQL = `SELECT ic.relname::text, i.indisprimary, %s,
	array_agg(a.attname::text ORDER BY k.ord)
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[])
	WITH ORDINALITY AS k(attnum, opclass, coll, ord)
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
LEFT JOIN pg_opclass oc ON oc.oid = k.opclass
WHERE i.indrelid = $1 AND i.indisunique AND i.indisvalid AND i.indislive AND i.indimmediate
	AND i.indpred IS NULL AND i.indexprs IS NULL AND k.ord <= i.indnkeyatts
GROUP BY i.indexrelid, ic.relname, i.indisprimary
HAVING bool_and(a.attnum IS NOT NULL AND coalesce(oc.opcdefault, false) AND k.coll = a.attcollation)
ORDER BY NOT i.indisprimary, ic.relname`

// RelationGuarantees reads what the catalog of schema.name guarantees about its rows: its
// columns, those NOT NULL, and its enforced unique keys (see datatest.Guarantees). Names
// match exactly, as stored. An absent relation, a view and anything whose promises do not
// reach every row it returns yield empty Guarantees and no error: proving nothing is always
// safe, the test then scans.
//
// It reads through q, so inside a transaction it sees that transaction's catalog (an audit
// in the publish transaction sees the keys of the relation as it will be committed).
func RelationGuarantees(ctx context.Context, q Querier, schema, name string) (datatest.Guarantees, error) {
	var g datatest.Guarantees
	var (
		oid      uint32
		trusted  bool
		version  int
		cols     []string
		notNulls []string
		found    bool
	)
	err := queryRows(ctx, q, relationFactsSQL, []any{schema, name}, func(r Rows) error {
		found = true
		return r.Scan(&oid, &trusted, &version, &cols, &notNulls)
	})
	if err != nil {
		return g, fmt.Errorf("guarantees of %s.%s: %w", schema, name, err)
	}
	if !found || !trusted {
		return g, nil
	}
	g.Columns = make(map[string]bool, len(cols))
	for _, c := range cols {
		g.Columns[c] = true
	}
	g.NotNull = make(map[string]bool, len(notNulls))
	for _, c := range notNulls {
		g.NotNull[c] = true
	}
	nnd := "false"
	if version >= 150000 {
		nnd = "i.indnullsnotdistinct"
	}
	err = queryRows(ctx, q, fmt.Sprintf(uniqueKeysSQL, nnd), []any{oid}, func(r Rows) error {
		var u datatest.UniqueKey
		if err := r.Scan(&u.Name, &u.Primary, &u.NullsNotDistinct, &u.Columns); err != nil {
			return err
		}
		g.Unique = append(g.Unique, u)
		return nil
	})
	if err != nil {
		return datatest.Guarantees{}, fmt.Errorf("unique keys of %s.%s: %w", schema, name, err)
	}
	return g, nil
}

// queryRows runs sql through q and calls each for every row, closing the rows on every path.
func queryRows(ctx context.Context, q Querier, sql string, args []any, each func(Rows) error) error {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
