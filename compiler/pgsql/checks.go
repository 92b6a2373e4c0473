package pgsql

import (
	"fmt"
	"strings"
)

// Definite syntax errors, found on the tokens before any parse: each of them is also an
// error in PostgreSQL, so reporting it cannot refuse a valid model.

// closers are tokens after which an expression or table must have come already.
var closers = wordSet(`from where group having order limit offset union intersect except then else end when and or window fetch`)

func isCloser(toks []Token, i int) bool {
	if i >= len(toks) {
		return true
	}
	t := toks[i]
	if t.Kind == Punct {
		return t.Text == ")" || t.Text == "," || t.Text == ";" || t.Text == "]"
	}
	return t.isWord() && closers[lowerASCII(t.Text)]
}

// needExpr are words that must be followed by an expression.
var needExpr = wordSet(`where having and or not on by then else when`)

func describe(toks []Token, i int) string {
	if i >= len(toks) || toks[i].Text == ";" {
		return "the end of the statement"
	}
	if toks[i].isWord() {
		return strings.ToUpper(toks[i].Text)
	}
	return fmt.Sprintf("%q", toks[i].Text)
}

// checkStatement checks the statement's shape (one query, balanced brackets) and returns
// the scan to run over it, without the trailing semicolons.
func checkStatement(src string, toks []Token) (*scan, error) {
	for len(toks) > 0 && toks[len(toks)-1].Text == ";" && toks[len(toks)-1].Kind == Punct {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return nil, &Error{Off: 0, Msg: "empty model", Hint: "a model is one SELECT statement"}
	}
	for i, t := range toks {
		if t.Kind == Punct && t.Text == ";" {
			return nil, &Error{Off: toks[i+1].Off, Msg: "more than one statement in a model", Hint: "a model is one query; remove the ; or move the statement elsewhere"}
		}
	}
	match, bad := matchBrackets(toks)
	if bad >= 0 {
		t := toks[bad]
		if t.Text == "(" || t.Text == "[" {
			return nil, &Error{Off: t.Off, Msg: fmt.Sprintf("%q is never closed", t.Text), Hint: "add the missing closing bracket"}
		}
		return nil, &Error{Off: t.Off, Msg: fmt.Sprintf("unbalanced %q", t.Text), Hint: "there is no opening bracket for it"}
	}
	s := &scan{toks: toks, match: match}
	if err := s.checkQuery(); err != nil {
		return nil, err
	}
	if err := s.checkPatterns(); err != nil {
		return nil, err
	}
	return s, nil
}

// checkQuery requires a query: SELECT, VALUES, TABLE or WITH ... one of those, possibly
// in parentheses.
func (s *scan) checkQuery() error {
	i := s.queryStart(0)
	if i < len(s.toks) {
		t := s.toks[i]
		if t.is("select") || t.is("values") || t.is("table") {
			s.body = i
			return nil
		}
		if t.isWord() {
			return &Error{Off: t.Off, Msg: fmt.Sprintf("a model must be a query, not %s", strings.ToUpper(t.Text)), Hint: "write one SELECT (or WITH ... SELECT); flis creates the relation"}
		}
		return &Error{Off: t.Off, Msg: fmt.Sprintf("a model must be a query; unexpected %q", t.Text), Hint: "write one SELECT (or WITH ... SELECT)"}
	}
	t := s.toks[len(s.toks)-1]
	return &Error{Off: t.End, Msg: "the statement ends before its query", Hint: "write one SELECT (or WITH ... SELECT)"}
}

// queryStart skips opening parentheses and a WITH clause from i and returns the index of
// the query proper (SELECT, VALUES, TABLE, or whatever stands there instead).
func (s *scan) queryStart(i int) int {
	for s.punct(i, "(") {
		i++
	}
	if !s.word(i, "with") {
		return i
	}
	i++
	if s.word(i, "recursive") {
		i++
	}
	// The CTE list: name [(cols)] AS [NOT] [MATERIALIZED] (body) [SEARCH ...] [CYCLE ...] [, ...]
	for i < len(s.toks) && s.toks[i].isName() {
		i++
		if s.punct(i, "(") {
			i = s.match[i] + 1
		}
		if !s.word(i, "as") {
			break
		}
		i++
		for s.word(i, "not") || s.word(i, "materialized") {
			i++
		}
		if !s.punct(i, "(") {
			break
		}
		i, _ = s.cteClauses(s.match[i] + 1)
		if !s.punct(i, ",") {
			break
		}
		i++
	}
	for s.punct(i, "(") {
		i++
	}
	return i
}

