package pgsql

import (
	"strings"
	"testing"

	"github.com/flis-dk/flis/internal/golden"
)

// TestBridgeGolden records the text handed to TiDB for every corpus statement, so a change
// to the bridge shows up as a reviewable diff. Run with -update to accept it.
func TestBridgeGolden(t *testing.T) {
	var b strings.Builder
	for _, c := range loadCorpus(t) {
		s, err := scanFor(c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		b.WriteString("-- " + c.name + "\n" + bridge(c.src, s).text + "\n")
	}
	golden.Check(t, "testdata/bridge.golden", b.String())
}

// TestSrcOff checks the map from bridged text back to the source.
func TestSrcOff(t *testing.T) {
	src := "SELECT a::int, b FROM dm.t WHERE c ~ 'x'"
	s, err := scanFor(src)
	if err != nil {
		t.Fatal(err)
	}
	br := bridge(src, s)
	for _, word := range []string{"b FROM", "WHERE", "'x'"} {
		o := strings.Index(br.text, " "+word) + 1
		if got := br.srcOff(o); !strings.HasPrefix(src[got:], word) {
			t.Errorf("srcOff(%d) for %q = %d (%q)", o, word, got, src[got:])
		}
	}
	if o := strings.Index(br.text, relPrefix); !strings.HasPrefix(src[br.srcOff(o):], "dm.t") {
		t.Errorf("placeholder maps to %d", br.srcOff(o))
	}
}
