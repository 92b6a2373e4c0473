package pgsql

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func tokString(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%s", t.Kind, t.Text)
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"words", "SELECT a FROM t", "keyword:SELECT ident:a keyword:FROM ident:t"},
		{"quoted", `"My ""Col"""`, `quoted ident:"My ""Col"""`},
		{"numbers", "1 3.14 .5 1e-3 2E+5 7.", "number:1 number:3.14 number:.5 number:1e-3 number:2E+5 number:7."},
		{"string with quote", "'it''s'", "string:'it''s'"},
		{"E string", `E'a\'b' e'\\'`, `string:E'a\'b' string:e'\\'`},
		{"prefixed strings", "B'01' X'ff' N'x' U&'d\\0061'", "string:B'01' string:X'ff' string:N'x' string:U&'d\\0061'"},
		{"unicode ident", `U&"d\0061t"`, `quoted ident:U&"d\0061t"`},
		{"dollar", "$$a 'b' FROM c$$ $x$ $$ $x$", "string:$$a 'b' FROM c$$ string:$x$ $$ $x$"},
		{"param", "$1 + $23", "param:$1 op:+ param:$23"},
		{"var", "${data_tom}::date ${a.b_c1}", "var:${data_tom} op::: ident:date var:${a.b_c1}"},
		{"cast", "x::numeric(10,2)", "ident:x op::: ident:numeric punct:( number:10 punct:, number:2 punct:)"},
		{"line comment no space", "a --FROM x\nb", "ident:a comment:--FROM x ident:b"},
		{"line comment at end", "a -- c", "ident:a comment:-- c"},
		{"nested block", "a /* x /* y */ z */ b", "ident:a comment:/* x /* y */ z */ ident:b"},
		{"operators", "a>=b<>c||d->>'e'", "ident:a op:>= ident:b op:<> ident:c op:|| ident:d op:->> string:'e'"},
		{"minus after op", "a=-1", "ident:a op:= op:- number:1"},
		{"op with comment start", "a+--x\n1", "ident:a op:+ comment:--x number:1"},
		{"regex ops", "a ~* b !~ c", "ident:a op:~* ident:b op:!~ ident:c"},
		{"json ops", "a @> b ? c #>> d", "ident:a op:@> ident:b op:? ident:c op:#>> ident:d"},
		{"punct", "f(a[1:2]).b;", "ident:f punct:( ident:a punct:[ number:1 punct:: number:2 punct:] punct:) punct:. ident:b punct:;"},
		{"ident with dollar", "a$b", "ident:a$b"},
		{"non-ascii ident", "børn_år", "ident:børn_år"},
		{"keyword case", "select Distinct", "keyword:select keyword:Distinct"},
		{"continued string", "'a'\n  'b' x", "string:'a'\n  'b' ident:x"},
		{"continued with comments", "'a' -- c\n-- d\n'b'", "string:'a' -- c\n-- d\n'b'"},
		{"continued E string", "E'a\\''\n'b'", "string:E'a\\''\n'b'"},
		{"no continuation on one line", "'a' 'b'", "string:'a' string:'b'"},
		{"no continuation after block comment", "'a' /* c */\n'b'", "string:'a' comment:/* c */ string:'b'"},
		{"no continuation of dollar quotes", "$$a$$\n'b'", "string:$$a$$ string:'b'"},
		{"comment without newline ends", "'a' -- c", "string:'a' comment:-- c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks, err := Tokenize(tt.src)
			if err != nil {
				t.Fatalf("Tokenize(%q): %v", tt.src, err)
			}
			if got := tokString(toks); got != tt.want {
				t.Errorf("Tokenize(%q)\n got  %s\n want %s", tt.src, got, tt.want)
			}
			for _, tk := range toks {
				if tt.src[tk.Off:tk.End] != tk.Text {
					t.Errorf("token %q does not match its span %d:%d", tk.Text, tk.Off, tk.End)
				}
			}
		})
	}
}

func TestTokenizeErrors(t *testing.T) {
	tests := []struct {
		src     string
		off     int
		message string
	}{
		{"SELECT 'abc", 7, "unterminated string literal"},
		{`SELECT "abc`, 7, "unterminated quoted identifier"},
		{"SELECT E'ab\\'", 7, "unterminated string literal"},
		{"SELECT 1 /* a /* b */", 9, "unterminated /* comment"},
		{"SELECT $x$ abc", 7, "unterminated dollar-quoted string"},
		{"SELECT ${data_tom", 7, "unterminated ${ variable"},
		{"SELECT ${1abc}", 7, `bad variable name "1abc"`},
		{"SELECT ${a-b}", 7, `bad variable name "a-b"`},
		{"SELECT ${}", 7, `bad variable name ""`},
		{"SELECT a \\ b", 9, `unexpected character '\\'`},
		{"SELECT $ 1", 7, `unexpected "$"`},
		{`SELECT 1 AS ""`, 12, "zero-length quoted identifier"},
		{`SELECT 1 AS U&""`, 12, "zero-length quoted identifier"},
	}
	for _, tt := range tests {
		_, err := Tokenize(tt.src)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Tokenize(%q) = %v, want *Error", tt.src, err)
			continue
		}
		if e.Off != tt.off || e.Msg != tt.message {
			t.Errorf("Tokenize(%q) = %d %q, want %d %q", tt.src, e.Off, e.Msg, tt.off, tt.message)
		}
		if e.Hint == "" {
			t.Errorf("Tokenize(%q): error has no hint", tt.src)
		}
	}
}

func TestTokenName(t *testing.T) {
	toks, err := Tokenize(`Foo "Bar" "a""b" SELECT ${x.y} U&"Q"`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"foo", "Bar", `a"b`, "select", "x.y", "Q"}
	for i, w := range want {
		if got := toks[i].Name(); got != w {
			t.Errorf("Name(%q) = %q, want %q", toks[i].Text, got, w)
		}
	}
}
