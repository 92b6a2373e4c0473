package project

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	modelSidecarKeys = []string{"description", "config", "depends_on", "columns", "tests", "data_tests"}
	seedSidecarKeys  = []string{"description", "config", "columns", "tests", "data_tests"}
	testSidecarKeys  = []string{"description", "severity", "tags"}
	columnKeys       = []string{"name", "description", "type", "data_type", "tests", "data_tests"}
	sourcesFileKeys  = []string{"version", "sources"}
	sourceKeys       = []string{"name", "description", "freshness", "tables"}
	sourceTableKeys  = []string{"name", "description", "freshness", "columns", "tests", "data_tests"}
	freshnessKeys    = []string{"column", "warn_after", "error_after"}
)

// modelSidecar is a decoded <name>.yml next to a model.
type modelSidecar struct {
	// declaresSources: the file holds sources: but is not named _*.yml; it is reported
	// once, as that, rather than as a model without SQL.
	declaresSources bool
	description     string
	layer           *modelLayer
	dependsOn       []Ref
	columns         []*Column
	tests           []*TestSpec
}

func (d *dec) decodeModelSidecar(root *yaml.Node) *modelSidecar {
	s := &modelSidecar{layer: &modelLayer{}}
	if k := topKey(d.deref(root), "sources"); k != nil {
		base := path.Base(d.file)
		d.errorf(k, "rename the file to _"+base+": files that declare sources start with _",
			"%s declares sources, but is named like a model's sidecar", base)
		s.declaresSources = true
		return s
	}
	root = d.misplacedConfig(root, modelConfigKeys, modelSidecarKeys)
	var testsKey *yaml.Node
	d.mapping(root, d.file, modelSidecarKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "description":
			s.description, _ = d.str(key, v)
		case "config":
			d.mapping(v, "config", modelConfigKeys, func(key string, k, v *yaml.Node) {
				d.modelConfigKey(key, k, v, s.layer, modelConfigKeys)
			})
		case "depends_on":
			names, nodes, _ := d.strList(key, v)
			for i, n := range names {
				s.dependsOn = append(s.dependsOn, Ref{Name: n, Pos: d.pos(nodes[i])})
			}
		case "columns":
			s.columns = d.decodeColumns(v)
		case "tests", "data_tests":
			if d.oneOf(&testsKey, k) {
				s.tests = d.decodeTests(key, v, "")
			}
		}
	})
	return s
}

// misplacedConfig reports config keys written at the top of a sidecar (materialized: table
// instead of under config:), a mistake the did-you-mean over the top-level keys would answer
// badly (tags → "did you mean tests?"), and returns the mapping without them.
func (d *dec) misplacedConfig(root *yaml.Node, configKeys, topKeys []string) *yaml.Node {
	n := d.deref(root)
	if n == nil || n.Kind != yaml.MappingNode {
		return root
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if contains(configKeys, k.Value) && !contains(topKeys, k.Value) {
			d.errorf(k, fmt.Sprintf("config keys go under config:, e.g. config: {%s: ...}", k.Value),
				"%s is a config key", k.Value)
			n = withoutKey(n, k.Value)
			i -= 2
		}
	}
	return n
}

// topKey returns the key node named key of the mapping n, or nil.
func topKey(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}

// withoutKey returns a copy of the mapping n without key.
func withoutKey(n *yaml.Node, key string) *yaml.Node {
	c := *n
	c.Content = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != key {
			c.Content = append(c.Content, n.Content[i], n.Content[i+1])
		}
	}
	return &c
}

// oneOf reports whether k is the first of the synonyms tests/data_tests in its mapping.
func (d *dec) oneOf(first **yaml.Node, k *yaml.Node) bool {
	if *first != nil {
		d.errorf(k, "keep one list", "both %s and %s are set", (*first).Value, k.Value)
		return false
	}
	*first = k
	return true
}

// decodeColumns decodes a columns: list; a column listed twice is an error at the second.
func (d *dec) decodeColumns(v *yaml.Node) []*Column {
	var out []*Column
	seen := map[string]*Column{}
	d.seq("columns", v, func(it *yaml.Node) {
		if it.Kind != yaml.MappingNode {
			d.errorf(it, "write - name: column_name", "a column must be a mapping with a name, not %s", describe(it))
			return
		}
		c := &Column{Pos: d.pos(it)}
		var nameNode, testsNode, testsKey, typeKey *yaml.Node
		d.mapping(it, "column", columnKeys, func(key string, k, v *yaml.Node) {
			switch key {
			case "name":
				nameNode = orNode(d.deref(v), k)
				c.Name, _ = d.name("column name", v)
			case "description":
				c.Description, _ = d.str("column description", v)
			case "type", "data_type":
				if d.oneOf(&typeKey, k) {
					c.Type, _ = d.str("column "+key, v)
				}
			case "tests", "data_tests":
				if d.oneOf(&testsKey, k) {
					testsNode = v
				}
			}
		})
		if nameNode == nil {
			d.errorf(it, "write - name: column_name", "a column needs a name")
			return
		}
		if c.Name == "" {
			return
		}
		c.Pos = d.pos(nameNode)
		key := strings.ToLower(c.Name)
		if prev, dup := seen[key]; dup {
			d.errorf(nameNode, "it is first listed at line "+strconv.Itoa(prev.Pos.Line), "column %q is listed twice", c.Name)
			return
		}
		seen[key] = c
		if testsNode != nil {
			c.Tests = d.decodeTests("tests", testsNode, c.Name)
		}
		out = append(out, c)
	})
	return out
}

// seedSidecar is a decoded seeds/<name>.yml.
type seedSidecar struct {
	description string
	layer       *seedLayer
	columns     []*Column
	tests       []*TestSpec
}

