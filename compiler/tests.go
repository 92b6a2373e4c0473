package compiler

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/compiler/project"
)

// addTests turns the data tests declared in YAML (on columns, models, seeds and sources) into
// test nodes that depend on the node they test, and on the node a relationships test points
// at. Names follow dbt's convention, so `flis test --select not_null_fact_ky_sager_sag_id`
// reads as it would there.
func (c *compilation) addTests() {
	for _, n := range c.sortedNodes() {
		var cols []*project.Column
		var specs []*project.TestSpec
		switch {
		case n.Model != nil:
			cols, specs = n.Model.Columns, n.Model.Tests
		case n.Seed != nil:
			cols, specs = n.Seed.Columns, n.Seed.Tests
		case n.Source != nil:
			cols, specs = n.Source.Columns, n.Source.Tests
		default:
			continue
		}
		for _, col := range cols {
			for _, s := range col.Tests {
				c.addTest(n, s, col.Name)
			}
		}
		for _, s := range specs {
			c.addTest(n, s, s.Column)
		}
	}
}

func (c *compilation) addTest(n *Node, s *project.TestSpec, column string) {
	args, where := c.renderArgVars(s)
	t := &Test{Kind: s.Kind, Attached: n.ID, Column: column, Args: args, Severity: severity(s.Severity),
		Where: where, Pos: s.Pos}
	deps := []string{n.ID}
	if n.Model != nil && n.Model.Config.Materialized == "ephemeral" {
		c.diags.Add(diag.Errorf(s.Pos, "model %q is ephemeral and cannot be tested", n.Name).
			WithHint("ephemeral models are inlined and never exist in the warehouse; materialize it as a view to test it"))
		return
	}
	if column != "" && n.Columns != nil && !contains(n.Columns, column) {
		c.diags.Add(diag.Errorf(s.Pos, "%s test on unknown column %q of %s %q", s.Kind, column, n.Kind, n.Name).
			WithHint("%s", hintOr(diag.DidYouMean(column, n.Columns), "columns: "+strings.Join(n.Columns, ", "))))
		return
	}
	for _, key := range []string{"columns"} {
		if list, ok := s.Args[key].([]any); ok && n.Columns != nil {
			for _, v := range list {
				name := fmt.Sprint(v)
				if !contains(n.Columns, name) {
					c.diags.Add(diag.Errorf(s.Pos, "%s test names unknown column %q of %s %q", s.Kind, name, n.Kind, n.Name).
						WithHint("%s", hintOr(diag.DidYouMean(name, n.Columns), "columns: "+strings.Join(n.Columns, ", "))))
					return
				}
			}
		}
	}
	if s.Kind == "relationships" {
		to := fmt.Sprint(s.Args["to"])
		schema, name := "", to
		if i := strings.IndexByte(to, '.'); i > 0 {
			schema, name = to[:i], to[i+1:]
		}
		id, ok := c.lookup(schema, name)
		if !ok {
			c.diags.Add(diag.Errorf(s.Pos, "relationships test points at unknown relation %q", to).
				WithHint("%s", hintOr(diag.DidYouMean(to, c.relNames), "name a model, a seed or a source table (dsa.x)")))
			return
		}
		target := c.nodes[id]
		if field := fmt.Sprint(s.Args["field"]); target.Columns != nil && !contains(target.Columns, field) {
			c.diags.Add(diag.Errorf(s.Pos, "relationships test points at unknown column %q of %q", field, to).
				WithHint("%s", hintOr(diag.DidYouMean(field, target.Columns), "columns: "+strings.Join(target.Columns, ", "))))
			return
		}
		t.To = target.Relation
		if id != n.ID {
			deps = append(deps, id)
		}
	}
	name := s.Name
	if name == "" {
		name = testName(n, s, column)
	}
	id := testID(name)
	for i := 2; c.nodes[id] != nil; i++ {
		id = testID(fmt.Sprintf("%s_%d", name, i))
	}
	c.nodes[id] = &Node{ID: id, Kind: KindTest, Name: strings.TrimPrefix(id, KindTest+"."), Path: s.Pos.File,
		Area: n.Area, Tags: n.Tags, DependsOn: deps, Test: t}
}

// testName follows dbt: kind_model_column, with a short hash where arguments distinguish tests.
func testName(n *Node, s *project.TestSpec, column string) string {
	parts := []string{s.Kind, n.Name}
	if n.Source != nil {
		parts = []string{s.Kind, "source", n.Source.Source, n.Name}
	}
	if column != "" {
		parts = append(parts, column)
	}
	switch s.Kind {
	case "unique":
		if list, ok := s.Args["columns"].([]any); ok {
			for _, v := range list {
				parts = append(parts, fmt.Sprint(v))
			}
		}
	case "relationships":
		parts = append(parts, "_"+lastPart(fmt.Sprint(s.Args["to"])))
	case "expression_is_true", "row_count", "recency", "accepted_values":
		if s.Kind != "accepted_values" || column == "" {
			parts = append(parts, shortHash(fmt.Sprint(s.Args)))
		}
	}
	return strings.Join(parts, "_")
}

func lastPart(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// renderArgVars renders ${var} in a test's SQL-bearing arguments (expression, where, ...):
// a business rule like "maaned <= ${data_tom}::date" is written with the same variables as
// the models. Unknown variables are errors at the test's position.
func (c *compilation) renderArgVars(s *project.TestSpec) (map[string]any, string) {
	args := make(map[string]any, len(s.Args))
	for k, v := range s.Args {
		if str, ok := v.(string); ok && strings.Contains(str, "${") {
			v = c.renderSQLVars(str, s.Pos)
		}
		args[k] = v
	}
	where := s.Where
	if strings.Contains(where, "${") {
		where = c.renderSQLVars(where, s.Pos)
	}
	return args, where
}

func (c *compilation) renderSQLVars(src string, pos diag.Pos) string {
	toks, err := pgsql.Tokenize(src)
	if err != nil {
		c.diags.Add(diag.Errorf(pos, "test argument %q: %v", src, err))
		return src
	}
	var edits []pgsql.Edit
	for _, t := range toks {
		if t.Kind != pgsql.Var {
			continue
		}
		name := t.Name()
		val, ok := c.vars[name]
		if !ok {
			c.diags.Add(diag.Errorf(pos, "unknown variable %q in test argument", name).
				WithHint("%s", hintOr(diag.DidYouMean(name, c.varNames()), "declare it under vars: in flis.yaml")))
			continue
		}
		edits = append(edits, pgsql.Edit{Off: t.Off, End: t.End, Text: pgsql.Literal(val)})
	}
	out, err := pgsql.ApplyEdits(src, edits)
	if err != nil {
		c.diags.Add(diag.Errorf(pos, "test argument %q: %v", src, err))
		return src
	}
	return out
}
