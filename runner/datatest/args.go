package datatest

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// ArgError is a test whose configuration is wrong. Arg names the argument (or field:
// "column", "where", "severity", "sql") so the compiler can point at its position.
type ArgError struct {
	Test string // the test's kind
	Arg  string
	Msg  string
}

func (e *ArgError) Error() string {
	if e.Arg == "" {
		return fmt.Sprintf("%s test: %s", e.Test, e.Msg)
	}
	return fmt.Sprintf("%s test: %s: %s", e.Test, e.Arg, e.Msg)
}

// Validate checks a test's kind, fields and arguments.
func Validate(t Test) error {
	k, ok := kinds[t.Kind]
	if !ok {
		names := make([]string, 0, len(kinds))
		for n := range kinds {
			names = append(names, n)
		}
		sort.Strings(names)
		return &ArgError{Test: t.Kind, Msg: fmt.Sprintf("unknown test kind %q (known: %s)", t.Kind, strings.Join(names, ", "))}
	}
	switch t.Severity {
	case "", "error", "warn":
	default:
		return &ArgError{Test: t.Kind, Arg: "severity", Msg: fmt.Sprintf("%q is neither error nor warn", t.Severity)}
	}
	argNames := make([]string, 0, len(t.Args))
	for a := range t.Args {
		argNames = append(argNames, a)
	}
	sort.Strings(argNames) // report the same unknown argument every time
	for _, a := range argNames {
		if !slices.Contains(k.args, a) {
			known := "it takes no arguments"
			if len(k.args) > 0 {
				known = "known: " + strings.Join(k.args, ", ")
			}
			return &ArgError{Test: t.Kind, Arg: a, Msg: "unknown argument (" + known + ")"}
		}
	}
	if t.Kind != Singular {
		if t.Relation.Name == "" {
			return &ArgError{Test: t.Kind, Msg: "no relation to test"}
		}
	}
	return k.validate(t)
}

func needColumn(t Test) error {
	if t.Column == "" {
		return &ArgError{Test: t.Kind, Arg: "column", Msg: "a " + t.Kind + " test belongs under a column"}
	}
	return nil
}

// uniqueKey is the key of a unique test: Columns, the columns argument, or Column.
func uniqueKey(t Test) []string {
	if len(t.Columns) > 0 {
		return t.Columns
	}
	if cols, ok := stringList(t.Args["columns"]); ok && len(cols) > 0 {
		return cols
	}
	if t.Column != "" {
		return []string{t.Column}
	}
	return nil
}

func validateUnique(t Test) error {
	if v, present := t.Args["columns"]; present {
		if _, ok := stringList(v); !ok {
			return &ArgError{Test: t.Kind, Arg: "columns", Msg: "want a list of column names"}
		}
	}
	key := uniqueKey(t)
	if len(key) == 0 {
		return &ArgError{Test: t.Kind, Arg: "columns", Msg: "put the test under a column or list the key's columns"}
	}
	for i, c := range key {
		if c == "" || slices.Contains(key[:i], c) {
			return &ArgError{Test: t.Kind, Arg: "columns", Msg: fmt.Sprintf("column %q is empty or listed twice", c)}
		}
	}
	return nil
}

func validateAcceptedValues(t Test) error {
	if err := needColumn(t); err != nil {
		return err
	}
	_, err := valueLiterals(t)
	return err
}

// valueLiterals renders accepted_values' values: quoted literals, or with quote: false the
// bare numbers/booleans, checked so nothing but a number or boolean reaches the SQL.
func valueLiterals(t Test) ([]string, error) {
	bad := func(msg string) error { return &ArgError{Test: t.Kind, Arg: "values", Msg: msg} }
	quote := true
	if q, present := t.Args["quote"]; present {
		b, ok := q.(bool)
		if !ok {
			return nil, &ArgError{Test: t.Kind, Arg: "quote", Msg: fmt.Sprintf("want true or false, got %v", q)}
		}
		quote = b
	}
	raw, present := t.Args["values"]
	if !present {
		return nil, bad("missing: list the accepted values")
	}
	list, ok := raw.([]any)
	if !ok {
		if ss, isStrings := raw.([]string); isStrings {
			for _, s := range ss {
				list = append(list, s)
			}
		} else {
			return nil, bad("want a list")
		}
	}
	if len(list) == 0 {
		return nil, bad("the list is empty, so every value would fail")
	}
	lits := make([]string, len(list))
	for i, v := range list {
		var text string
		switch x := v.(type) {
		case nil:
			return nil, bad(fmt.Sprintf("value %d is null; NULL is never in a list (use not_null)", i+1))
		case string:
			text = x
		case bool:
			text = strings.ToUpper(strconv.FormatBool(x))
		case int, int64, uint64, float64:
			text = fmt.Sprint(x)
		default:
			return nil, bad(fmt.Sprintf("value %d: want a string, number or boolean, got %T", i+1, v))
		}
		if quote {
			lits[i] = pgsql.QuoteString(text)
			continue
		}
		if !numberRE.MatchString(text) && text != "TRUE" && text != "FALSE" {
			return nil, bad(fmt.Sprintf("value %d (%q) is not a number or boolean, which quote: false needs", i+1, text))
		}
		lits[i] = text
	}
	return lits, nil
}

