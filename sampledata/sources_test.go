package sampledata

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/flis-dk/flis/compiler/project"
)

// TestSourcesMatchSpec loads the project the way flis does and checks that the
// models/<area>/_sources.yml files declare every DSA table, in its area, with the SPEC's
// columns and types, key tests on the primary keys, and freshness on every table with a date.
func TestSourcesMatchSpec(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	p, diags := project.Load(root, project.Options{})
	for _, d := range diags {
		if strings.HasSuffix(d.Pos.File, "_sources.yml") {
			t.Errorf("%s", d)
		}
	}
	if p == nil {
		t.Fatalf("project did not load: %v", diags)
	}
	declared := map[string]*project.SourceTable{}
	for _, s := range p.Sources {
		if s.Source != Schema {
			continue
		}
		key := s.Source + "." + s.Name
		if declared[key] != nil {
			t.Errorf("%s declared twice: %s and %s", key, declared[key].Path, s.Path)
		}
		declared[key] = s
	}
	norm := map[string]string{"timestamp": tTS, "int": tInt4, "int4": tInt4, "int2": tInt2, "bool": tBool}
	for _, st := range specTables {
		s := declared[st.name]
		if s == nil {
			t.Errorf("%s is not declared in models/%s/_sources.yml", st.name, st.area)
			continue
		}
		delete(declared, st.name)
		if s.Area != st.area {
			t.Errorf("%s is declared in area %s (%s), want %s", st.name, s.Area, s.Path, st.area)
		}
		if s.Description == "" {
			t.Errorf("%s has no description", st.name)
		}
		if len(s.Columns) != len(st.cols) {
			t.Errorf("%s declares %d columns, SPEC has %d", st.name, len(s.Columns), len(st.cols))
			continue
		}
		hasDate := false
		for i, c := range s.Columns {
			typ := c.Type
			if n, ok := norm[typ]; ok {
				typ = n
			}
			if c.Name != st.cols[i].name || typ != st.cols[i].typ {
				t.Errorf("%s column %d: %s %s, SPEC %s %s", st.name, i+1, c.Name, c.Type, st.cols[i].name, st.cols[i].typ)
			}
			if c.Description == "" {
				t.Errorf("%s.%s has no description", st.name, c.Name)
			}
			if typ == tDate || typ == tTS {
				hasDate = true
			}
			if c.Name == st.pk {
				kinds := map[string]bool{}
				for _, ts := range c.Tests {
					kinds[ts.Kind] = true
				}
				if !kinds["not_null"] || !kinds["unique"] {
					t.Errorf("%s: primary key %s lacks not_null and unique tests", st.name, c.Name)
				}
			}
		}
		if key := strings.Split(st.pk, ","); len(key) > 1 && !hasUniqueTest(s.Tests, key) {
			t.Errorf("%s: composite primary key (%s) lacks a table-level unique test on it", st.name, st.pk)
		}
		if hasDate && st.name != "dsa.lifa_skoledistrikt" {
			if s.Freshness == nil {
				t.Errorf("%s has dates but no freshness", st.name)
			} else if !containsCol(st.cols, s.Freshness.Column) {
				t.Errorf("%s: freshness column %s is not a column", st.name, s.Freshness.Column)
			}
		}
	}
	for name, s := range declared {
		t.Errorf("%s (%s) is not a DSA table of the SPEC", name, s.Path)
	}
}

// hasUniqueTest reports whether tests hold a unique test on exactly the columns of key.
func hasUniqueTest(tests []*project.TestSpec, key []string) bool {
	for _, ts := range tests {
		cols, _ := ts.Args["columns"].([]any)
		if ts.Kind != "unique" || len(cols) != len(key) {
			continue
		}
		same := true
		for i, c := range cols {
			same = same && c == any(key[i])
		}
		if same {
			return true
		}
	}
	return false
}

func containsCol(cols []specColumn, name string) bool {
	for _, c := range cols {
		if c.name == name {
			return true
		}
	}
	return false
}
