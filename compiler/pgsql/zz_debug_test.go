package pgsql

import (
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	pat := os.Getenv("DBG")
	if pat == "" {
		t.Skip()
	}
	for _, c := range loadCorpus(t) {
		if !strings.Contains(" "+pat+" ", " "+c.name[:3]+" ") {
			continue
		}
		s, err := scanFor(c.src)
		if err != nil {
			t.Logf("%s: %v", c.name, err)
			continue
		}
		br := bridge(c.src, s)
		_, perr := parseOne(br.text)
		t.Logf("%s:\n%s\n=> %v", c.name, br.text, perr)
		a, _ := Analyze(c.src)
		if a != nil {
			t.Logf("cols %v star %v", a.Columns, a.Star)
		}
	}
}

func BenchmarkZZAnalyze(b *testing.B) {
	cases := loadCorpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			Analyze(c.src)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cases)), "ns/stmt")
}
