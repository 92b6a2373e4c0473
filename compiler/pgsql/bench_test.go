package pgsql

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkAnalyze analyses the whole corpus once per iteration; divide by the corpus size
// (reported as ns/stmt) for the cost of one model.
func BenchmarkAnalyze(b *testing.B) {
	cases := loadCorpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			if _, err := Analyze(c.src); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cases)), "ns/stmt")
}

func BenchmarkTokenize(b *testing.B) {
	cases := loadCorpus(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			if _, err := Tokenize(c.src); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAnalyzeProject analyses every .sql file of the project in $FLIS_BENCH_PROJECT
// (made with `go run ./tools/genproject`), so the parser's cost can be profiled on the
// models the 10,000-model target is measured on.
func BenchmarkAnalyzeProject(b *testing.B) {
	root := os.Getenv("FLIS_BENCH_PROJECT")
	if root == "" {
		b.Skip("set FLIS_BENCH_PROJECT to a project folder")
	}
	var srcs []string
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".sql") && len(srcs) < 2000 {
			data, rerr := os.ReadFile(p)
			if rerr != nil {
				return rerr
			}
			srcs = append(srcs, string(data))
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range srcs {
			if _, err := Analyze(s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(srcs)), "ns/stmt")
}
