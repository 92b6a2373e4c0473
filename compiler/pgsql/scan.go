package pgsql

// The structural scan walks the comment-free tokens once, tracking per parenthesis level
// whether it is inside a query's FROM clause. It finds every place a relation name can stand
// (candidates), function calls used as tables, column alias lists the TiDB parser cannot read,
// and CTE definitions. The candidates are over-generous on purpose: the TiDB parse decides
// which of them really are tables, and the token fallback relies on the same list.

// cand is a possibly-qualified name in a table position: tokens [start, end).
type cand struct {
	start, end int
	schema     string
	name       string
}

// fromFunc is a function call used as a table: name tokens from start, call parens closing
// at close; alias tells whether an alias follows (the wrapped derived table needs one).
type fromFunc struct {
	start, close int
	alias        bool
}

// cteDef is one WITH entry: name token, body parentheses, and the token index where the
// enclosing query ends (its scope).
type cteDef struct {
	name                string
	nameTok             int
	bodyOpen, bodyClose int
	scopeEnd            int
	recursive           bool
}

type scan struct {
	toks  []Token
	match []int // index of the matching bracket for ( ) [ ], -1 otherwise
	cands []cand
	funcs []fromFunc
	ctes  []cteDef
	drop  []bool // tokens the bridge leaves out (column alias lists, WITH ORDINALITY, ...)
	body  int    // index of the main query's SELECT, VALUES or TABLE
}

type frame struct {
	open      int  // index of the opening paren, -1 for the top level
	query     bool // a SELECT was seen at this level
	inFrom    bool // inside the FROM clause (FROM ... up to WHERE/GROUP/...)
	expect    bool // the next token starts a FROM item
	fromParen bool // this level was opened where a FROM item was expected
	fn        int  // 1 + index in funcs when this level holds a FROM function's arguments
}

// clauseEnd are the words that end a FROM clause at their own level.
var clauseEnd = wordSet(`where group having window order limit offset fetch union intersect except for`)

// matchBrackets pairs ( with ) and [ with ]. It returns the index of the first unbalanced
// token, or -1.
func matchBrackets(toks []Token) ([]int, int) {
	match := make([]int, len(toks))
	var stack []int
	for i, t := range toks {
		match[i] = -1
		if t.Kind != Punct {
			continue
		}
		switch t.Text {
		case "(", "[":
			stack = append(stack, i)
		case ")", "]":
			if len(stack) == 0 {
				return match, i
			}
			o := stack[len(stack)-1]
			if (toks[o].Text == "(") != (t.Text == ")") {
				return match, i
			}
			stack = stack[:len(stack)-1]
			match[o], match[i] = i, o
		}
	}
	if len(stack) > 0 {
		return match, stack[len(stack)-1]
	}
	return match, -1
}

func (s *scan) punct(i int, p string) bool {
	return i < len(s.toks) && s.toks[i].Kind == Punct && s.toks[i].Text == p
}

func (s *scan) word(i int, w string) bool { return i < len(s.toks) && s.toks[i].is(w) }