// checkPatterns finds token patterns that PostgreSQL always rejects.
func (s *scan) checkPatterns() error {
	toks := s.toks
	caseDepth := []int{} // paren depth of each open CASE
	depth := 0
	for i, t := range toks {
		switch {
		case t.Kind == Punct && t.Text == "(":
			depth++
		case t.Kind == Punct && t.Text == ")":
			if n := len(caseDepth); n > 0 && caseDepth[n-1] == depth {
				return &Error{Off: toks[s.openCase(i)].Off, Msg: "CASE without END", Hint: "close the CASE expression with END"}
			}
			depth--
		case t.Kind == Punct && t.Text == ",":
			if isCloser(toks, i+1) {
				return &Error{Off: t.Off, Msg: "trailing comma before " + describe(toks, i+1), Hint: "remove the comma or add the missing item"}
			}
		case t.is("from"):
			if isCloser(toks, i+1) || s.word(i+1, "join") {
				return &Error{Off: t.Off, Msg: "missing table after FROM", Hint: "name a table, a subquery or a function after FROM"}
			}
		case t.Kind == Op && t.Text == "::":
			if i+1 >= len(toks) || !(toks[i+1].isWord() || toks[i+1].Kind == QuotedIdent) || isCloser(toks, i+1) {
				return &Error{Off: t.Off, Msg: "missing type after ::", Hint: "write expr::type"}
			}
		case t.Kind == Op && t.Text != "*":
			if i > 0 && (toks[i-1].Text == "(" || toks[i-1].Text == "." || toks[i-1].Text == "," || toks[i-1].is("using")) {
				break
			}
			if isCloser(toks, i+1) {
				return &Error{Off: t.Off, Msg: fmt.Sprintf("missing operand after %q before %s", t.Text, describe(toks, i+1)), Hint: "complete the expression or remove the operator"}
			}
		case t.is("case"):
			caseDepth = append(caseDepth, depth)
		case t.is("end"):
			if n := len(caseDepth); n > 0 && caseDepth[n-1] == depth {
				caseDepth = caseDepth[:n-1]
			} else {
				return &Error{Off: t.Off, Msg: "END without CASE", Hint: "remove END or add the CASE it closes"}
			}
		case t.isWord() && needExpr[lowerASCII(t.Text)]:
			if t.is("by") && !(i > 0 && (toks[i-1].is("group") || toks[i-1].is("order") || toks[i-1].is("partition"))) {
				break // BY is not reserved: it can name a column
			}
			if isCloser(toks, i+1) {
				return &Error{Off: t.Off, Msg: fmt.Sprintf("missing expression after %s", strings.ToUpper(t.Text)), Hint: "complete the clause or remove it"}
			}
		}
	}
	if n := len(caseDepth); n > 0 {
		return &Error{Off: toks[s.openCase(len(toks))].Off, Msg: "CASE without END", Hint: "close the CASE expression with END"}
	}
	return nil
}

// openCase finds the last CASE before i that no END closes at its level.
func (s *scan) openCase(i int) int {
	level := 0
	for k := i - 1; k >= 0; k-- {
		switch {
		case s.toks[k].is("end"):
			level++
		case s.toks[k].is("case"):
			if level == 0 {
				return k
			}
			level--
		}
	}
	return 0
}

// cteClauses reads the SEARCH and CYCLE clauses that may follow a CTE body at j:
//
//	SEARCH {DEPTH | BREADTH} FIRST BY col [, ...] SET seq_col
//	CYCLE col [, ...] SET mark_col [TO value DEFAULT value] USING path_col
//
// It returns the index after them and the columns they add to the CTE, in PostgreSQL's
// order (sequence, mark, path). Text that does not complete a clause is left alone: the
// parse after the bridge then reports it.
func (s *scan) cteClauses(j int) (int, []string) {
	var added []string
	if s.word(j, "search") && (s.word(j+1, "depth") || s.word(j+1, "breadth")) && s.word(j+2, "first") && s.word(j+3, "by") {
		k := s.nameListEnd(j + 4)
		if k < 0 || !s.word(k, "set") || !s.name(k+1) {
			return j, nil
		}
		added = append(added, s.toks[k+1].Name())
		j = k + 2
	}
	if s.word(j, "cycle") {
		k := s.nameListEnd(j + 1)
		if k < 0 || !s.word(k, "set") || !s.name(k+1) {
			return j, added
		}
		mark := s.toks[k+1].Name()
		k += 2
		if s.word(k, "to") {
			// TO and DEFAULT take constants (never a subquery): skip to USING.
			for k < len(s.toks) && !s.word(k, "using") && !s.punct(k, ",") && !s.punct(k, "(") && !s.punct(k, ")") {
				k++
			}
		}
		if !s.word(k, "using") || !s.name(k+1) {
			return j, added
		}
		added = append(added, mark, s.toks[k+1].Name())
		j = k + 2
	}
	return j, added
}

// nameListEnd returns the index after the list of plain names "a, b, c" at j, or -1 when
// there is no name at j.
func (s *scan) nameListEnd(j int) int {
	if !s.name(j) {
		return -1
	}
	j++
	for s.punct(j, ",") && s.name(j+1) {
		j += 2
	}
	return j
}
