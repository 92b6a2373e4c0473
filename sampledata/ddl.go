package sampledata

import (
	_ "embed"
	"regexp"
	"strings"
)

// Schema is the schema the supplier tables live in. Models read it and never write it.
const Schema = "dsa"

//go:embed ddl.sql
var ddlSQL string

var (
	ddlStatements  = splitStatements(ddlSQL)
	ddlTables      = tableNames(ddlStatements)
	ddlPrimaryKeys = primaryKeys(ddlStatements)
)

// DDL returns the statements that create the dsa schema and every DSA table of SPEC §2–6, one
// statement per string (so each can be sent on its own, as Citus requires). They use
// IF NOT EXISTS and are safe to run on a database that already has the tables.
func DDL() []string {
	return append([]string(nil), ddlStatements...)
}

// Tables returns the schema-qualified names of the DSA tables ("dsa.ky_sag", ...) in the order
// DDL creates them.
func Tables() []string {
	return append([]string(nil), ddlTables...)
}

// splitStatements cuts a script into statements at semicolons that end a line, after dropping
// "--" comment lines. The DDL holds no strings or dollar quotes, so nothing subtler is needed;
// the test checks that every statement starts with CREATE.
func splitStatements(script string) []string {
	var b strings.Builder
	for line := range strings.Lines(script) {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		b.WriteString(line)
	}
	var out []string
	for stmt := range strings.SplitSeq(b.String(), ";\n") {
		stmt = strings.TrimSuffix(strings.TrimSpace(stmt), ";")
		if stmt != "" {
			out = append(out, stmt)
		}
	}
	return out
}

var createTableRE = regexp.MustCompile(`^CREATE TABLE IF NOT EXISTS (\w+\.\w+)`)

func tableNames(stmts []string) []string {
	var out []string
	for _, s := range stmts {
		if m := createTableRE.FindStringSubmatch(s); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

var (
	pkColumnRE = regexp.MustCompile(`(?m)^\s*(\w+)\s+\w+ PRIMARY KEY`)
	pkTableRE  = regexp.MustCompile(`(?m)^\s*PRIMARY KEY \(([\w\s,]+)\)`)
)

// primaryKeys maps each table with a primary key to its key columns, in key order: a column
// marked PRIMARY KEY, or a table constraint line `PRIMARY KEY (a, b)` for a composite key.
func primaryKeys(stmts []string) map[string][]string {
	out := map[string][]string{}
	for _, s := range stmts {
		t := createTableRE.FindStringSubmatch(s)
		if t == nil {
			continue
		}
		if k := pkTableRE.FindStringSubmatch(s); k != nil {
			var cols []string
			for c := range strings.SplitSeq(k[1], ",") {
				cols = append(cols, strings.TrimSpace(c))
			}
			out[t[1]] = cols
		} else if k := pkColumnRE.FindStringSubmatch(s); k != nil {
			out[t[1]] = []string{k[1]}
		}
	}
	return out
}
