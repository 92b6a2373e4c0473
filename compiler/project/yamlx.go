package project

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
	"gopkg.in/yaml.v3"
)

// maxAliasDerefs bounds how many aliases one file may dereference while it is walked: the
// node tree shares aliased subtrees, and a walk that follows them could take exponential time
// on a crafted file (a "billion laughs").
const maxAliasDerefs = 10000

// dec walks the yaml.Node tree of one file strictly, so every value keeps its line and column
// and every unknown key, wrong type and bad value becomes a diagnostic at its place.
type dec struct {
	file   string
	diags  diag.List
	derefs int
}

func newDec(file string) *dec { return &dec{file: file} }

func (d *dec) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.file}
	}
	return diag.Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *dec) add(x diag.Diag) { d.diags.Add(x) }

func (d *dec) errorf(n *yaml.Node, hint, format string, args ...any) {
	x := diag.Errorf(d.pos(n), format, args...)
	x.Hint = hint
	d.diags.Add(x)
}

func (d *dec) warnf(n *yaml.Node, hint, format string, args ...any) {
	x := diag.Warnf(d.pos(n), format, args...)
	x.Hint = hint
	d.diags.Add(x)
}

// deref follows aliases, within the file's budget.
func (d *dec) deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		d.derefs++
		if d.derefs == maxAliasDerefs {
			d.errorf(n, "use fewer aliases", "too many YAML alias expansions")
		}
		if d.derefs >= maxAliasDerefs {
			return nil
		}
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// describe names a node's type for messages ("a list", "a number").
func describe(n *yaml.Node) string {
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!null":
		return "null"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	}
	return "a string"
}

// mapping calls fn for every key of the mapping n, in file order. allowed lists the keys that
// may appear (nil: any key); an unknown key is an error with a did-you-mean. A null value
// counts as an empty mapping, so `dev:` with nothing under it is fine. It reports whether n
// was a mapping (or null).
func (d *dec) mapping(n *yaml.Node, what string, allowed []string, fn func(key string, k, v *yaml.Node)) bool {
	n = d.deref(n)
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "", "%s: expected a mapping, got %s", what, describe(n))
		return false
	}
	d.pairs(n, what, allowed, fn, 0)
	return true
}

// firstKey returns the earlier key node of m named like the key at index i, or nil. Small
// mappings (nearly all of them) are scanned; this avoids a map per mapping node, which was a
// tenth of Load's time on a 10,000-model project.
func firstKey(m *yaml.Node, i int, seen map[string]*yaml.Node) *yaml.Node {
	key := m.Content[i].Value
	if seen != nil {
		if prev, ok := seen[key]; ok {
			return prev
		}
		seen[key] = m.Content[i]
		return nil
	}
	for j := 0; j < i; j += 2 {
		if k := m.Content[j]; k.Kind == yaml.ScalarNode && k.Value == key && k.Tag != "!!merge" {
			return k
		}
	}
	return nil
}

func (d *dec) pairs(n *yaml.Node, what string, allowed []string, fn func(key string, k, v *yaml.Node), depth int) {
	var seen map[string]*yaml.Node
	if len(n.Content) > 64 {
		seen = make(map[string]*yaml.Node, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.deref(n.Content[i]), n.Content[i+1]
		if k == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "", "%s: a key must be a plain name, not %s", what, describe(k))
			continue
		}
		if k.Tag == "!!merge" && depth < 8 {
			// "<<: *defaults" merges another mapping in; keys written here win.
			m := d.deref(v)
			switch {
			case m != nil && m.Kind == yaml.MappingNode:
				d.pairs(m, what, allowed, d.unlessSeen(n, fn), depth+1)
			case m != nil && m.Kind == yaml.SequenceNode:
				for _, e := range m.Content {
					if e = d.deref(e); e != nil && e.Kind == yaml.MappingNode {
						d.pairs(e, what, allowed, d.unlessSeen(n, fn), depth+1)
					}
				}
			default:
				d.errorf(v, "", "%s: '<<' must merge a mapping, got %s", what, describe(m))
			}
			continue
		}
		key := k.Value
		if prev := firstKey(n, i, seen); prev != nil {
			d.errorf(k, fmt.Sprintf("it is first set at line %d", prev.Line), "%s: key %q is set twice", what, key)
			continue
		}
		if allowed != nil && !contains(allowed, key) {
			d.errorf(k, keyHint(key, allowed), "unknown key %q in %s", key, what)
			continue
		}
		fn(key, k, v)
	}
}

// unlessSeen wraps fn so merged keys that the mapping m also sets explicitly are skipped.
func (d *dec) unlessSeen(m *yaml.Node, fn func(string, *yaml.Node, *yaml.Node)) func(string, *yaml.Node, *yaml.Node) {
	return func(key string, k, v *yaml.Node) {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if c := m.Content[i]; c.Kind == yaml.ScalarNode && c.Tag != "!!merge" && c.Value == key {
				return
			}
		}
		fn(key, k, v)
	}
}