func (d *dec) decodeSeedSidecar(root *yaml.Node) *seedSidecar {
	s := &seedSidecar{layer: &seedLayer{}}
	root = d.misplacedConfig(root, seedConfigKeys, seedSidecarKeys)
	var testsKey *yaml.Node
	d.mapping(root, d.file, seedSidecarKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "description":
			s.description, _ = d.str(key, v)
		case "config":
			d.mapping(v, "config", seedConfigKeys, func(key string, k, v *yaml.Node) {
				d.seedConfigKey(key, k, v, s.layer, seedConfigKeys)
			})
		case "columns":
			s.columns = d.decodeColumns(v)
		case "tests", "data_tests":
			if d.oneOf(&testsKey, k) {
				s.tests = d.decodeTests(key, v, "")
			}
		}
	})
	return s
}

// testSidecar is a decoded tests/<name>.yml.
type testSidecar struct {
	severity string
	tags     []string
}

func (d *dec) decodeTestSidecar(root *yaml.Node) *testSidecar {
	s := &testSidecar{}
	d.mapping(root, d.file, testSidecarKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "severity":
			sev, ok := d.str(key, v)
			if sev = strings.ToLower(sev); ok && !contains(Severities, sev) {
				d.errorf(d.deref(v), severityHint(sev), "unknown severity %q", sev)
				return
			}
			s.severity = sev
		case "tags":
			s.tags, _, _ = d.strOrList(key, v)
		case "description":
			d.str(key, v)
		}
	})
	return s
}

// decodeSources decodes a models/**/_*.yml file. area is the folder the file is in.
func (d *dec) decodeSources(root *yaml.Node, area string) []*SourceTable {
	var out []*SourceTable
	if k := topKey(d.deref(root), "models"); k != nil {
		d.errorf(k, "describe a model in its sidecar <model>.yml next to its .sql",
			"a sources file cannot hold models:")
		root = withoutKey(d.deref(root), "models")
	}
	d.mapping(root, d.file, sourcesFileKeys, func(key string, k, v *yaml.Node) {
		if key == "version" {
			return // dbt's "version: 2"; flis has one format
		}
		d.seq("sources", v, func(it *yaml.Node) {
			out = append(out, d.decodeSource(it, area)...)
		})
	})
	return out
}

func (d *dec) decodeSource(it *yaml.Node, area string) []*SourceTable {
	if it.Kind != yaml.MappingNode {
		d.errorf(it, "write - name: dsa", "a source must be a mapping with a name, not %s", describe(it))
		return nil
	}
	var name, desc string
	var nameNode, tablesNode *yaml.Node
	var fresh *Freshness
	d.mapping(it, "source", sourceKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "name":
			nameNode = orNode(d.deref(v), k)
			name, _ = d.name("source name", v)
		case "description":
			desc, _ = d.str("source description", v)
		case "freshness":
			fresh = d.decodeFreshness(v)
		case "tables":
			tablesNode = v
		}
	})
	if nameNode == nil {
		d.errorf(it, "the source's name is its schema, e.g. name: dsa", "a source needs a name")
		return nil
	}
	if name == "" {
		return nil
	}
	_ = desc // the source's own description documents the file; tables carry theirs
	var out []*SourceTable
	d.seq("tables", tablesNode, func(it *yaml.Node) {
		if it.Kind != yaml.MappingNode {
			d.errorf(it, "write - name: table_name", "a source table must be a mapping with a name, not %s", describe(it))
			return
		}
		t := &SourceTable{Source: name, Area: area, Path: d.file, Pos: d.pos(it)}
		var tNameNode, testsKey *yaml.Node
		d.mapping(it, "source table", sourceTableKeys, func(key string, k, v *yaml.Node) {
			switch key {
			case "name":
				tNameNode = orNode(d.deref(v), k)
				t.Name, _ = d.name("table name", v)
			case "description":
				t.Description, _ = d.str("table description", v)
			case "freshness":
				t.Freshness = d.decodeFreshness(v)
			case "columns":
				t.Columns = d.decodeColumns(v)
			case "tests", "data_tests":
				if d.oneOf(&testsKey, k) {
					t.Tests = d.decodeTests(key, v, "")
				}
			}
		})
		if tNameNode == nil {
			d.errorf(it, "write - name: table_name", "a source table needs a name")
			return
		}
		if t.Name == "" {
			return
		}
		t.Pos = d.pos(tNameNode)
		if t.Freshness == nil && fresh != nil {
			f := *fresh
			t.Freshness = &f
		}
		out = append(out, t)
	})
	return out
}

func (d *dec) decodeFreshness(v *yaml.Node) *Freshness {
	f := &Freshness{}
	bad := false
	ok := d.mapping(v, "freshness", freshnessKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "column":
			f.Column, _ = d.name("freshness column", v)
		case "warn_after", "error_after":
			s, ok := d.name("freshness "+key, v)
			if !ok {
				return
			}
			if msg, hint := checkInterval(s); msg != "" {
				d.errorf(d.deref(v), hint, "freshness %s: %s", key, msg)
				bad = true
				return
			}
			if key == "warn_after" {
				f.WarnAfter = s
			} else {
				f.ErrorAfter = s
			}
		}
	})
	vn := d.deref(v)
	if !ok || isNull(vn) || bad {
		return nil
	}
	if f.Column == "" {
		d.errorf(vn, `write freshness: {column: loaded_at, warn_after: "35 days"}`, "freshness needs a column")
		return nil
	}
	if f.WarnAfter == "" && f.ErrorAfter == "" {
		d.errorf(vn, `add warn_after: "35 days" or error_after: "65 days"`, "freshness needs warn_after or error_after")
		return nil
	}
	return f
}
