package project

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// genProject writes a project of n models spread over 20 areas and 5 sub-folders each;
// every other model has a sidecar with config, columns and tests, every tenth area folder
// has a sources file.
func genProject(tb testing.TB, dir string, n int) {
	tb.Helper()
	write := func(rel, content string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("flis.yaml", "name: gen\nvars: {data_tom: 2024-03-31}\nmodels:\n  +schema: stg\n  area00:\n    +tags: [a0]\n")
	for a := 0; a < 20; a++ {
		write(fmt.Sprintf("models/area%02d/_sources.yml", a), fmt.Sprintf(
			"sources:\n  - name: dsa\n    tables:\n      - name: t%02d\n        columns: [{name: id, tests: [not_null]}]\n", a))
	}
	for i := 0; i < n; i++ {
		rel := fmt.Sprintf("models/area%02d/sub%d/m%05d", i%20, i%5, i)
		write(rel+".sql", fmt.Sprintf("-- model %d\nSELECT id, maaned, count(*) AS n\nFROM m%05d\nWHERE maaned <= ${data_tom}::date\nGROUP BY 1, 2\n", i, max(i-1, 0)))
		if i%2 == 0 {
			write(rel+".yml", `description: A generated model.
config:
  materialized: incremental
  unique_key: [id, maaned]
  tags: [gen]
columns:
  - name: id
    description: The id.
    tests: [not_null, unique]
  - name: maaned
    tests:
      - accepted_values: {values: [1, 2, 3], severity: warn}
tests:
  - row_count: {min: 1}
`)
		}
	}
}

func BenchmarkLoad10k(b *testing.B) {
	dir := b.TempDir()
	genProject(b, dir, 10000)
	b.ResetTimer()
	for b.Loop() {
		p, ds := Load(dir, Options{})
		if ds.HasErrors() || len(p.Models) != 10000 {
			b.Fatalf("%d models, %v", len(p.Models), ds.Err())
		}
	}
}

// TestLoadLarge loads a generated 2,000-model project: the generator stays valid, config
// resolves through the folder tree, and the load is not pathologically slow (a loose bound, for shared CI).
func TestLoadLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 3,000 files")
	}
	dir := t.TempDir()
	genProject(t, dir, 2000)
	start := time.Now()
	p, ds := Load(dir, Options{})
	took := time.Since(start)
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	if len(p.Models) != 2000 || len(p.Sources) != 20 {
		t.Fatalf("%d models, %d sources", len(p.Models), len(p.Sources))
	}
	tests := 0
	for _, m := range p.Models {
		tests += len(m.Tests)
		for _, c := range m.Columns {
			tests += len(c.Tests)
		}
	}
	if tests != 1000*4 {
		t.Errorf("%d tests, want 4 per sidecar", tests)
	}
	if m := p.Models[0]; m.Area != "area00" || m.Config.Schema != "stg" || len(m.Config.Tags) != 2 {
		t.Errorf("first model %+v", m.Config)
	}
	if took > 5*time.Second {
		t.Errorf("loading 2,000 models took %v", took)
	}
}
