package project

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFileCache(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("flis.yaml", "name: p\n")
	write("models/ky/a.sql", "SELECT 1 AS x\n")
	write("models/ky/a.yml", "description: A.\ncolumns: [{name: x, tests: [not_null]}]\n")
	write("models/ky/_sources.yml", "sources: [{name: dsa, tables: [{name: t}]}]\n")
	cache := filepath.Join(root, ".flis", "cache")
	load := func() *Project {
		t.Helper()
		p, ds := Load(root, Options{CacheDir: cache})
		if ds.HasErrors() {
			t.Fatal(ds.Err())
		}
		return p
	}
	dump := func(p *Project) string {
		b, _ := json.Marshal(p)
		return string(b)
	}
	full := filepath.Join(root, "models/ky/a.sql")

	// Files written just now are racily clean: read, but not recorded.
	load()
	if _, ok := openFileCache(cache).lookup("models/ky/a.sql", full); ok {
		t.Fatal("a file younger than the racy window was recorded")
	}

	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0
	want := dump(load())
	for _, rel := range []string{"models/ky/a.sql", "models/ky/a.yml", "models/ky/_sources.yml"} {
		if _, ok := openFileCache(cache).lookup(rel, filepath.Join(root, rel)); !ok {
			t.Fatalf("%s was not recorded", rel)
		}
	}
	if got := dump(load()); got != want {
		t.Fatalf("a load from the file cache differs:\n%s\n%s", got, want)
	}

	// A rewrite of the same length is seen (its mtime is set apart, so that the test does
	// not depend on the clock ticking between the two writes).
	write("models/ky/a.sql", "SELECT 2 AS x\n")
	os.Chtimes(full, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	p := load()
	if p.Models[0].SQL != "SELECT 2 AS x\n" {
		t.Fatalf("stale SQL from the cache: %q", p.Models[0].SQL)
	}
	// So is a changed sidecar, and a deleted one.
	write("models/ky/a.yml", "description: B.\ncolumns: [{name: x, tests: [not_null]}]\n")
	os.Chtimes(filepath.Join(root, "models/ky/a.yml"), time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	if p := load(); p.Models[0].Description != "B." {
		t.Fatalf("stale sidecar from the cache: %q", p.Models[0].Description)
	}
	os.Remove(filepath.Join(root, "models/ky/a.yml"))
	if p := load(); p.Models[0].Description != "" || p.Models[0].YAMLPath != "" {
		t.Fatalf("deleted sidecar still loaded: %+v", p.Models[0])
	}

	// A file cached without its YAML tree (the YAML cache is gone) is read again.
	write("models/ky/a.yml", "description: C.\n")
	os.Chtimes(filepath.Join(root, "models/ky/a.yml"), time.Now().Add(-2*time.Hour), time.Now().Add(-2*time.Hour))
	load()
	os.Remove(filepath.Join(cache, yamlCacheFile))
	if p := load(); p.Models[0].Description != "C." {
		t.Fatalf("sidecar lost without the YAML cache: %q", p.Models[0].Description)
	}

	// A cache file that is not ours is ignored.
	os.WriteFile(filepath.Join(cache, fileCacheFile), []byte("junk"), 0o644)
	if p := load(); p.Models[0].SQL != "SELECT 2 AS x\n" {
		t.Fatalf("load with a corrupt cache: %q", p.Models[0].SQL)
	}
}
