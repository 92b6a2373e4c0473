package project

import (
	"fmt"
	"math"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
	"gopkg.in/yaml.v3"
)

// argKind is the YAML type a test argument takes.
type argKind int

const (
	argString argKind = iota
	argStrings
	argScalars
	argInt
	argBool
	argInterval
)

type argSpec struct {
	name     string
	kind     argKind
	required bool
}

// testKind describes one generic test: its arguments, and where it may be listed.
type testKind struct {
	args []argSpec
	// column: the test is about one column, given by the column it is listed under or, at
	// model level, by a `column` argument.
	column bool
	// modelOnly: the test is about the whole relation and cannot be listed under a column.
	modelOnly bool
	example   string
}

var testKinds = map[string]testKind{
	"not_null": {column: true, example: "not_null: {column: id}"},
	"unique": {column: true, args: []argSpec{{"columns", argStrings, false}},
		example: "unique: {columns: [a, b]}"},
	"accepted_values": {column: true, args: []argSpec{{"values", argScalars, true}, {"quote", argBool, false}},
		example: "accepted_values: {values: [a, b]}"},
	"relationships": {column: true, args: []argSpec{{"to", argString, true}, {"field", argString, true}},
		example: "relationships: {to: other_model, field: id}"},
	"expression_is_true": {args: []argSpec{{"expression", argString, true}},
		example: `expression_is_true: {expression: "a >= 0"}`},
	"row_count": {modelOnly: true, args: []argSpec{{"min", argInt, false}, {"max", argInt, false}},
		example: "row_count: {min: 1}"},
	"recency": {column: true, args: []argSpec{{"max_age", argInterval, true}},
		example: `recency: {column: maaned, max_age: "62 days"}`},
}

// commonTestArgs are accepted by every test; config: {severity, where} is dbt's spelling.
var commonTestArgs = []string{"severity", "where", "name", "config"}

func (k testKind) argNames(level string) []string {
	out := append([]string(nil), commonTestArgs...)
	for _, a := range k.args {
		out = append(out, a.name)
	}
	if level != "column" && (k.column || k.args == nil) {
		out = append(out, "column")
	}
	return out
}

// decodeTests decodes a `tests:` list. column is the column the list hangs under ("" for a
// model-, seed- or source-level list).
func (d *dec) decodeTests(key string, v *yaml.Node, column string) []*TestSpec {
	var out []*TestSpec
	d.seq(key, v, func(it *yaml.Node) {
		if t := d.decodeTest(it, column); t != nil {
			out = append(out, t)
		}
	})
	return out
}

func (d *dec) decodeTest(it *yaml.Node, column string) *TestSpec {
	level := "model"
	if column != "" {
		level = "column"
	}
	var kindNode, argsNode *yaml.Node
	switch it.Kind {
	case yaml.ScalarNode:
		kindNode = it
	case yaml.MappingNode:
		if len(it.Content) == 0 {
			d.errorf(it, "write a test kind such as not_null", "empty test")
			return nil
		}
		kindNode, argsNode = d.deref(it.Content[0]), it.Content[1]
		if len(it.Content) > 2 {
			extra := orNode(d.deref(it.Content[2]), it)
			hint := "write each test as its own list item"
			if k, ok := testKinds[kindNode.Value]; ok && extra != nil && contains(k.argNames(level), extra.Value) && isNull(d.deref(argsNode)) {
				hint = fmt.Sprintf("indent the arguments under %s:", kindNode.Value)
			}
			d.errorf(extra, hint, "a test has one kind, but this item also has %q", extra.Value)
			return nil
		}
	default:
		d.errorf(it, "write a test kind such as not_null, or unique: {columns: [a]}", "a test must be a name or a mapping, not %s", describe(it))
		return nil
	}
	if kindNode == nil || kindNode.Kind != yaml.ScalarNode || isNull(kindNode) {
		d.errorf(it, "", "a test needs a kind such as not_null")
		return nil
	}
	name := kindNode.Value
	kind, ok := testKinds[name]
	if !ok {
		guess := name
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			guess = name[i+1:] // dbt_utils.expression_is_true → expression_is_true
		}
		d.errorf(kindNode, didYouMeanOr(guess, TestKinds, "test kinds: "+strings.Join(TestKinds, ", ")),
			"unknown test kind %q", name)
		return nil
	}
	t := &TestSpec{Kind: name, Column: column, Severity: DefaultSeverity, Pos: d.pos(kindNode)}
	if kind.modelOnly && column != "" {
		d.errorf(kindNode, "list it under the model's tests:, not a column's", "%s tests a whole relation, not a column", name)
		return nil
	}
	args := map[string]any{}
	allowed := kind.argNames(level)
	before := len(d.diags)
	if an := d.deref(argsNode); level == "column" && an != nil && an.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(an.Content); i += 2 {
			if k := an.Content[i]; k.Value == "column" {
				d.errorf(k, "a test listed under a column tests that column; remove column:",
					"%s is listed under the column %q and cannot name another column", name, column)
				return nil
			}
		}
	}
	good := d.mapping(argsNode, name, allowed, func(key string, k, v *yaml.Node) {
		switch key {
		case "severity", "where", "name":
			d.testCommon(t, key, v)
		case "config":
			d.mapping(v, name+" config", []string{"severity", "where"}, func(key string, _, v *yaml.Node) {
				d.testCommon(t, key, v)
			})
		case "column":
			t.Column, _ = d.name(name+" column", v)
		default:
			for _, a := range kind.args {
				if a.name == key {
					if val, ok := d.testArg(name, a, v); ok {
						args[key] = val
					}
				}
			}
		}
	})
	if !good || len(d.diags) > before {
		return nil // one mistake, one message: "needs values" after "values: expected a list" is noise
	}
	if !d.checkTestArgs(t, kind, args, kindNode, level) {
		return nil
	}
	if len(args) > 0 {
		t.Args = args
	}
	return t
}

