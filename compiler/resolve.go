package compiler

import (
	"slices"
	"sort"
	"strings"

	"github.com/flis-dk/flis/compiler/dag"
	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/compiler/pgsql"
)

// Built-in variables are rendered by the runner at run time, because their values depend on
// the warehouse (what an incremental model already holds).
var builtinVars = map[string]string{
	"range_start":    "'-infinity'",
	"is_incremental": "FALSE",
}

// prevPrefix starts ${prev.name}: the value the project variable name had when the model's
// table was last built, for SQL that computes exactly what moving a variable changes
// (fact_dream: the weeks between the previous and the new data_tom). It renders as NULL in
// a full build, where there is no previous build to compare with.
const prevPrefix = "prev."

// builtinLiteral is the compile-time rendering of a run-time variable.
func builtinLiteral(name string) string {
	if strings.HasPrefix(name, prevPrefix) {
		return "NULL"
	}
	return builtinVars[name]
}

// systemSchemas are readable without declaring them; they are never dependencies.
var systemSchemas = map[string]bool{"pg_catalog": true, "information_schema": true}

// template is what rendering a node's SQL needs: the user's text, the edits that replace
// references and variables, the built-in variables left for run time, and the ephemeral
// models to inline.
type template struct {
	src        string
	edits      []pgsql.Edit
	builtins   []pgsql.VarRef
	ephemerals []string // node IDs of ephemeral models referenced directly
	withOff    int      // where to insert CTEs: after "WITH [RECURSIVE]", or -1 to prefix
}

// resolve maps every relation named in a model's or singular test's SQL to a node, records the
// edge and the edit that rewrites the reference to the target's relation, and checks the
// variables it uses.
func (c *compilation) resolve(an map[string]*analysis) {
	c.edgePos = map[[2]string]srcRef{}
	for _, n := range c.sortedNodes() {
		if n.Kind != KindModel && !(n.Kind == KindTest && n.Test.Kind == "singular") {
			continue
		}
		a := an[n.Path]
		if a == nil || a.res == nil {
			continue // a syntax error was reported already
		}
		t := &template{src: a.src, withOff: withInsertOffset(a.src)}
		deps := map[string]bool{}
		for _, r := range a.res.Relations {
			// Positions cost a scan from the start of the file: only errors and cycle
			// reports need them, so they are computed there.
			ref := srcRef{path: n.Path, src: a.src, off: r.Off}
			id, ok := c.lookup(r.Schema, r.Name)
			if !ok {
				if systemSchemas[r.Schema] {
					continue
				}
				c.unknownRelation(ref.pos(), r)
				continue
			}
			target := c.nodes[id]
			if id == n.ID {
				c.diags.Add(diag.Errorf(ref.pos(), "model %q selects from itself", n.Name).
					WithHint("a model cannot depend on its own output"))
				continue
			}
			if target.Kind == KindModel && target.Model.Config.Materialized == "ephemeral" {
				t.edits = append(t.edits, pgsql.Edit{Off: r.Off, End: r.End, Text: pgsql.QuoteIdent(target.Name)})
				if !deps[id] {
					t.ephemerals = append(t.ephemerals, id)
				}
			} else {
				t.edits = append(t.edits, pgsql.Edit{Off: r.Off, End: r.End, Text: target.Relation.Quoted()})
			}
			if !deps[id] {
				deps[id] = true
				c.edgePos[[2]string{n.ID, id}] = ref
			}
		}
		for _, v := range a.res.Vars {
			if _, ok := builtinVars[v.Name]; ok {
				t.builtins = append(t.builtins, v)
				continue
			}
			if name, ok := strings.CutPrefix(v.Name, prevPrefix); ok && n.Kind == KindModel {
				if _, declared := c.vars[name]; !declared {
					d := diag.Errorf(posAt(n.Path, a.src, v.Off), "${%s}: unknown variable %q", v.Name, name)
					d.Hint = hintOr(diag.DidYouMean(name, c.varNames()), "prev. takes a variable declared under vars: in flis.yaml")
					c.diags.Add(d)
					continue
				}
				t.builtins = append(t.builtins, v)
				if !slices.Contains(n.PrevVars, name) {
					n.PrevVars = append(n.PrevVars, name)
					slices.Sort(n.PrevVars)
				}
				continue
			}
			val, ok := c.vars[v.Name]
			if !ok {
				d := diag.Errorf(posAt(n.Path, a.src, v.Off), "unknown variable %q", v.Name)
				if h := diag.DidYouMean(v.Name, c.varNames()); h != "" {
					d.Hint = h
				} else {
					d.Hint = "declare it under vars: in flis.yaml or pass --vars " + v.Name + "=..."
				}
				c.diags.Add(d)
				continue
			}
			t.edits = append(t.edits, pgsql.Edit{Off: v.Off, End: v.End, Text: pgsql.Literal(val)})
		}
		if n.Model != nil {
			for _, ref := range n.Model.DependsOn {
				id, ok := c.byName[ref.Name]
				if !ok {
					c.diags.Add(diag.Errorf(ref.Pos, "depends_on names unknown model %q", ref.Name).
						WithHint("%s", hintOr(diag.DidYouMean(ref.Name, c.relNames), "list model or seed names")))
					continue
				}
				if !deps[id] {
					deps[id] = true
					c.edgePos[[2]string{n.ID, id}] = srcRef{at: ref.Pos}
				}
			}
		}
		n.DependsOn = sortedKeys(deps)
		n.template = t
		c.checkColumns(n)
	}
}

