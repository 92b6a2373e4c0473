package compiler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flis-dk/flis/compiler/project"
)

// stdManifest is the manifest as encoding/json writes it: the format encodeManifest must
// reproduce byte for byte.
func stdManifest(t *testing.T, m *Manifest) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEncodeManifestMatchesEncodingJSON(t *testing.T) {
	res, err := Compile(Options{Root: "testdata/project", Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	// Many nodes, so that several chunks are marshalled in parallel and must come out in
	// order; text that encoding/json escapes (<, >, &, quotes, control and non-ASCII
	// characters) in keys and values.
	many := map[string]*Node{}
	for i := range 3*manifestChunk + 7 {
		id := fmt.Sprintf("model.m%04d", i)
		many[id] = &Node{ID: id, Kind: KindModel, Name: fmt.Sprintf("m%04d", i), DependsOn: []string{},
			CompiledSQL: fmt.Sprintf("SELECT '<a & b>' AS \"x\", 'æøå\t%d'\n", i)}
	}
	many[`model.<&>"`] = &Node{ID: `model.<&>"`, Tags: []string{"ø"}}
	meta := ManifestMeta{FlisVersion: "1", Project: "p", GeneratedAt: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)}
	cases := []struct {
		name string
		m    *Manifest
	}{
		{"project", res.Manifest()},
		{"many nodes", &Manifest{Metadata: meta, Nodes: many, ParentMap: map[string][]string{"a": {"b", "c"}},
			ChildMap: map[string][]string{}, Order: []string{"a"}, Vars: map[string]any{"x": 1.5, "y": nil}}},
		{"one node", &Manifest{Metadata: meta, Nodes: map[string]*Node{"a": nil}}},
		{"no nodes", &Manifest{Metadata: meta, Nodes: map[string]*Node{}, ParentMap: map[string][]string{}}},
		{"nil everything", &Manifest{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := encodeManifest(&got, c.m); err != nil {
				t.Fatal(err)
			}
			want := stdManifest(t, c.m)
			if !bytes.Equal(got.Bytes(), want) {
				i := 0
				for i < min(got.Len(), len(want)) && got.Bytes()[i] == want[i] {
					i++
				}
				t.Fatalf("differs from encoding/json at byte %d:\n--- want\n%s\n--- got\n%s", i,
					clipAround(want, i), clipAround(got.Bytes(), i))
			}
		})
	}
}

func clipAround(b []byte, i int) string {
	return string(b[max(0, i-80):min(len(b), i+80)])
}

func TestEncodeManifestReportsErrors(t *testing.T) {
	m := &Manifest{Nodes: map[string]*Node{}, Vars: map[string]any{"bad": make(chan int)}}
	for i := range 2 * manifestChunk {
		m.Nodes[fmt.Sprint(i)] = &Node{}
	}
	if err := encodeManifest(&bytes.Buffer{}, m); err == nil {
		t.Fatal("no error for a value JSON cannot encode")
	}
	m = &Manifest{Nodes: map[string]*Node{}}
	for i := range 3 * manifestChunk {
		m.Nodes[fmt.Sprint(i)] = &Node{Test: &Test{Args: map[string]any{"bad": func() {}}}}
	}
	if err := encodeManifest(&bytes.Buffer{}, m); err == nil {
		t.Fatal("no error for a node JSON cannot encode")
	}
}

func TestWriteArtifacts(t *testing.T) {
	dir := t.TempDir()
	nodes := map[string]*Node{
		"model.a":  {ID: "model.a", Path: "models/ky/a.sql", CompiledSQL: "SELECT 1\n"},
		"model.b":  {ID: "model.b", Path: "models/ky/b.sql", CompiledSQL: "SELECT 2\n"},
		"model.c":  {ID: "model.c", Path: "models/borger/sub/c.sql", CompiledSQL: "SELECT 3\n"},
		"source.s": {ID: "source.s", Path: "models/ky/_sources.yml"},
	}
	r := &Result{Project: &project.Project{Config: &project.Config{Name: "p"}}, Nodes: nodes,
		Order: []string{"source.s", "model.a", "model.b", "model.c"}}
	if err := r.WriteArtifacts(dir); err != nil {
		t.Fatal(err)
	}
	compiled := filepath.Join(dir, "compiled")
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(compiled, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, n := range nodes {
		if n.CompiledSQL != "" && read(n.Path) != n.CompiledSQL {
			t.Errorf("%s: got %q, want %q", n.Path, read(n.Path), n.CompiledSQL)
		}
	}
	if _, err := os.Stat(filepath.Join(compiled, "models/ky/_sources.yml")); err == nil {
		t.Error("a node without SQL got a compiled file")
	}
	m, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var back Manifest
	if err := json.Unmarshal(m, &back); err != nil || len(back.Nodes) != 4 || back.Order[3] != "model.c" {
		t.Fatalf("manifest does not read back: %v, %+v", err, back)
	}

	// A second write keeps unchanged files untouched and rewrites the ones that differ, also
	// when only their length or only their content differs.
	old := time.Now().Add(-time.Hour)
	for _, rel := range []string{"models/ky/a.sql", "models/ky/b.sql", "models/borger/sub/c.sql"} {
		if err := os.Chtimes(filepath.Join(compiled, rel), old, old); err != nil {
			t.Fatal(err)
		}
	}
	nodes["model.a"].CompiledSQL = "SELECT 10\n" // longer
	os.WriteFile(filepath.Join(compiled, "models/borger/sub/c.sql"), []byte("SELECT 4\n"), 0o644)
	os.Chtimes(filepath.Join(compiled, "models/borger/sub/c.sql"), old, old) // same length, other text
	if err := r.WriteArtifacts(dir); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{"models/ky/a.sql": "SELECT 10\n", "models/ky/b.sql": "SELECT 2\n",
		"models/borger/sub/c.sql": "SELECT 3\n"} {
		if got := read(rel); got != want {
			t.Errorf("%s: got %q, want %q", rel, got, want)
		}
	}
	st, err := os.Stat(filepath.Join(compiled, "models/ky/b.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if !st.ModTime().Equal(old) {
		t.Error("an unchanged compiled file was rewritten")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("target/ holds %s; want compiled and manifest.json only", strings.Join(names, ", "))
	}
}

func TestAppendIndentedMatchesJSONIndent(t *testing.T) {
	for _, in := range []string{
		`{}`, `[]`, `null`, `1`, `"s"`, `{"a":1}`, `[1,2,[],{},[3]]`,
		`{"a":{"b":[{"c":null,"d":true}],"e":{}},"f":"x,y:{z}[w]"}`,
		`{"q":"a\"b\\","r":"\\","s":"\u003c\u0026\"","t":"æ\n"}`,
		`[[[[]]],{"":""}]`, `{"k":[{"x":-1.5e+3},{"y":[]}]}`,
	} {
		for _, pre := range []string{"", "  "} {
			var want bytes.Buffer
			if err := json.Indent(&want, []byte(in), pre, " "); err != nil {
				t.Fatalf("%s: %v", in, err)
			}
			if got := appendIndented(nil, []byte(in), pre, " "); string(got) != want.String() {
				t.Errorf("%s (prefix %q):\ngot  %s\nwant %s", in, pre, got, want.String())
			}
		}
	}
}

// FuzzAppendIndented holds the fast indenter to json.Indent on every valid compact JSON.
func FuzzAppendIndented(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":"c\"]"}],"d":{}}`))
	f.Add([]byte(`[[],"\\",{"x":null}]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		if !json.Valid(in) {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, in); err != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "  ", " "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, compact.Bytes(), "  ", " "); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%s:\ngot  %s\nwant %s", compact.Bytes(), got, want.Bytes())
		}
	})
}