func (d *dec) testCommon(t *TestSpec, key string, v *yaml.Node) {
	s, ok := d.str(t.Kind+" "+key, v)
	if !ok {
		return
	}
	switch key {
	case "severity":
		s = strings.ToLower(s)
		if !contains(Severities, s) {
			d.errorf(d.deref(v), severityHint(s), "unknown severity %q", s)
			return
		}
		t.Severity = s
	case "where":
		t.Where = s
	case "name":
		t.Name = s
	}
}

func (d *dec) testArg(test string, a argSpec, v *yaml.Node) (any, bool) {
	key := test + " " + a.name
	switch a.kind {
	case argString:
		return d.name(key, v)
	case argInterval:
		s, ok := d.name(key, v)
		if ok {
			if msg, hint := checkInterval(s); msg != "" {
				d.errorf(d.deref(v), hint, "%s: %s", key, msg)
				return nil, false
			}
		}
		return s, ok
	case argStrings:
		ss, _, ok := d.strOrList(key, v)
		out := make([]any, len(ss))
		for i, s := range ss {
			out[i] = s
		}
		return out, ok
	case argScalars:
		vn := d.deref(v)
		if vn == nil || vn.Kind != yaml.SequenceNode {
			d.errorf(vn, "write a list: [a, b]", "%s: expected a list, got %s", key, describe(vn))
			return nil, false
		}
		for _, it := range vn.Content {
			if it = d.deref(it); it != nil && it.Kind != yaml.ScalarNode {
				d.errorf(it, "", "%s: expected plain values, got %s", key, describe(it))
				return nil, false
			}
		}
		return d.value(key, vn)
	case argInt:
		vn := d.deref(v)
		if vn != nil && vn.Tag == "!!float" {
			var f float64
			if vn.Decode(&f) == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				return int(f), true // 1e6
			}
		}
		return d.integer(key, v)
	case argBool:
		return d.boolean(key, v)
	}
	return nil, false
}

// checkTestArgs checks required and conflicting arguments, after the mapping is decoded.
func (d *dec) checkTestArgs(t *TestSpec, kind testKind, args map[string]any, at *yaml.Node, level string) bool {
	hint := "write " + kind.example
	for _, a := range kind.args {
		if _, ok := args[a.name]; a.required && !ok {
			d.errorf(at, hint, "%s test needs %q", t.Kind, a.name)
			return false
		}
	}
	switch t.Kind {
	case "accepted_values":
		if vals, _ := args["values"].([]any); len(vals) == 0 {
			d.errorf(at, hint, "accepted_values test needs at least one value")
			return false
		}
	case "unique":
		if _, ok := args["columns"]; ok && (t.Column != "" || level == "column") {
			d.errorf(at, "use columns: at model level, or list unique under the column", "unique test has both a column and columns")
			return false
		}
		if level == "model" && t.Column == "" && args["columns"] == nil {
			d.errorf(at, hint, "unique test at model level needs columns")
			return false
		}
	case "row_count":
		minV, hasMin := args["min"].(int)
		maxV, hasMax := args["max"].(int)
		if !hasMin && !hasMax {
			d.errorf(at, hint, "row_count test needs min or max")
			return false
		}
		if hasMin && hasMax && minV > maxV {
			d.errorf(at, "", "row_count test: min %d is greater than max %d", minV, maxV)
			return false
		}
	default:
		if kind.column && level == "model" && t.Column == "" {
			d.errorf(at, "list the test under its column, or add column: <name>", "%s test at model level needs a column", t.Kind)
			return false
		}
	}
	return true
}

// checkTestNames reports two tests given the same name: by `name:`, or a generic test named
// like a singular test (tests/<name>.sql). Tests without a name are named by the compiler
// (kind_node_column, as dbt does), which also numbers clashes among those. tests must come in
// a deterministic order, so that the later of two is the one reported.
func checkTestNames(tests []*TestSpec, singular map[string]diag.Pos) diag.List {
	var ds diag.List
	taken := map[string]diag.Pos{}
	for _, t := range tests {
		if t.Name == "" {
			continue
		}
		if pos, ok := singular[t.Name]; ok {
			ds.Add(diag.Errorf(t.Pos, "test name %q is taken by the singular test %s", t.Name, pos.File).
				WithHint("choose another name"))
			continue
		}
		if prev, dup := taken[t.Name]; dup {
			ds.Add(diag.Errorf(t.Pos, "two tests are named %q", t.Name).
				WithHint("the other is at %s; test names are unique in a project", prev))
			continue
		}
		taken[t.Name] = t.Pos
	}
	return ds
}

// severityHint suggests error or warn, also for the long forms people write (warning, err).
func severityHint(s string) string {
	switch {
	case strings.HasPrefix(s, "warn"):
		return `did you mean "warn"?`
	case strings.HasPrefix(s, "err"):
		return `did you mean "error"?`
	}
	return didYouMeanOr(s, Severities, "severity is error or warn")
}