func hintOr(h, alt string) string {
	if h != "" {
		return h
	}
	return alt
}

// lookup finds the node a relation reference names: a source table by "schema.name", a model
// or seed by bare name or by its configured schema and name.
func (c *compilation) lookup(schema, name string) (string, bool) {
	if schema == "" {
		id, ok := c.byName[name]
		return id, ok
	}
	if id, ok := c.sources[schema+"."+name]; ok {
		return id, true
	}
	id, ok := c.byQual[schema+"."+name]
	return id, ok
}

func (c *compilation) unknownRelation(pos diag.Pos, r pgsql.Relation) {
	full := r.Name
	if r.Schema != "" {
		full = r.Schema + "." + r.Name
	}
	d := diag.Errorf(pos, "unknown relation %q", full)
	if h := diag.DidYouMean(full, c.relNames); h != "" {
		d.Hint = h
	} else if r.Schema != "" {
		d.Hint = "declare it as a source table in a models/<area>/_sources.yml file"
	} else {
		d.Hint = "no model, seed or source has this name; sources are referenced with their schema, like dsa.ky_sag"
	}
	c.diags.Add(d)
}

// checkColumns reports YAML columns that the SELECT does not produce.
func (c *compilation) checkColumns(n *Node) {
	if n.Model == nil || n.Columns == nil {
		return
	}
	have := map[string]bool{}
	for _, col := range n.Columns {
		have[col] = true
	}
	for _, col := range n.Model.Columns {
		if !have[col.Name] {
			d := diag.Errorf(col.Pos, "column %q is not produced by the SELECT of model %q", col.Name, n.Name)
			d.Hint = hintOr(diag.DidYouMean(col.Name, n.Columns), "the SELECT produces: "+strings.Join(n.Columns, ", "))
			c.diags.Add(d)
		}
	}
}

