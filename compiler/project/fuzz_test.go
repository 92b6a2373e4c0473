package project

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadYAML decodes arbitrary bytes as flis.yaml, as a model sidecar, a seed sidecar, a
// test sidecar and a sources file. Nothing may panic, every diagnostic must point into the
// file it came from, and what is decoded must serialise (the manifest is JSON).
func FuzzLoadYAML(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/valid/*.yaml")
	more, _ := filepath.Glob("testdata/*/*/*.yml")
	more2, _ := filepath.Glob("testdata/errors/*/models/*/*.yml")
	more3, _ := filepath.Glob("testdata/errors/*/flis.yaml")
	for _, p := range append(append(append(seeds, more...), more2...), more3...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("<<: {x: 1}\n<<: [*x]\n"))
	f.Add([]byte("tests:\n  - accepted_values:\n    values: [1]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		check := func(d *dec, v any) {
			for _, x := range d.diags {
				if x.Pos.File != d.file {
					t.Fatalf("diagnostic for %q points at %q: %s", d.file, x.Pos.File, x.Error())
				}
			}
			if _, err := json.Marshal(v); err != nil {
				t.Fatalf("%s: decoded value does not serialise: %v", d.file, err)
			}
		}
		d := newDec(ConfigFile)
		if n := d.parseYAML(src); n != nil {
			cfg, mt, st := decodeConfig(d, n)
			_, _ = mt, st
			check(d, cfg)
		}
		for _, name := range []string{"models/ky/m.yml", "seeds/s.yml", "tests/t.yml", "models/ky/_s.yml"} {
			d := newDec(name)
			n := d.parseYAML(src)
			if n == nil {
				continue
			}
			var v any
			switch name {
			case "models/ky/m.yml":
				s := d.decodeModelSidecar(n)
				v = []any{s.columns, s.tests, s.dependsOn, resolveModelConfig([]*modelLayer{s.layer})}
			case "seeds/s.yml":
				s := d.decodeSeedSidecar(n)
				c, _ := resolveSeedConfig([]*seedLayer{s.layer})
				v = []any{s.columns, s.tests, c}
			case "tests/t.yml":
				s := d.decodeTestSidecar(n)
				v = []any{s.severity, s.tags}
			default:
				v = d.decodeSources(n, "ky")
			}
			check(d, v)
		}
		_, _ = ParseVars([]string{string(src)})
	})
}

// FuzzSeedHeader parses arbitrary bytes as a seed's first line.
func FuzzSeedHeader(f *testing.F) {
	f.Add([]byte("kode,navn\n1,a\n"), ',')
	f.Add([]byte("\"a\"\"b\",c\n"), ';')
	f.Add([]byte("\xef\xbb\xbfa,b"), ',')
	f.Fuzz(func(t *testing.T, src []byte, delim rune) {
		if delim == '"' || delim == '\n' || delim == '\r' || delim == 0 || delim > 0x10ffff || delim == 0xfffd {
			return
		}
		h, ds := parseHeader("seeds/x.csv", src, delim, false)
		if h == nil && !ds.HasErrors() {
			t.Fatalf("no header and no error for %q", src)
		}
	})
}
