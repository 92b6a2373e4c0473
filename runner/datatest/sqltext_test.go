package datatest

import (
	"strings"
	"testing"
)

func TestTrimStatement(t *testing.T) {
	for _, c := range []struct {
		in, want string
		multi    bool
	}{
		{"SELECT 1", "SELECT 1", false},
		{"  SELECT 1 ;; \n", "  SELECT 1", false},
		{"SELECT 1; -- done\n", "SELECT 1", false},
		{"SELECT 1 /* a /* nested */ comment; */ ;", "SELECT 1", false},
		{"SELECT ';' -- x", "SELECT ';'", false},
		{"SELECT 'it''s;' AS x;", "SELECT 'it''s;' AS x", false},
		{`SELECT E'\';' AS x;`, `SELECT E'\';' AS x`, false},
		{`SELECT "a;""b" FROM t;`, `SELECT "a;""b" FROM t`, false},
		{"SELECT $tag$ ; -- $tag$ AS x;", "SELECT $tag$ ; -- $tag$ AS x", false},
		{"SELECT $$;$$;", "SELECT $$;$$", false},
		{"SELECT a$b FROM t; -- $b$", "SELECT a$b FROM t", false},
		{"SELECT 1; SELECT 2", "SELECT 1; SELECT 2", true},
		{"SELECT 1; /* only a comment */", "SELECT 1", false},
		{"-- nothing\n;", "", false},
		{"SELECT 'unterminated", "SELECT 'unterminated", false},
	} {
		got, multi := trimStatement(c.in)
		if got != c.want || multi != c.multi {
			t.Errorf("trimStatement(%q) = %q, %t; want %q, %t", c.in, got, multi, c.want, c.multi)
		}
	}
}

// FuzzTrimStatement checks the invariants the planners rely on: the result is a prefix of
// the input, trimming is idempotent, and trailing semicolons and comments always go.
func FuzzTrimStatement(f *testing.F) {
	for _, s := range []string{"SELECT 1;", "SELECT ';' -- x\n;", "SELECT $a$;$a$ /* ; */", `E'\\'';`, "a;b", "/* /* */ */;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, multi := trimStatement(in)
		if !strings.HasPrefix(in, got) {
			t.Fatalf("%q is not a prefix of %q", got, in)
		}
		again, multi2 := trimStatement(got)
		if again != got || multi2 != multi {
			t.Fatalf("not idempotent: %q -> %q (%t) -> %q (%t)", in, got, multi, again, multi2)
		}
		// Unless the input ends inside an unterminated token, more semicolons and
		// comments after the statement trim away again.
		if closed, _ := trimStatement(got + ";"); closed == got && !multi {
			if more, _ := trimStatement(got + " ;\n-- c\n/* d */"); more != got {
				t.Fatalf("%q plus a trailer trims to %q", got, more)
			}
		}
	})
}