// run performs the scan; match must be balanced.
func (s *scan) run() {
	toks := s.toks
	s.drop = make([]bool, len(toks))
	stack := []frame{{open: -1}}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		f := &stack[len(stack)-1]
		if f.expect {
			switch {
			case t.is("lateral") || t.is("only"):
				if t.is("only") {
					s.drop[i] = true
				}
				continue
			case t.Kind == Punct && t.Text == "(":
				f.expect = false
				stack = append(stack, frame{open: i, fromParen: true, inFrom: true, expect: true})
				continue
			case t.is("values") || t.is("rows") && s.word(i+1, "from"):
				// (VALUES ...) and ROWS FROM (...) are not names; handled below.
			case t.isName():
				f.expect = false
				j := i
				for s.punct(j+1, ".") && j+2 < len(toks) && toks[j+2].isName() {
					j += 2
				}
				if s.punct(j+1, "(") {
					// A function as a table: scan its arguments (they may hold
					// subqueries); the alias is read when its parenthesis closes.
					s.funcs = append(s.funcs, fromFunc{start: i, close: s.match[j+1]})
					stack = append(stack, frame{open: j + 1, fn: len(s.funcs)})
					i = j + 1
					continue
				}
				c := cand{start: i, end: j + 1, name: toks[j].Name()}
				if j > i {
					c.schema = toks[j-2].Name()
				}
				s.cands = append(s.cands, c)
				next, _ := s.alias(j + 1)
				i = next - 1
				continue
			}
			f.expect = false
		}
		switch {
		case t.Kind == Punct && t.Text == "(":
			stack = append(stack, frame{open: i})
		case t.Kind == Punct && t.Text == ")":
			if len(stack) > 1 {
				popped := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				switch {
				case popped.fromParen:
					next, _ := s.alias(i + 1)
					i = next - 1
				case popped.fn > 0:
					k := i + 1
					if s.word(k, "with") && s.word(k+1, "ordinality") {
						s.drop[k], s.drop[k+1] = true, true
						k += 2
					}
					next, alias := s.alias(k)
					s.funcs[popped.fn-1].alias = alias
					i = next - 1
				}
			}
		case t.is("select"):
			f.query, f.inFrom, f.expect = true, false, false
		case t.is("values"):
			f.query, f.inFrom, f.expect = true, false, false
		case t.is("table") && i+1 < len(toks) && toks[i+1].isName():
			// TABLE name is SELECT * FROM name.
			f.query, f.inFrom, f.expect = true, false, true
		case t.is("from"):
			if f.query && !(i > 0 && toks[i-1].is("distinct")) {
				f.inFrom, f.expect = true, true
			}
		case t.is("join"):
			if f.inFrom {
				f.expect = true
			}
		case t.Kind == Punct && t.Text == ",":
			if f.inFrom {
				f.expect = true
			}
		case t.is("with"):
			if !s.word(i+1, "ordinality") && !s.word(i+1, "time") && !s.word(i+1, "rollup") && !s.word(i+1, "ties") {
				end := len(toks)
				if f.open >= 0 {
					end = s.match[f.open]
				}
				s.with(i, end)
			}
		case t.isWord() && clauseEnd[lowerASCII(t.Text)]:
			f.inFrom = false
		}
	}
}

// alias reads an optional table alias at i ([AS] name [(col, ...)]), marking a column alias
// list for dropping. It returns the index after the alias and whether there was one.
func (s *scan) alias(i int) (int, bool) {
	j := i
	if s.word(j, "as") {
		j++
	}
	if j >= len(s.toks) || !s.toks[j].isName() {
		return i, false
	}
	j++
	if s.punct(j, "(") {
		close := s.match[j]
		for k := j; k <= close; k++ {
			s.drop[k] = true
		}
		j = close + 1
	}
	return j, true
}

// with records the CTE definitions of the WITH clause at i, whose query ends at end.
func (s *scan) with(i, end int) {
	j := i + 1
	rec := false
	if s.word(j, "recursive") {
		rec = true
		j++
	}
	for j < len(s.toks) && s.toks[j].isName() {
		d := cteDef{name: s.toks[j].Name(), nameTok: j, scopeEnd: end, recursive: rec}
		j++
		if s.punct(j, "(") {
			j = s.match[j] + 1
		}
		if !s.word(j, "as") {
			return
		}
		j++
		if s.word(j, "not") {
			s.drop[j] = true
			j++
		}
		if s.word(j, "materialized") {
			s.drop[j] = true
			j++
		}
		if !s.punct(j, "(") {
			return
		}
		d.bodyOpen, d.bodyClose = j, s.match[j]
		s.ctes = append(s.ctes, d)
		j = d.bodyClose + 1
		if !s.punct(j, ",") {
			return
		}
		j++
	}
}
