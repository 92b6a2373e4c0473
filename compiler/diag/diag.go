// Package diag holds positioned diagnostics: every problem flis finds in a project is a Diag
// with the file, line and column it comes from, a message and, where one helps, a hint.
// Stages collect all diagnostics of a run into a List instead of stopping at the first, so a
// user fixes everything in one go.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stops the run.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a place in a project file. File is relative to the project root; Line and Col are
// 1-based, Col counts characters (runes), not bytes. A zero Line means "the whole file".
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diag is one diagnostic.
type Diag struct {
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"-"`
	Msg      string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
}

// Error renders "file:line:col: message (hint)"; a warning is prefixed "warning: ".
func (d Diag) Error() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Errorf makes an error diagnostic.
func Errorf(pos Pos, format string, args ...any) Diag {
	return Diag{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning diagnostic.
func Warnf(pos Pos, format string, args ...any) Diag {
	return Diag{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// WithHint returns d with a hint.
func (d Diag) WithHint(format string, args ...any) Diag {
	d.Hint = fmt.Sprintf(format, args...)
	return d
}

// List collects diagnostics. The zero value is ready to use. It is not safe for concurrent
// use; parallel stages collect into their own lists and Append them.
type List []Diag

// Add appends diagnostics.
func (l *List) Add(ds ...Diag) { *l = append(*l, ds...) }

// Append appends another list.
func (l *List) Append(o List) { *l = append(*l, o...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors; Warnings only the warnings.
func (l List) Errors() List   { return l.filter(Error) }
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders by file, line, column, then message, so output is stable across parallel runs.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return l[i].Msg < l[j].Msg
	})
}

// Err returns the list as an error when it holds errors, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ErrorList(l)
}

// ErrorList is a List used as an error: one diagnostic per line.
type ErrorList List

func (e ErrorList) Error() string {
	var b strings.Builder
	for i, d := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// LineCol converts a byte offset in src to a 1-based line and a 1-based column in runes.
func LineCol(src string, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	col = 1 + len([]rune(src[start:off]))
	return line, col
}

// Closest returns up to max candidates closest to name by edit distance, best first, keeping
// only those close enough to be a plausible typo (distance at most a third of the length, at
// least 2) or that contain name as a substring.
func Closest(name string, candidates []string, max int) []string {
	type scored struct {
		s string
		d int
	}
	var out []scored
	limit := len(name) / 3
	if limit < 2 {
		limit = 2
	}
	lname := strings.ToLower(name)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := Levenshtein(lname, lc)
		if d <= limit || (len(lname) >= 3 && strings.Contains(lc, lname)) {
			out = append(out, scored{c, d})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].d != out[j].d {
			return out[i].d < out[j].d
		}
		return out[i].s < out[j].s
	})
	var res []string
	for i := 0; i < len(out) && i < max; i++ {
		if i > 0 && out[i].s == out[i-1].s {
			continue
		}
		res = append(res, out[i].s)
	}
	return res
}

// DidYouMean renders a hint naming the closest candidates, or "" when none is close.
func DidYouMean(name string, candidates []string) string {
	c := Closest(name, candidates, 3)
	if len(c) == 0 {
		return ""
	}
	q := make([]string, len(c))
	for i, s := range c {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "did you mean " + strings.Join(q, " or ") + "?"
}

// Levenshtein is the edit distance between a and b, by runes.
func Levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
