package materialize

import (
	"fmt"
	"strings"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// ColumnChange is a column whose type differs between the table and the model's SQL.
type ColumnChange struct {
	Name, From, To string
}

// SchemaChangeError reports that an incremental model's columns no longer match its table
// while on_schema_change is fail.
type SchemaChangeError struct {
	Model    string
	Relation Relation
	Added    []Column
	Removed  []Column
	Changed  []ColumnChange
}

func (e *SchemaChangeError) Error() string {
	var parts []string
	if len(e.Added) > 0 {
		parts = append(parts, "added "+describe(e.Added))
	}
	if len(e.Removed) > 0 {
		parts = append(parts, "removed "+describe(e.Removed))
	}
	if len(e.Changed) > 0 {
		var ch []string
		for _, c := range e.Changed {
			ch = append(ch, fmt.Sprintf("%s from %s to %s", c.Name, c.From, c.To))
		}
		parts = append(parts, "changed "+strings.Join(ch, ", "))
	}
	return fmt.Sprintf("model %s: the columns of %s changed: %s (hint: set on_schema_change to append_new_columns or sync_all_columns, or run with --full-refresh)",
		e.Model, e.Relation, strings.Join(parts, "; "))
}

func describe(cols []Column) string {
	s := make([]string, len(cols))
	for i, c := range cols {
		s[i] = c.Name + " " + c.Type
	}
	return strings.Join(s, ", ")
}

// diffColumns compares the table's columns with the stage's, by name: order does not
// matter because every insert names its columns.
func diffColumns(table, stage []Column) (added, removed []Column, changed []ColumnChange) {
	inTable := map[string]string{}
	for _, c := range table {
		inTable[c.Name] = c.Type
	}
	inStage := map[string]bool{}
	for _, c := range stage {
		inStage[c.Name] = true
		t, ok := inTable[c.Name]
		switch {
		case !ok:
			added = append(added, c)
		case t != c.Type:
			changed = append(changed, ColumnChange{Name: c.Name, From: t, To: c.Type})
		}
	}
	for _, c := range table {
		if !inStage[c.Name] {
			removed = append(removed, c)
		}
	}
	return added, removed, changed
}

// schemaChange returns the statements that adapt the table to the stage under the model's
// on_schema_change, and the table's columns afterwards.
func (c *planCtx) schemaChange(stageCols []Column) ([]string, []Column, error) {
	added, removed, changed := diffColumns(c.st.Columns, stageCols)
	if len(added)+len(removed)+len(changed) == 0 {
		return nil, c.st.Columns, nil
	}
	t := c.m.Relation
	var stmts []string
	final := append([]Column(nil), c.st.Columns...)
	switch c.m.OnSchemaChange {
	case "", SchemaChangeFail:
		return nil, nil, &SchemaChangeError{Model: c.m.ID, Relation: t, Added: added, Removed: removed, Changed: changed}
	case SchemaChangeAppend:
		// Removed columns stay (and get NULLs); changed types stay (values are converted on
		// insert by assignment casts, or the insert fails).
		for _, a := range added {
			stmts = append(stmts, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", t, pgsql.QuoteIdent(a.Name), a.Type))
			final = append(final, a)
		}
	case SchemaChangeSync:
		// Dropping or retyping a column a view uses fails loudly; that is intended.
		for _, r := range removed {
			stmts = append(stmts, fmt.Sprintf("ALTER TABLE %s DROP COLUMN %s", t, pgsql.QuoteIdent(r.Name)))
		}
		for _, a := range added {
			stmts = append(stmts, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", t, pgsql.QuoteIdent(a.Name), a.Type))
		}
		for _, ch := range changed {
			q := pgsql.QuoteIdent(ch.Name)
			stmts = append(stmts, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::%s", t, q, ch.To, q, ch.To))
		}
		final = stageCols
	}
	return stmts, final, nil
}
