package pgsql

import (
	"errors"
	"strings"
	"testing"
)

func TestTrimStatement(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		err            string // substring of the error; "" means none
		off            int    // the error's offset
	}{
		{name: "plain", in: "SELECT 1", want: "SELECT 1"},
		{name: "semicolons and space", in: "  SELECT 1 ;; \n", want: "  SELECT 1"},
		{name: "line comment after", in: "SELECT 1; -- done\n", want: "SELECT 1"},
		{name: "nested block comment", in: "SELECT 1 /* a /* nested */ comment; */ ;", want: "SELECT 1"},
		{name: "semicolon in string", in: "SELECT ';' -- x", want: "SELECT ';'"},
		{name: "doubled quote", in: "SELECT 'it''s;' AS x;", want: "SELECT 'it''s;' AS x"},
		{name: "E string escape", in: `SELECT E'\';' AS x;`, want: `SELECT E'\';' AS x`},
		{name: "quoted ident", in: `SELECT "a;""b" FROM t;`, want: `SELECT "a;""b" FROM t`},
		{name: "dollar quote", in: "SELECT $tag$ ; -- $tag$ AS x;", want: "SELECT $tag$ ; -- $tag$ AS x"},
		{name: "empty dollar quote", in: "SELECT $$;$$;", want: "SELECT $$;$$"},
		{name: "dollar inside ident", in: "SELECT a$b FROM t; -- $b$", want: "SELECT a$b FROM t"},
		{name: "comment before", in: "-- header\nSELECT 1;", want: "-- header\nSELECT 1"},
		{name: "only a comment after", in: "SELECT 1; /* only a comment */", want: "SELECT 1"},
		{name: "nothing", in: "-- nothing\n;", want: ""},
		{name: "catalog viewdef", in: " SELECT t.a\n   FROM dm.t;", want: " SELECT t.a\n   FROM dm.t"},
		{name: "second statement", in: "SELECT 1; SELECT 2", want: "SELECT 1; SELECT 2", err: "more than one statement", off: 10},
		{name: "unterminated string", in: "SELECT 'unterminated", want: "SELECT 'unterminated", err: "unterminated string literal", off: 7},
		{name: "unterminated comment", in: "SELECT 1 /* open", want: "SELECT 1 /* open", err: "unterminated /* comment", off: 9},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := TrimStatement(c.in)
			if got != c.want {
				t.Errorf("TrimStatement(%q) = %q, want %q", c.in, got, c.want)
			}
			if c.err == "" {
				if err != nil {
					t.Errorf("unexpected error %v", err)
				}
				return
			}
			var pe *Error
			if !errors.As(err, &pe) || !strings.Contains(pe.Msg, c.err) || pe.Off != c.off {
				t.Errorf("error = %v, want %q at offset %d", err, c.err, c.off)
			}
		})
	}
}

// FuzzTrimStatement checks the invariants the runner's generators rely on: the result is a
// prefix of the input, trimming is idempotent, it fails exactly when the tokenizer does or
// a second statement follows, and trailing semicolons and comments always go.
func FuzzTrimStatement(f *testing.F) {
	for _, s := range []string{"SELECT 1;", "SELECT ';' -- x\n;", "SELECT $a$;$a$ /* ; */", `E'\\'';`, "a;b", "/* /* */ */;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := TrimStatement(in)
		if _, terr := Tokenize(in); terr != nil && err == nil {
			t.Fatalf("the tokenizer fails on %q (%v) but TrimStatement does not", in, terr)
		}
		if err != nil {
			if got != in {
				t.Fatalf("on error %v the input %q came back as %q", err, in, got)
			}
			return
		}
		if !strings.HasPrefix(in, got) {
			t.Fatalf("%q is not a prefix of %q", got, in)
		}
		if again, err := TrimStatement(got); again != got || err != nil {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", in, got, again, err)
		}
		// A "--" comment needs its newline, or it would swallow what is appended.
		if more, err := TrimStatement(got + "\n ;\n-- c\n/* d */;"); more != got || err != nil {
			t.Fatalf("%q plus a trailer trims to %q, %v", got, more, err)
		}
	})
}

func TestQuoteQualified(t *testing.T) {
	for _, c := range []struct{ schema, name, want string }{
		{"dm", "fact_ky_sager", `"dm"."fact_ky_sager"`},
		{"", "t", `"t"`},
		{"My Schema", `a"b`, `"My Schema"."a""b"`},
	} {
		if got := QuoteQualified(c.schema, c.name); got != c.want {
			t.Errorf("QuoteQualified(%q, %q) = %s, want %s", c.schema, c.name, got, c.want)
		}
	}
}