func (c *compilation) varNames() []string {
	names := make([]string, 0, len(c.vars)+len(builtinVars))
	for k := range c.vars {
		names = append(names, k)
	}
	for k := range builtinVars {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// sortedNodes lists the nodes by ID. Stages call it several times; the list is rebuilt only
// when nodes were added since (the tests stage adds test nodes).
func (c *compilation) sortedNodes() []*Node {
	if len(c.sorted) == len(c.nodes) {
		return c.sorted
	}
	out := make([]*Node, 0, len(c.nodes))
	for _, n := range c.nodes {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	c.sorted = out
	return out
}

// srcRef is where a reference is written: a position already known (from YAML), or an
// offset in a file's source turned into a position only when a message needs it.
type srcRef struct {
	at   diag.Pos
	path string
	src  string
	off  int
}

func (r srcRef) pos() diag.Pos {
	if r.path == "" {
		return r.at
	}
	return posAt(r.path, r.src, r.off)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// buildGraph makes the dag from the nodes' dependencies and orders it; a cycle is reported
// with its full path and the file of each node in it, at the reference that closes it.
func (c *compilation) buildGraph() (*dag.Graph, []string, diag.List) {
	var ds diag.List
	nodes := make([]dag.Node, 0, len(c.nodes))
	var edges []dag.Edge
	for _, n := range c.sortedNodes() {
		nodes = append(nodes, dagNode(n))
		for _, d := range n.DependsOn {
			edges = append(edges, dag.Edge{From: d, To: n.ID})
		}
	}
	g, err := dag.New(nodes, edges)
	if err != nil {
		ds.Add(diag.Errorf(diag.Pos{File: "flis.yaml"}, "building the graph: %v", err))
		return nil, nil, ds
	}
	order, err := g.Order()
	if cyc, ok := err.(*dag.CycleError); ok {
		ds.Add(c.cycleDiag(cyc.Path))
		return nil, nil, ds
	} else if err != nil {
		ds.Add(diag.Errorf(diag.Pos{File: "flis.yaml"}, "ordering the graph: %v", err))
		return nil, nil, ds
	}
	return g, order, ds
}

func (c *compilation) cycleDiag(path []string) diag.Diag {
	// The graph's edges run from a dependency to its dependent; people read a cycle as
	// "a selects from b, which selects from c ...", so print it the other way round.
	path = append([]string(nil), path...)
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	parts := make([]string, len(path))
	for i, id := range path {
		n := c.nodes[id]
		parts[i] = n.Name + " (" + n.Path + ")"
	}
	// The path runs along dependencies in some direction; find the position of a reference
	// that is part of the cycle so the message points into a file.
	pos := diag.Pos{File: c.nodes[path[0]].Path}
	for i := 0; i+1 < len(path); i++ {
		if p, ok := c.edgePos[[2]string{path[i], path[i+1]}]; ok {
			pos = p.pos()
			break
		}
		if p, ok := c.edgePos[[2]string{path[i+1], path[i]}]; ok {
			pos = p.pos()
			break
		}
	}
	return diag.Errorf(pos, "dependency cycle (each selects from the next): %s", strings.Join(parts, " → ")).
		WithHint("a model cannot depend on itself through other models; break the cycle or move the shared logic into a new model")
}

func dagNode(n *Node) dag.Node {
	d := dag.Node{ID: n.ID, Kind: n.Kind, Name: n.Name, Path: n.Path, Area: n.Area, Tags: n.Tags,
		Config: map[string]string{}}
	switch {
	case n.Model != nil:
		cfg := n.Model.Config
		d.Config["materialized"] = cfg.Materialized
		d.Config["schema"] = cfg.Schema
		d.Config["incremental_strategy"] = cfg.IncrementalStrategy
		d.Config["on_schema_change"] = cfg.OnSchemaChange
		d.Config["alias"] = cfg.Alias
		d.Config["unique_key"] = strings.Join(cfg.UniqueKey, ",")
	case n.Seed != nil:
		d.Config["schema"] = n.Seed.Config.Schema
		d.Config["materialized"] = "seed"
	case n.Source != nil:
		d.Source = n.Source.Source
	case n.Test != nil:
		d.Config["severity"] = n.Test.Severity
		if n.Test.Kind == "singular" {
			d.Config["test_type"] = "singular"
		} else {
			d.Config["test_type"] = "generic"
		}
	}
	return d
}
