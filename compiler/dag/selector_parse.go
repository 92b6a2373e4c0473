package dag

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/flis-dk/flis/compiler/diag"
)

// Selector is one parsed --select or --exclude value: a union (space-separated) of
// intersections (comma-separated) of atoms, as in dbt.
type Selector struct {
	Raw   string
	Terms [][]Atom // union of terms; a term is the intersection of its atoms
}

// Atom is one selector method with its graph operators, e.g. `2+tag:monthly+`.
type Atom struct {
	Text   string // the atom as written
	Col    int    // 1-based column of Text in the selector, in runes
	Method string // "" for a bare word, else one of Methods; "config" for config.<key>
	Key    string // the config key of config.<key>
	Value  string // name, tag, path... may hold path.Match wildcards

	At            bool // @value: value, its descendants and all their ancestors
	Parents       bool // +value
	ParentsDepth  int  // levels of ancestors; -1 unlimited
	Children      bool // value+
	ChildrenDepth int  // levels of descendants; -1 unlimited
}

// Methods are the selector methods flis understands ("config" is written config.<key>).
var Methods = []string{"area", "config", "fqn", "path", "resource_type", "source", "tag", "test_type"}

// TestTypes are the values of the test_type method.
var TestTypes = []string{"generic", "singular"}

// SelectorError is a selector that cannot be parsed or that matches nothing. Col is the
// 1-based column (in runes) of the problem in Selector for syntax errors, 0 for errors about
// what a well-formed selector matched.
type SelectorError struct {
	Selector string
	Col      int
	Msg      string
	Hint     string
}

// Error renders `selector "2+", column 3: expected a name after "+"` for syntax errors and
// `selector "fact_ky_sagr" matches nothing (did you mean "fact_ky_sager"?)` otherwise.
func (e *SelectorError) Error() string {
	var b strings.Builder
	if e.Col > 0 {
		fmt.Fprintf(&b, "selector %q, column %d: ", e.Selector, e.Col)
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

const operatorHint = `graph operators go around the whole selector: "+name", "2+name", "name+", "name+1", "@name"`

// ParseSelector parses one selector string. It checks syntax, method names and the values
// of methods with a fixed vocabulary (resource_type, test_type); whether names, tags or paths
// exist is checked by Graph.Select, which knows them.
func ParseSelector(s string) (*Selector, error) {
	p := &parser{raw: s}
	sel := &Selector{Raw: s}
	for _, w := range splitFields(s) {
		term, err := p.term(w.start, w.end)
		if err != nil {
			return nil, err
		}
		sel.Terms = append(sel.Terms, term)
	}
	if len(sel.Terms) == 0 {
		return nil, &SelectorError{Selector: s, Msg: "empty selector",
			Hint: `name what to select, e.g. "fact_ky_sager+" or "tag:monthly"`}
	}
	return sel, nil
}

// String renders the selector canonically; parsing the result gives the same Terms.
func (s *Selector) String() string {
	terms := make([]string, len(s.Terms))
	for i, t := range s.Terms {
		atoms := make([]string, len(t))
		for j, a := range t {
			atoms[j] = a.String()
		}
		terms[i] = strings.Join(atoms, ",")
	}
	return strings.Join(terms, " ")
}

// String renders the atom canonically.
func (a Atom) String() string {
	var b strings.Builder
	if a.At {
		b.WriteByte('@')
	}
	if a.Parents {
		if a.ParentsDepth >= 0 {
			b.WriteString(strconv.Itoa(a.ParentsDepth))
		}
		b.WriteByte('+')
	}
	switch a.Method {
	case "":
	case "config":
		b.WriteString("config." + a.Key + ":")
	default:
		b.WriteString(a.Method + ":")
	}
	b.WriteString(a.Value)
	if a.Children {
		b.WriteByte('+')
		if a.ChildrenDepth >= 0 {
			b.WriteString(strconv.Itoa(a.ChildrenDepth))
		}
	}
	return b.String()
}

type span struct{ start, end int }

// splitFields splits at Unicode white space, keeping byte offsets.
func splitFields(s string) []span {
	var out []span
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, span{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(s)})
	}
	return out
}

type parser struct{ raw string }

func (p *parser) col(off int) int { return utf8.RuneCountInString(p.raw[:off]) + 1 }

