package pgsql

import "testing"

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
