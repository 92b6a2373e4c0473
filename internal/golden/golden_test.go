package golden

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	d := Diff("a\nb\nc\nd\n", "a\nb\nX\nd\n")
	for _, want := range []string{"first difference at line 3", ">    3 | c", ">    3 | X", "     2 | b"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	if d := Diff("a\n", "a\nextra\n"); !strings.Contains(d, "want 2 lines, got 3") {
		t.Errorf("length difference not reported:\n%s", d)
	}
}
