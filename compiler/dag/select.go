package dag

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
)

// IndirectMode says which tests Select adds because the nodes they test are selected, as
// dbt's --indirect-selection does. The zero value is dbt's default, eager.
type IndirectMode int

const (
	// IndirectEager adds every test with at least one selected parent.
	IndirectEager IndirectMode = iota
	// IndirectCautious adds a test only when all its parents are selected.
	IndirectCautious
	// IndirectBuildable adds a test when all its parents are selected or upstream of the
	// selection, with at least one selected.
	IndirectBuildable
	// IndirectEmpty adds no test; only tests a selector names directly are selected.
	IndirectEmpty
)

var indirectNames = []string{"eager", "cautious", "buildable", "empty"}

func (m IndirectMode) String() string {
	if m >= 0 && int(m) < len(indirectNames) {
		return indirectNames[m]
	}
	return fmt.Sprintf("IndirectMode(%d)", int(m))
}

// ParseIndirectMode parses the value of an --indirect-selection flag.
func ParseIndirectMode(s string) (IndirectMode, error) {
	if i := slices.Index(indirectNames, s); i >= 0 {
		return IndirectMode(i), nil
	}
	hint := diag.DidYouMean(s, indirectNames)
	if hint == "" {
		hint = "one of " + strings.Join(indirectNames, ", ")
	}
	return 0, fmt.Errorf("unknown indirect selection mode %q (%s)", s, hint)
}

// Select returns the IDs picked by the include selectors minus the exclude selectors, plus
// the tests attached to them (IndirectEager), in topological order. Each string may hold
// several space-separated selectors; no include selects every node. A selector that matches
// nothing is an error (in exclude too: a typo there would silently run what the user meant
// to skip). Sources are part of the result like any node; callers drop the kinds they do
// not run.
func (g *Graph) Select(include, exclude []string) ([]string, error) {
	return g.SelectWith(include, exclude, IndirectEager)
}

