package project

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// yamlFiles lists the YAML files of every test project in the repository.
func yamlFiles(t testing.TB) []string {
	var files []string
	for _, root := range []string{"testdata", "../testdata"} {
		filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && (filepath.Ext(p) == ".yml" || filepath.Ext(p) == ".yaml") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 20 {
		t.Fatalf("only %d YAML files found", len(files))
	}
	return files
}

// sameTree compares two trees as the decoders see them (an empty Content is an empty list
// either way).
func sameTree(a, b *yaml.Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.HeadComment != b.HeadComment || a.LineComment != b.LineComment || a.FootComment != b.FootComment ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) || a.Alias != b.Alias {
		return false
	}
	for i := range a.Content {
		if !sameTree(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

func roundTrip(t *testing.T, name string, src []byte) {
	t.Helper()
	d := newDec(name)
	n := d.parseYAML(src)
	if n == nil || len(d.diags) > 0 {
		return
	}
	blob, ok := encodeNode(nil, n)
	if !ok {
		return // an alias: such trees are not cached
	}
	back, err := decodeNode(blob)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !sameTree(n, back) {
		t.Fatalf("%s: tree changed in the cache:\n%#v\n%#v", name, n, back)
	}
}

func TestYAMLCacheRoundTrip(t *testing.T) {
	for _, p := range yamlFiles(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, p, src)
	}
	// Comments, anchors without aliases, styles, tags and multi-byte text survive.
	roundTrip(t, "inline", []byte("# head\na: &x 1 # line\nb: \"q\"\nc: !!str 2\nd: |\n  æøå\n# foot\n"))
	d := newDec("alias")
	if _, ok := encodeNode(nil, d.parseYAML([]byte("a: &x 1\nb: *x\n"))); ok {
		t.Error("a tree with an alias was encoded")
	}
}

func TestYAMLCacheRejectsCorruptEntries(t *testing.T) {
	d := newDec("x.yml")
	blob, _ := encodeNode(nil, d.parseYAML([]byte("columns: [{name: a, tests: [not_null]}]\n")))
	for i := range blob {
		if _, err := decodeNode(blob[:i]); err == nil {
			t.Fatalf("a blob cut at %d of %d bytes decoded", i, len(blob))
		}
	}
	if _, err := decodeNode(append(blob, 0)); err == nil {
		t.Fatal("a blob with trailing bytes decoded")
	}
}

// TestLoadWithYAMLCache loads every test project without a cache, with an empty one and with
// a filled one: the project and the diagnostics must be the same each time.
func TestLoadWithYAMLCache(t *testing.T) {
	roots, _ := filepath.Glob("../testdata/errors/*")
	roots = append(roots, "../testdata/project")
	more, _ := filepath.Glob("testdata/errors/*")
	roots = append(roots, more...)
	for _, root := range roots {
		if _, err := os.Stat(filepath.Join(root, ConfigFile)); err != nil {
			continue
		}
		t.Run(root, func(t *testing.T) {
			dump := func(opts Options) string {
				p, ds := Load(root, opts)
				b, err := json.Marshal(p)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range ds {
					b = append(b, "\n"+d.Error()...)
				}
				return string(b)
			}
			want := dump(Options{})
			cache := t.TempDir()
			if got := dump(Options{CacheDir: cache}); got != want {
				t.Fatalf("cold cache changed the load:\n%s\n%s", got, want)
			}
			if got := dump(Options{CacheDir: cache}); got != want {
				t.Fatalf("warm cache changed the load:\n%s\n%s", got, want)
			}
		})
	}
	// A cache file that is not ours is ignored.
	cache := t.TempDir()
	os.WriteFile(filepath.Join(cache, yamlCacheFile), []byte("not gob"), 0o644)
	if _, ds := Load("../testdata/project", Options{CacheDir: cache}); ds.HasErrors() {
		t.Fatal(ds.Err())
	}
}

// FuzzYAMLCache holds the cache encoding to the identity on every tree yaml.v3 parses.
func FuzzYAMLCache(f *testing.F) {
	for _, p := range yamlFiles(f) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		roundTrip(t, "fuzz.yml", src)
		decodeNode(src) // arbitrary bytes must not panic
	})
}