func validateRelationships(t Test) error {
	if err := needColumn(t); err != nil {
		return err
	}
	if _, err := relationArg(t, "to"); err != nil {
		return err
	}
	if f, ok := t.Args["field"].(string); !ok || f == "" {
		return &ArgError{Test: t.Kind, Arg: "field", Msg: "missing: the parent's column the values must appear in"}
	}
	return nil
}

// relationArg reads a relation argument: a Relation from the compiler, or an unquoted
// "schema.name" / "name" string.
func relationArg(t Test, name string) (Relation, error) {
	switch v := t.Args[name].(type) {
	case Relation:
		if v.Name != "" {
			return v, nil
		}
	case *Relation:
		if v != nil && v.Name != "" {
			return *v, nil
		}
	case string:
		if schema, rel, qualified := strings.Cut(v, "."); qualified && schema != "" && rel != "" && !strings.Contains(rel, ".") {
			return Relation{Schema: schema, Name: rel}, nil
		} else if !qualified && v != "" {
			return Relation{Name: v}, nil
		}
	case nil:
		return Relation{}, &ArgError{Test: t.Kind, Arg: name, Msg: "missing: the parent relation"}
	}
	return Relation{}, &ArgError{Test: t.Kind, Arg: name, Msg: fmt.Sprintf("want a relation name, got %v", t.Args[name])}
}

func validateExpression(t Test) error {
	if e, ok := t.Args["expression"].(string); !ok || strings.TrimSpace(e) == "" {
		return &ArgError{Test: t.Kind, Arg: "expression", Msg: "missing: a SQL boolean expression every row must satisfy"}
	}
	return nil
}

// intArg reads a whole, non-negative number argument; YAML decodes it as int, JSON as float64.
func intArg(t Test, name string) (int64, bool, error) {
	v, present := t.Args[name]
	if !present {
		return 0, false, nil
	}
	var n int64
	switch x := v.(type) {
	case int:
		n = int64(x)
	case int64:
		n = x
	case uint64:
		if x > math.MaxInt64 {
			return 0, true, &ArgError{Test: t.Kind, Arg: name, Msg: "too large"}
		}
		n = int64(x)
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return 0, true, &ArgError{Test: t.Kind, Arg: name, Msg: fmt.Sprintf("want a whole number, got %v", x)}
		}
		n = int64(x)
	default:
		return 0, true, &ArgError{Test: t.Kind, Arg: name, Msg: fmt.Sprintf("want a whole number, got %v", v)}
	}
	if n < 0 {
		return 0, true, &ArgError{Test: t.Kind, Arg: name, Msg: fmt.Sprintf("must not be negative, got %d", n)}
	}
	return n, true, nil
}

func validateRowCount(t Test) error {
	lo, hasMin, err := intArg(t, "min")
	if err != nil {
		return err
	}
	hi, hasMax, err := intArg(t, "max")
	if err != nil {
		return err
	}
	switch {
	case !hasMin && !hasMax:
		return &ArgError{Test: t.Kind, Arg: "min", Msg: "set min, max or both"}
	case hasMin && hasMax && lo > hi:
		return &ArgError{Test: t.Kind, Arg: "max", Msg: fmt.Sprintf("max %d is below min %d", hi, lo)}
	}
	return nil
}

// numberRE is a SQL numeric literal; strconv.ParseFloat would also let "NaN", "Inf" and
// hex floats through, which are identifiers or syntax errors in SQL.
var numberRE = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// intervalRE accepts PostgreSQL's verbose interval syntax ("62 days", "1 year 2 months",
// "36 hours"); anything else is most likely a typo that would only fail at run time.
var intervalRE = regexp.MustCompile(`(?i)^\s*(\d+(\.\d+)?\s*(microseconds?|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|mons?|years?|yrs?)\s*)+$`)

func validateRecency(t Test) error {
	if v, present := t.Args["column"]; present {
		if s, ok := v.(string); !ok || s == "" {
			return &ArgError{Test: t.Kind, Arg: "column", Msg: "want a column name"}
		}
	}
	if columnArg(t) == "" {
		return &ArgError{Test: t.Kind, Arg: "column", Msg: "missing: the timestamp or date column to measure"}
	}
	age, ok := t.Args["max_age"].(string)
	if !ok || strings.TrimSpace(age) == "" {
		return &ArgError{Test: t.Kind, Arg: "max_age", Msg: `missing: an interval such as "62 days"`}
	}
	if !intervalRE.MatchString(age) {
		return &ArgError{Test: t.Kind, Arg: "max_age", Msg: fmt.Sprintf(`%q is not an interval such as "62 days" or "1 month 15 days"`, age)}
	}
	return nil
}

func validateSingular(t Test) error {
	sql, err := pgsql.TrimStatement(t.SQL)
	var perr *pgsql.Error
	switch {
	case errors.As(err, &perr) && perr.Msg == pgsql.MsgMultipleStatements:
		return &ArgError{Test: t.Kind, Arg: "sql", Msg: "more than one statement; a singular test is one SELECT"}
	case errors.As(err, &perr):
		return &ArgError{Test: t.Kind, Arg: "sql", Msg: fmt.Sprintf("%s at byte %d (%s)", perr.Msg, perr.Off, perr.Hint)}
	case err != nil:
		return &ArgError{Test: t.Kind, Arg: "sql", Msg: err.Error()}
	case sql == "":
		return &ArgError{Test: t.Kind, Arg: "sql", Msg: "the test file holds no query"}
	}
	return nil
}

func stringList(v any) ([]string, bool) {
	switch x := v.(type) {
	case []string:
		return x, true
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	return nil, false
}