// SelectWith is Select with an explicit indirect test selection mode:
//
//  1. I = union of include (all nodes when include is empty), E = union of exclude;
//  2. unless mode is IndirectEmpty, every test with a parent in E joins E — excluding a
//     model excludes its tests, as `dbt test --exclude orders` does;
//  3. S = I − E;
//  4. tests not in E join S according to mode.
//
// All syntax and no-match errors are reported together, joined.
func (g *Graph) SelectWith(include, exclude []string, mode IndirectMode) ([]string, error) {
	incl, inErr := g.parseAll(include)
	excl, exErr := g.parseAll(exclude)
	if err := errors.Join(inErr, exErr); err != nil {
		return nil, err
	}
	var errs []error
	sel := g.newSet()
	if len(incl) == 0 {
		for i := range sel {
			sel[i] = true
		}
	}
	for _, s := range incl {
		set, err := g.eval(s)
		errs = append(errs, err)
		sel.union(set)
	}
	ex := g.newSet()
	for _, s := range excl {
		set, err := g.eval(s)
		errs = append(errs, err)
		ex.union(set)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if mode != IndirectEmpty {
		g.addTests(ex, IndirectEager, nil)
	}
	sel.subtract(ex)
	g.addTests(sel, mode, ex)
	return g.ordered(sel)
}

// WithTests returns ids plus the tests attached to them under mode, in topological order. It
// is the indirect step of Select for callers that chose nodes by other means.
func (g *Graph) WithTests(ids []string, mode IndirectMode) ([]string, error) {
	set := g.newSet()
	for _, id := range ids {
		i, ok := g.index[id]
		if !ok {
			return nil, fmt.Errorf("unknown node %q", id)
		}
		set[i] = true
	}
	g.addTests(set, mode, nil)
	return g.ordered(set)
}

// Match evaluates one parsed selector, without indirect tests, in topological order.
func (g *Graph) Match(s *Selector) ([]string, error) {
	set, err := g.eval(s)
	if err != nil {
		return nil, err
	}
	return g.ordered(set)
}

func (g *Graph) parseAll(ss []string) ([]*Selector, error) {
	var out []*Selector
	var errs []error
	for _, s := range ss {
		sel, err := ParseSelector(s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, sel)
	}
	return out, errors.Join(errs...)
}

func (g *Graph) ordered(set nodeSet) ([]string, error) {
	if g.cycle != nil {
		return nil, g.cycle
	}
	out := []string{}
	for _, i := range g.order {
		if set[i] {
			out = append(out, g.ids[i])
		}
	}
	return out, nil
}

// addTests adds to set the tests outside skip whose parents satisfy mode.
func (g *Graph) addTests(set nodeSet, mode IndirectMode, skip nodeSet) {
	if mode == IndirectEmpty {
		return
	}
	var upstream nodeSet
	if mode == IndirectBuildable {
		upstream = g.newSet()
		g.expand(set.members(), -1, g.up, upstream)
	}
	var add []int32
	for i, n := range g.nodes {
		if n.Kind != KindTest || set[i] || (skip != nil && skip[i]) || len(g.up[i]) == 0 {
			continue
		}
		anySel, all := false, true
		for _, p := range g.up[i] {
			in := set[p]
			anySel = anySel || in
			switch mode {
			case IndirectCautious:
				all = all && in
			case IndirectBuildable:
				all = all && (in || upstream[p])
			}
		}
		ok := anySel
		if mode != IndirectEager {
			ok = all && anySel
		}
		if ok {
			add = append(add, int32(i))
		}
	}
	// Added after the scan, so a test is never selected because of another added test.
	for _, i := range add {
		set[i] = true
	}
}

// eval computes the node set of a selector: the union of its terms, each the intersection of
// its atoms, each atom's matches widened by its graph operators.
func (g *Graph) eval(s *Selector) (nodeSet, error) {
	out := g.newSet()
	var errs []error
	for _, term := range s.Terms {
		var acc nodeSet
		for _, a := range term {
			set, err := g.atom(a)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if acc == nil {
				acc = set
			} else {
				acc.intersect(set)
			}
		}
		if acc != nil {
			out.union(acc)
		}
	}
	return out, errors.Join(errs...)
}

func (g *Graph) atom(a Atom) (nodeSet, error) {
	set, err := g.matchAtom(a)
	if err != nil {
		return nil, err
	}
	seeds := set.members()
	switch {
	case a.At:
		g.expand(seeds, -1, g.down, set)
		g.expand(set.members(), -1, g.up, set)
	default:
		if a.Parents {
			g.expand(seeds, a.ParentsDepth, g.up, set)
		}
		if a.Children {
			g.expand(seeds, a.ChildrenDepth, g.down, set)
		}
	}
	return set, nil
}

// matchAtom finds the nodes an atom's method and value name, before graph operators.
func (g *Graph) matchAtom(a Atom) (nodeSet, error) {
	set := g.newSet()
	found := false
	mark := func(pred func(n *Node) bool) {
		for i := range g.nodes {
			if pred(&g.nodes[i]) {
				set[i] = true
				found = true
			}
		}
	}
	v := a.Value
	m := matcher(v)
	hasTag := func(n *Node) bool { return slices.ContainsFunc(n.Tags, m) }
	switch a.Method {
	case "":
		// A bare word is a name, else a data area, else a tag.
		mark(func(n *Node) bool { return n.Kind != KindSource && m(n.Name) })
		if !found {
			mark(func(n *Node) bool { return n.Area != "" && m(n.Area) })
		}
		if !found {
			mark(hasTag)
		}
	case "tag":
		mark(hasTag)
	case "area":
		mark(func(n *Node) bool { return n.Area != "" && m(n.Area) })
	case "path":
		p := path.Clean(v)
		if p == "." {
			p = "" // "path:." is the whole project
		}
		pm := pathMatcher(p)
		mark(func(n *Node) bool { return pm(n.Path) })
	case "source":
		src, table, ok := strings.Cut(v, ".")
		if !ok {
			table = "*"
		}
		ms, mt := matcher(src), matcher(table)
		mark(func(n *Node) bool { return n.Kind == KindSource && ms(n.Source) && mt(n.Name) })
	case "config":
		mark(func(n *Node) bool {
			val, ok := n.Config[a.Key]
			return ok && m(val)
		})
	case "resource_type":
		mark(func(n *Node) bool { return m(n.Kind) })
	case "test_type":
		mark(func(n *Node) bool { return n.Kind == KindTest && m(testType(n)) })
	case "fqn":
		segs := strings.Split(v, ".")
		mark(func(n *Node) bool { return matchFQN(segs, fqn(n)) })
	default:
		// ParseSelector admits only known methods; a hand-built Atom may not.
		return nil, &SelectorError{Selector: a.Text, Msg: fmt.Sprintf("unknown selector method %q", a.Method)}
	}
	if !found {
		return nil, &SelectorError{Selector: a.Text,
			Msg:  fmt.Sprintf("selector %q matches nothing", a.Text),
			Hint: g.suggest(a)}
	}
	return set, nil
}

// pathMatcher matches a file exactly, a folder as a prefix, or a glob against the file or any
// of its folders (so "path:models/k*" selects everything under models/ky).
func pathMatcher(pattern string) func(string) bool {
	if !hasMeta(pattern) {
		return func(p string) bool {
			return p == pattern || pattern == "" || strings.HasPrefix(p, pattern+"/")
		}
	}
	return func(p string) bool {
		for q := p; q != "." && q != "/" && q != ""; q = path.Dir(q) {
			if ok, _ := path.Match(pattern, q); ok {
				return true
			}
		}
		return false
	}
}

// testType is "singular" for a test written as a .sql file under tests/ and "generic" for
// one generated from a YAML test entry, whose Path is the .yml file declaring it.
func testType(n *Node) string {
	if strings.HasSuffix(n.Path, ".sql") {
		return "singular"
	}
	return "generic"
}

// fqn is a node's dotted qualified name, as in dbt but without the project name: the folders
// under the resource folder (models/, seeds/, tests/), then the source name for sources,
// then the name. models/ky/sub/fact_x.sql is ky.sub.fact_x.
func fqn(n *Node) []string {
	var out []string
	if dir := path.Dir(n.Path); dir != "." && dir != "/" && n.Path != "" {
		if parts := strings.Split(dir, "/"); len(parts) > 1 {
			out = append(out, parts[1:]...)
		}
	}
	if n.Kind == KindSource {
		out = append(out, n.Source)
	}
	return append(out, n.Name)
}

// matchFQN matches the pattern's segments against a prefix of the fqn, or a single segment
// against the name: fqn:ky selects the ky folder, fqn:ky.fact_x and fqn:fact_x the model.
func matchFQN(pattern, fqn []string) bool {
	if len(pattern) == 1 && match(pattern[0], fqn[len(fqn)-1]) {
		return true
	}
	if len(pattern) > len(fqn) {
		return false
	}
	for k, p := range pattern {
		if !match(p, fqn[k]) {
			return false
		}
	}
	return true
}