func (p *parser) errAt(off int, hint, format string, args ...any) *SelectorError {
	return &SelectorError{Selector: p.raw, Col: p.col(off), Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// term parses comma-separated atoms between byte offsets start and end.
func (p *parser) term(start, end int) ([]Atom, error) {
	var atoms []Atom
	for a := start; ; {
		c := strings.IndexByte(p.raw[a:end], ',')
		e := end
		if c >= 0 {
			e = a + c
		}
		if a == e {
			if c >= 0 {
				return nil, p.errAt(e, "", "expected a selector before \",\"")
			}
			return nil, p.errAt(e, "", "expected a selector after \",\"")
		}
		atom, err := p.atom(a, e)
		if err != nil {
			return nil, err
		}
		atoms = append(atoms, atom)
		if c < 0 {
			return atoms, nil
		}
		a = e + 1
	}
}

// atom parses `[@][N+]method:value[+N]` between byte offsets start and end.
func (p *parser) atom(start, end int) (Atom, error) {
	t := p.raw[start:end]
	a := Atom{Text: t, Col: p.col(start), ParentsDepth: -1, ChildrenDepth: -1}
	i := 0
	if t[0] == '@' {
		a.At = true
		i = 1
	}
	// Leading [N]+. Digits not followed by "+" belong to the name (a model may be 2024_x).
	d := i
	for d < len(t) && isDigit(t[d]) {
		d++
	}
	if d < len(t) && t[d] == '+' {
		if a.At {
			return a, p.errAt(start, `"@" already includes all ancestors`, "\"@\" cannot be combined with \"+\"")
		}
		a.Parents = true
		if d > i {
			n, err := p.depth(t[i:d], start+i)
			if err != nil {
				return a, err
			}
			a.ParentsDepth = n
		}
		i = d + 1
	}
	// The value runs to the next "+", which can only start the trailing operator.
	vEnd := len(t)
	if k := strings.IndexByte(t[i:], '+'); k >= 0 {
		vEnd = i + k
	}
	if i == vEnd {
		if i == 0 {
			return a, p.errAt(start, operatorHint, "expected a name before \"+\"")
		}
		return a, p.errAt(start+i, "", "expected a name after %q", t[:i])
	}
	if vEnd < len(t) {
		rest := t[vEnd+1:]
		digits := 0
		for digits < len(rest) && isDigit(rest[digits]) {
			digits++
		}
		if digits < len(rest) {
			if v := t[i:vEnd]; isDigit(v[0]) && !a.Parents {
				return a, p.errAt(start+i, `a depth is a whole number, as in "2+name"`, "invalid depth %q", v)
			}
			bad := start + vEnd + 1 + digits
			return a, p.errAt(bad, operatorHint, "unexpected %q after \"+\"", t[vEnd+1+digits:])
		}
		if a.At {
			return a, p.errAt(start, `"@" already includes all descendants`, "\"@\" cannot be combined with \"+\"")
		}
		a.Children = true
		if digits > 0 {
			n, err := p.depth(rest, start+vEnd+1)
			if err != nil {
				return a, err
			}
			a.ChildrenDepth = n
		}
	}
	return a, p.methodValue(&a, start+i, start+vEnd)
}

// methodValue splits "method:value" (or a bare value) between byte offsets start and end.
func (p *parser) methodValue(a *Atom, start, end int) error {
	v := p.raw[start:end]
	if k := strings.IndexByte(v, '@'); k >= 0 {
		return p.errAt(start+k, `e.g. "@dim_kommune"`, "\"@\" goes at the start of a selector")
	}
	colon := strings.IndexByte(v, ':')
	a.Value = v
	if colon < 0 {
		return p.checkPattern(a, start)
	}
	method := v[:colon]
	a.Value = v[colon+1:]
	if method == "" {
		return p.errAt(start, "", "expected a method before \":\"")
	}
	if a.Value == "" {
		return p.errAt(start+colon+1, "", "expected a value after %q", method+":")
	}
	switch {
	case strings.HasPrefix(method, "config."):
		a.Method, a.Key = "config", method[len("config."):]
		if a.Key == "" {
			return p.errAt(start+colon, `e.g. "config.materialized:incremental"`, "expected a config key after \"config.\"")
		}
	case slices.Contains(Methods, method) && method != "config":
		a.Method = method
	case method == "config":
		return p.errAt(start, `e.g. "config.materialized:incremental"`, "the config method needs a key: \"config.<key>:value\"")
	default:
		hint := diag.DidYouMean(method, Methods)
		if hint == "" {
			hint = "methods are " + strings.Join(Methods, ", ")
		}
		return p.errAt(start, hint, "unknown selector method %q", method)
	}
	if err := p.checkPattern(a, start+colon+1); err != nil {
		return err
	}
	switch a.Method {
	case "resource_type":
		return p.checkVocabulary(a, start+colon+1, Kinds, "resource type")
	case "test_type":
		return p.checkVocabulary(a, start+colon+1, TestTypes, "test type")
	}
	return nil
}

func (p *parser) checkPattern(a *Atom, off int) error {
	if _, err := path.Match(a.Value, ""); err != nil {
		return p.errAt(off, `wildcards are "*", "?" and "[...]"`, "bad pattern %q", a.Value)
	}
	return nil
}

// checkVocabulary rejects a value that cannot match any of the fixed words, so a typo in
// resource_type is a syntax error rather than an empty selection.
func (p *parser) checkVocabulary(a *Atom, off int, words []string, what string) error {
	for _, w := range words {
		if match(a.Value, w) {
			return nil
		}
	}
	hint := diag.DidYouMean(a.Value, words)
	if hint == "" {
		hint = "one of " + strings.Join(words, ", ")
	}
	return p.errAt(off, hint, "unknown %s %q", what, a.Value)
}

func (p *parser) depth(digits string, off int) (int, error) {
	n, err := strconv.Atoi(digits)
	if err != nil || n > 1_000_000 {
		return 0, p.errAt(off, `leave the number out for "all levels"`, "depth %s is too large", digits)
	}
	return n, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// hasMeta reports whether a pattern uses wildcards; plain values compare with ==.
func hasMeta(s string) bool { return strings.ContainsAny(s, `*?[\`) }

// match is path.Match for patterns with wildcards and equality otherwise. Patterns were
// validated when parsed, so the error is ignored.
func match(pattern, s string) bool { return matcher(pattern)(s) }

// matcher decides once whether pattern has wildcards, instead of once per node matched.
func matcher(pattern string) func(string) bool {
	if !hasMeta(pattern) {
		return func(s string) bool { return s == pattern }
	}
	return func(s string) bool {
		ok, _ := path.Match(pattern, s)
		return ok
	}
}
