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

// cteDef is one WITH entry: its WITH and name tokens, body parentheses, and the token
// index where the enclosing query ends (its scope).
type cteDef struct {
	name                string
	withTok, nameTok    int
	bodyOpen, bodyClose int
	scopeEnd            int
	recursive           bool
	colsOpen            int      // the column list's "(", -1 without one
	added               []string // columns SEARCH and CYCLE add
}

// rowsFrom is ROWS FROM (...) in FROM: ROWS at start, the list's ")" at close.
type rowsFrom struct {
	start, close int
	alias        bool
}

type scan struct {
	toks      []Token
	match     []int // index of the matching bracket for ( ) [ ], -1 otherwise
	cands     []cand
	funcs     []fromFunc
	rowsFroms []rowsFrom
	ctes      []cteDef
	drop      []bool // tokens the bridge leaves out (column alias lists, WITH ORDINALITY, ...)
	body      int    // index of the main query's SELECT, VALUES or TABLE
	nest      int    // queries being named inside one another, see maxStarDepth
}

type frame struct {
	open      int  // index of the opening paren, -1 for the top level
	query     bool // a SELECT was seen at this level
	inFrom    bool // inside the FROM clause (FROM ... up to WHERE/GROUP/...)
	expect    bool // the next token starts a FROM item
	fromParen bool // this level was opened where a FROM item was expected
	fn        int  // 1 + index in funcs when this level holds a FROM function's arguments
	rows      int  // 1 + index in rowsFroms when this level is a ROWS FROM list
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
	return i >= 0 && i < len(s.toks) && s.toks[i].Kind == Punct && s.toks[i].Text == p
}

func (s *scan) word(i int, w string) bool { return i >= 0 && i < len(s.toks) && s.toks[i].is(w) }

func (s *scan) name(i int) bool { return i >= 0 && i < len(s.toks) && s.toks[i].isName() }

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
			case t.is("rows") && s.word(i+1, "from") && s.punct(i+2, "("):
				// ROWS FROM (f(...) [AS (coldefs)], ...): the calls are expressions to
				// the bridge, which makes the list a derived table's select list.
				f.expect = false
				s.rowsFroms = append(s.rowsFroms, rowsFrom{start: i, close: s.match[i+2]})
				stack = append(stack, frame{open: i + 2, rows: len(s.rowsFroms)})
				i += 2
				continue
			case t.is("values"):
				// (VALUES ...) is not a name; handled below.
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
				if j+1 < len(toks) && toks[j+1].Kind == Op && toks[j+1].Text == "*" {
					// name *: the table with its descendants, the default anyway.
					j++
					s.drop[j] = true
				}
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
					next, alias := s.alias(i + 1)
					if alias && !popped.query {
						// (a JOIN b) AS j: TiDB takes no alias on a join.
						for k := i + 1; k < next; k++ {
							s.drop[k] = true
						}
					}
					i = next - 1
				case popped.rows > 0:
					s.closeRowsFrom(&s.rowsFroms[popped.rows-1])
					k := i + 1
					if s.word(k, "with") && s.word(k+1, "ordinality") {
						s.drop[k], s.drop[k+1] = true, true
						k += 2
					}
					next, alias := s.alias(k)
					s.rowsFroms[popped.rows-1].alias = alias
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
		case t.is("table") && (s.name(i+1) || s.word(i+1, "only")):
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

// closeRowsFrom marks the column definition lists inside ROWS FROM for dropping:
// f(x) AS (a int, b text).
func (s *scan) closeRowsFrom(r *rowsFrom) {
	open := r.start + 2
	for k := open + 1; k < r.close; k++ {
		if !s.punct(k, "(") && !s.punct(k, "[") {
			continue
		}
		if s.punct(k, "(") && s.word(k-1, "as") && s.punct(k-2, ")") {
			for m := k - 1; m <= s.match[k]; m++ {
				s.drop[m] = true
			}
		}
		k = s.match[k]
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
		d := cteDef{name: s.toks[j].Name(), withTok: i, nameTok: j, scopeEnd: end, recursive: rec, colsOpen: -1}
		j++
		if s.punct(j, "(") {
			d.colsOpen = j
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
		// SEARCH and CYCLE have no TiDB form: the bridge leaves them out.
		j, d.added = s.cteClauses(d.bodyClose + 1)
		for k := d.bodyClose + 1; k < j; k++ {
			s.drop[k] = true
		}
		s.ctes = append(s.ctes, d)
		if !s.punct(j, ",") {
			return
		}
		j++
	}
}

// visibleAt reports whether the CTE can be referred to at token at: in the rest of its
// query after its own body, and under WITH RECURSIVE anywhere in its WITH clause (every
// body, its own and those before it included).
func (d *cteDef) visibleAt(at int) bool {
	return at < d.scopeEnd && (at > d.bodyClose || d.recursive && at > d.withTok)
}
