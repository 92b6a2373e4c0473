package compiler

import (
	"os"
	"path/filepath"
	"testing"
)

// The compile benchmarks run on the project in $FLIS_BENCH_PROJECT, made with
// `go run ./tools/genproject -n 10000 -out DIR`; scripts/bench_compile.sh measures the same
// through the CLI. Cold compiles start without the analysis cache, warm ones with it; both
// write the artifacts, as `flis compile` does.
func benchProject(b *testing.B) string {
	root := os.Getenv("FLIS_BENCH_PROJECT")
	if root == "" {
		b.Skip("set FLIS_BENCH_PROJECT to a project made by tools/genproject")
	}
	return root
}

func BenchmarkCompileCold(b *testing.B) {
	root := benchProject(b)
	for i := 0; i < b.N; i++ {
		tmp := b.TempDir()
		res, err := Compile(Options{Root: root, CacheDir: filepath.Join(tmp, "cache"), Getenv: noEnv})
		if err != nil {
			b.Fatal(err)
		}
		if err := res.WriteArtifacts(filepath.Join(tmp, "target")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompileWarm(b *testing.B) {
	root := benchProject(b)
	tmp := b.TempDir()
	opts := Options{Root: root, CacheDir: filepath.Join(tmp, "cache"), Getenv: noEnv}
	res, err := Compile(opts)
	if err != nil {
		b.Fatal(err)
	}
	if err := res.WriteArtifacts(filepath.Join(tmp, "target")); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Compile(opts)
		if err != nil {
			b.Fatal(err)
		}
		if err := res.WriteArtifacts(filepath.Join(tmp, "target")); err != nil {
			b.Fatal(err)
		}
	}
}
