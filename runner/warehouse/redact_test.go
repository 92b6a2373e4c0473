package warehouse

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://flis:hunter2@db.example:5432/flis?sslmode=require",
			"postgres://flis:xxxxx@db.example:5432/flis?sslmode=require"},
		{"postgresql://flis@db/flis", "postgresql://flis@db/flis"},
		{"postgres://db/flis?password=hunter2&sslmode=disable",
			"postgres://db/flis?password=xxxxx&sslmode=disable"},
		{"host=db user=flis password=hunter2 dbname=flis", "host=db user=flis password=xxxxx dbname=flis"},
		{"host=db password = 'hun ter\\'2' dbname=flis", "host=db password = xxxxx dbname=flis"},
		{"host=db PASSWORD=hunter2", "host=db PASSWORD=xxxxx"},
		{"host=db sslpassword=hunter2 sslkey=/k", "host=db sslpassword=xxxxx sslkey=/k"},
		{"host=/tmp/x user=postgres dbname=flis", "host=/tmp/x user=postgres dbname=flis"},
		{"postgres://u:hun%zzter2@h/db", "postgres://u:xxxxx@h/db"}, // unparsable URL
		{"", ""},
	}
	for _, tt := range tests {
		got := Redact(tt.in)
		if got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.Contains(got, "hunter2") || strings.Contains(got, "ter2") && strings.Contains(tt.in, "ter2") {
			t.Errorf("Redact(%q) leaks the password: %q", tt.in, got)
		}
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"postgres://u:secretpw@h/db", "password=secretpw", "password='secretpw'",
		"postgres://h/db?password=secretpw"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dsn string) {
		got := Redact(dsn) // must not panic
		// A password set in keyword/value form after whitespace never survives.
		if strings.HasPrefix(dsn, "host=h password=") && !strings.ContainsAny(dsn[len("host=h password="):], " \t\n\r\f\v'\\") {
			pw := dsn[len("host=h password="):]
			if len(pw) > 3 && strings.Contains(got, pw) {
				t.Errorf("Redact(%q) = %q keeps the password", dsn, got)
			}
		}
	})
}

func TestStmtErrorLine(t *testing.T) {
	tests := []struct {
		stmt      string
		pos       int
		line, col int
	}{
		{"SELECT x", 8, 1, 8},
		{"SELECT\nx", 8, 2, 1},
		{"SELECT 'æø'\n, x", 15, 2, 3},
		{"abc", 0, 0, 0},
		{"abc", 4, 1, 4}, // just past the end: the server points there for "unexpected end"
	}
	for _, tt := range tests {
		e := &StmtError{Stmt: tt.stmt, Position: tt.pos}
		if l, c := e.Line(); l != tt.line || c != tt.col {
			t.Errorf("Line(%q, %d) = %d:%d, want %d:%d", tt.stmt, tt.pos, l, c, tt.line, tt.col)
		}
	}
}

func FuzzStmtErrorExcerpt(f *testing.F) {
	f.Add("SELECT 'æø'\n, x", 15)
	f.Add("a\n", 3)
	f.Add("", 1)
	f.Fuzz(func(t *testing.T, stmt string, pos int) {
		e := &StmtError{Stmt: stmt, Position: pos}
		line, col := e.Line()
		if pos > 0 && (line < 1 || col < 1) {
			t.Errorf("Line(%q, %d) = %d:%d", stmt, pos, line, col)
		}
		ex := e.Excerpt() // must not panic
		if pos > 0 && !strings.HasSuffix(ex, "^") {
			t.Errorf("Excerpt(%q, %d) = %q has no caret", stmt, pos, ex)
		}
	})
}
