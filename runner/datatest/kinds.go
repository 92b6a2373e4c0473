package datatest

import (
	"fmt"
	"strings"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// kind is one row of the lookup table of tests: the arguments it accepts, its checks and
// the query. sql may assume validate passed.
type kind struct {
	args     []string
	validate func(t Test) error
	sql      func(t Test) string
}

var kinds map[string]kind

func init() {
	// Assigned in init: DefaultName and Validate refer back to the table.
	kinds = map[string]kind{
		NotNull:          {nil, needColumn, notNullSQL},
		Unique:           {[]string{"columns"}, validateUnique, uniqueSQL},
		AcceptedValues:   {[]string{"values", "quote"}, validateAcceptedValues, acceptedValuesSQL},
		Relationships:    {[]string{"to", "field"}, validateRelationships, relationshipsSQL},
		ExpressionIsTrue: {[]string{"expression"}, validateExpression, expressionSQL},
		RowCount:         {[]string{"min", "max"}, validateRowCount, rowCountSQL},
		Recency:          {[]string{"column", "max_age"}, validateRecency, recencySQL},
		Singular:         {nil, validateSingular, singularSQL},
	}
}

// notNullSQL: rows whose column is NULL.
func notNullSQL(t Test) string {
	return fmt.Sprintf("SELECT *\nFROM %s AS flis_t\nWHERE %s", from(t), notNullFails(t))
}

// notNullFails is the condition under which a row (flis_t) fails not_null.
func notNullFails(t Test) string {
	return testedColumn(t) + " IS NULL"
}

// testedColumn is the column a column-level test sits on, on the tested rows flis_t.
func testedColumn(t Test) string {
	return "flis_t." + pgsql.QuoteIdent(t.Column)
}

// uniqueSQL: one row per duplicated key, with its count. GROUP BY puts NULLs in one group,
// so two rows with a NULL key are duplicates: the key of an incremental merge must not
// hold them, since it matches NULLs NULL-safely.
func uniqueSQL(t Test) string {
	cols := quoteList(uniqueKey(t), "flis_t.")
	return fmt.Sprintf("SELECT %s, count(*) AS n_records\nFROM %s AS flis_t\nGROUP BY %s\nHAVING count(*) > 1",
		cols, from(t), cols)
}

// acceptedValuesSQL: one row per value outside the list, with its count. NULL is not
// judged here; that is not_null's job.
func acceptedValuesSQL(t Test) string {
	col := testedColumn(t)
	return fmt.Sprintf("SELECT %s AS value, count(*) AS n_records\nFROM %s AS flis_t\nWHERE %s\nGROUP BY %s",
		col, from(t), acceptedValuesFails(t), col)
}

// acceptedValuesFails is the condition under which a row (flis_t) holds a value outside
// the list.
func acceptedValuesFails(t Test) string {
	col := testedColumn(t)
	lits, _ := valueLiterals(t)
	return fmt.Sprintf("%s IS NOT NULL AND %s NOT IN (%s)", col, col, strings.Join(lits, ", "))
}

// relationshipsSQL: child rows whose value has no parent row. NULL children pass: a
// missing reference is not a broken one.
func relationshipsSQL(t Test) string {
	to, _ := relationArg(t, "to")
	field, _ := t.Args["field"].(string)
	col := testedColumn(t)
	return fmt.Sprintf("SELECT flis_t.*\nFROM %s AS flis_t\nWHERE %s IS NOT NULL\n  AND NOT EXISTS (SELECT FROM %s AS flis_p WHERE flis_p.%s = %s)",
		from(t), col, to, pgsql.QuoteIdent(field), col)
}

// expressionSQL: rows where the expression is false. As in dbt, a NULL result passes;
// write `coalesce(expr, false)` to fail on NULL.
func expressionSQL(t Test) string {
	return fmt.Sprintf("SELECT *\nFROM %s AS flis_t\nWHERE %s", from(t), expressionFails(t))
}

// expressionFails is the condition under which a row fails expression_is_true.
func expressionFails(t Test) string {
	expr, _ := t.Args["expression"].(string)
	return fmt.Sprintf("NOT (\n%s\n)", strings.TrimSpace(expr))
}

// rowCountSQL: one row carrying the count when it is outside [min, max].
func rowCountSQL(t Test) string {
	return fmt.Sprintf("SELECT flis_c.row_count\nFROM (SELECT count(*) AS row_count FROM %s AS flis_t) AS flis_c\nWHERE %s",
		from(t), rowCountFails(t, "flis_c.row_count"))
}

// rowCountFails is the condition under which the count (an SQL expression) is outside
// [min, max].
func rowCountFails(t Test, count string) string {
	var conds []string
	if n, ok, _ := intArg(t, "min"); ok {
		conds = append(conds, fmt.Sprintf("%s < %d", count, n))
	}
	if n, ok, _ := intArg(t, "max"); ok {
		conds = append(conds, fmt.Sprintf("%s > %d", count, n))
	}
	return strings.Join(conds, " OR ")
}

// recencySQL: one row carrying the newest value when it is older than max_age, or NULL when
// the relation is empty. A date column is measured from current_date, anything else from
// now(): yesterday's date is one day old all of today, not 1.6 days at 14:00.
func recencySQL(t Test) string {
	age := pgsql.QuoteString(strings.TrimSpace(t.Args["max_age"].(string))) + "::interval"
	return fmt.Sprintf(`SELECT flis_r.max_value
FROM (SELECT max(flis_t.%s) AS max_value FROM %s AS flis_t) AS flis_r
WHERE flis_r.max_value IS NULL
   OR flis_r.max_value < CASE WHEN pg_typeof(flis_r.max_value) = 'date'::regtype
                              THEN current_date - %s ELSE now() - %s END`,
		pgsql.QuoteIdent(columnArg(t)), from(t), age, age)
}

// singularSQL: the user's query as given, trimmed to be embedded (validateSingular has
// checked that it trims); Where filters its result.
func singularSQL(t Test) string {
	sql, _ := pgsql.TrimStatement(t.SQL)
	if strings.TrimSpace(t.Where) == "" {
		return sql
	}
	return fmt.Sprintf("SELECT *\nFROM (\n%s\n) AS flis_t\nWHERE %s\n", sql, t.Where)
}
