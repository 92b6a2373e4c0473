package datatest

import (
	"fmt"
	"strings"
)

// Shared scans. Most tests of a relation judge its rows one by one (not_null,
// accepted_values, expression_is_true) or count them (row_count), and a relation has many
// of them: dsa.aula_komme_gaa (10M rows) has seven, each a scan of its own. Counted as
// aggregates with a FILTER each, in one query, the relation is read once for all of them.

// Batchable reports whether t can be counted with other tests of its relation in one scan
// (BatchCountSQL). An expression or where that holds a subquery reads other relations and
// runs alone, as written.
func Batchable(t Test) bool {
	switch t.Kind {
	case NotNull, AcceptedValues, ExpressionIsTrue, RowCount:
	default:
		return false
	}
	expr, _ := t.Args["expression"].(string)
	return !hasSubquery(expr) && !hasSubquery(t.Where)
}

// BatchCountSQL returns one query that reads the tests' relation (the same for all) once
// and returns one row: column i holds what CountSQL(tests[i]) would, its number of failing
// rows (for accepted_values the number of distinct values outside the list, for row_count
// 1 when the count is outside its bounds).
func BatchCountSQL(tests []Test) (string, error) {
	if len(tests) == 0 {
		return "", fmt.Errorf("no tests to count")
	}
	cols := make([]string, len(tests))
	for i, t := range tests {
		if err := Validate(t); err != nil {
			return "", err
		}
		if !Batchable(t) {
			return "", fmt.Errorf("a %s test cannot share a scan", t.Kind)
		}
		if t.Relation != tests[0].Relation {
			return "", fmt.Errorf("tests of %s and %s cannot share a scan", tests[0].Relation, t.Relation)
		}
		cols[i] = fmt.Sprintf("%s AS failures_%d", batchColumn(t), i+1)
	}
	return fmt.Sprintf("SELECT\n    %s\nFROM %s AS flis_t", strings.Join(cols, ",\n    "), tests[0].Relation), nil
}

// batchColumn is the aggregate that counts t's failures among the rows of flis_t.
func batchColumn(t Test) string {
	var fails string
	switch t.Kind {
	case NotNull:
		fails = notNullFails(t)
	case AcceptedValues:
		fails = acceptedValuesFails(t)
	case ExpressionIsTrue:
		fails = expressionFails(t)
	case RowCount:
		rows := "count(*)"
		if strings.TrimSpace(t.Where) != "" {
			rows = fmt.Sprintf("count(*) FILTER (WHERE %s\n)", t.Where)
		}
		return fmt.Sprintf("CASE WHEN %s THEN 1 ELSE 0 END", rowCountFails(t, rows))
	}
	if strings.TrimSpace(t.Where) != "" {
		// CASE, not AND: the test's condition is evaluated only on rows its where keeps,
		// as in the test's own query, so it cannot fail (say, divide by zero) on others.
		fails = fmt.Sprintf("CASE WHEN %s\n THEN %s END", t.Where, fails)
	}
	if t.Kind == AcceptedValues {
		return fmt.Sprintf("count(DISTINCT %s) FILTER (WHERE %s)", testedColumn(t), fails)
	}
	return fmt.Sprintf("count(*) FILTER (WHERE %s)", fails)
}