func keyHint(key string, allowed []string) string {
	if h := diag.DidYouMean(key, allowed); h != "" {
		return h
	}
	s := append([]string(nil), allowed...)
	sort.Strings(s)
	return "allowed keys: " + strings.Join(s, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// str decodes a string. Any scalar is accepted as its text (version: 7.0 is "7.0"); null is
// "". It reports false (after a diagnostic) for a list or a mapping.
func (d *dec) str(key string, n *yaml.Node) (string, bool) {
	n = d.deref(n)
	if isNull(n) {
		return "", true
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "", "%s: expected a string, got %s", key, describe(n))
		return "", false
	}
	return n.Value, true
}

// name decodes a required, non-empty string.
func (d *dec) name(key string, n *yaml.Node) (string, bool) {
	s, ok := d.str(key, n)
	if ok && strings.TrimSpace(s) == "" {
		d.errorf(orNode(d.deref(n), n), "", "%s: must not be empty", key)
		return "", false
	}
	return s, ok
}

func orNode(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

func (d *dec) integer(key string, n *yaml.Node) (int, bool) {
	n = d.deref(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.errorf(orNode(n, nil), "", "%s: expected a whole number, got %s", key, describe(n))
		return 0, false
	}
	var i int
	if err := n.Decode(&i); err != nil {
		d.errorf(n, "", "%s: %q is not a whole number this size", key, n.Value)
		return 0, false
	}
	return i, true
}

func (d *dec) boolean(key string, n *yaml.Node) (bool, bool) {
	n = d.deref(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.errorf(n, "", "%s: expected true or false, got %s", key, describe(n))
		return false, false
	}
	var b bool
	if err := n.Decode(&b); err != nil {
		d.errorf(n, "", "%s: expected true or false", key)
		return false, false
	}
	return b, true
}

// seq calls fn for every item of the list n; null is an empty list.
func (d *dec) seq(key string, n *yaml.Node, fn func(item *yaml.Node)) bool {
	n = d.deref(n)
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "write a list: [a, b] or one '- item' per line", "%s: expected a list, got %s", key, describe(n))
		return false
	}
	for _, it := range n.Content {
		if it = d.deref(it); it != nil {
			fn(it)
		}
	}
	return true
}

// strList decodes a list of strings, with the node of each item.
func (d *dec) strList(key string, n *yaml.Node) ([]string, []*yaml.Node, bool) {
	var out []string
	var nodes []*yaml.Node
	ok := d.seq(key, n, func(it *yaml.Node) {
		if s, good := d.name(key+" item", it); good {
			out = append(out, s)
			nodes = append(nodes, it)
		}
	})
	return out, nodes, ok
}

// strOrList is strList that also takes one bare string, as dbt does for tags and unique_key.
func (d *dec) strOrList(key string, n *yaml.Node) ([]string, []*yaml.Node, bool) {
	if m := d.deref(n); m != nil && m.Kind == yaml.ScalarNode && !isNull(m) {
		s, ok := d.name(key, m)
		if !ok {
			return nil, nil, false
		}
		return []string{s}, []*yaml.Node{m}, true
	}
	return d.strList(key, n)
}

// value converts a node to plain Go data with YAML's scalar types: string, int, float64, bool,
// nil, []any, map[string]any. Timestamps stay strings (a date is not a time.Time in flis).
// Non-finite floats are rejected: they have no JSON form for the manifest.
func (d *dec) value(key string, n *yaml.Node) (any, bool) {
	n = d.deref(n)
	if n == nil {
		return nil, true
	}
	switch n.Kind {
	case yaml.SequenceNode:
		out := []any{}
		ok := true
		for _, it := range n.Content {
			v, good := d.value(key, it)
			ok = ok && good
			out = append(out, v)
		}
		return out, ok
	case yaml.MappingNode:
		out := map[string]any{}
		ok := true
		d.mapping(n, key, nil, func(k string, _, v *yaml.Node) {
			x, good := d.value(key+"."+k, v)
			ok = ok && good
			out[k] = x
		})
		return out, ok
	}
	v, err := scalar(n)
	if err != nil {
		d.errorf(n, "", "%s: %v", key, err)
		return nil, false
	}
	return v, true
}

// scalar converts a scalar node to string, int, float64, bool or nil.
func scalar(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, err
		}
		return b, nil
	case "!!int":
		var i int
		if err := n.Decode(&i); err != nil {
			var f float64
			if err := n.Decode(&f); err != nil {
				return nil, fmt.Errorf("%q is not a number flis can hold", n.Value)
			}
			return f, nil
		}
		return i, nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Errorf("%s is not a finite number (quote it to make it a string)", n.Value)
		}
		return f, nil
	}
	// !!str, !!timestamp, !!binary and custom tags: the text as written.
	return n.Value, nil
}
