package pgsql

import "strconv"

// Expanding * in a select list. PostgreSQL replaces * by the columns of the FROM items in
// order (t.* by those of t). flis can name them only where the statement itself defines
// them: CTEs, derived tables, VALUES, functions with a column definition list or a known
// output. A * over a table or a model covers columns this text does not show; then the
// analysis says Star and names no columns at all, since a partial list would be wrong.

// maxStarDepth bounds the queries named inside one another (scan.nest counts them), so a
// CTE that selects * from itself, invalid as it is, cannot recurse without end.
const maxStarDepth = 16

// rowType is the columns of a query, a FROM item or a join; known is false when some of
// them come from a relation the statement cannot see into.
type rowType struct {
	cols  []string
	known bool
}

var unknownRow = rowType{}

// rename applies a column alias list: the first len(names) columns take the new names.
func (r rowType) rename(names []string) rowType {
	if len(names) == 0 || !r.known {
		return r
	}
	if len(names) > len(r.cols) {
		return unknownRow // an error in PostgreSQL; name nothing
	}
	out := append([]string(nil), r.cols...)
	copy(out, names)
	return rowType{cols: out, known: true}
}

// fromScope is what a FROM clause offers a star: every column in order, for *, and each
// item under the name a qualified star uses, for t.*.
type fromScope struct {
	all   rowType
	named []namedRow
}

type namedRow struct {
	name string
	row  rowType
}

func (f fromScope) lookup(name string) rowType {
	for k := len(f.named) - 1; k >= 0; k-- {
		if f.named[k].name == name {
			return f.named[k].row
		}
	}
	return unknownRow
}

// queryColumns names the output columns of the query at i (parentheses and a WITH clause
// are skipped).
func (s *scan) queryColumns(i int) rowType {
	if s.nest >= maxStarDepth {
		return unknownRow
	}
	s.nest++
	defer func() { s.nest-- }()
	i = s.queryStart(i)
	switch {
	case s.word(i, "select"):
		cols, unknown := s.selectList(i)
		if unknown {
			return unknownRow
		}
		r := rowType{cols: make([]string, len(cols)), known: true}
		for k, c := range cols {
			r.cols[k] = c.Name
		}
		return r
	case s.word(i, "values"):
		if !s.punct(i+1, "(") {
			return unknownRow
		}
		return valuesRow(len(s.items(i+2, s.match[i+1])))
	case s.word(i, "table"):
		k := i + 1
		if s.word(k, "only") {
			k++
		}
		_, r, _ := s.tableRow(k)
		return r
	}
	return unknownRow
}

func valuesRow(n int) rowType {
	r := rowType{cols: make([]string, n), known: true}
	for k := range r.cols {
		r.cols[k] = "column" + strconv.Itoa(k+1)
	}
	return r
}

// tableRow reads the possibly-qualified relation name at i and returns where it ends, its
// columns (known only for a CTE) and the name a qualified star uses for it.
func (s *scan) tableRow(i int) (int, rowType, string) {
	j := i + 1
	for s.punct(j, ".") && s.name(j+1) {
		j += 2
	}
	name := s.toks[j-1].Name()
	if j == i+1 {
		if d := s.visibleCTE(name, i); d != nil {
			return j, s.cteRow(d), name
		}
	}
	return j, unknownRow, name
}

// visibleCTE returns the CTE a bare name at token at refers to, the innermost when
// several are visible; nil when none is.
func (s *scan) visibleCTE(name string, at int) *cteDef {
	var best *cteDef
	for k := range s.ctes {
		d := &s.ctes[k]
		if d.name != name || !d.visibleAt(at) {
			continue
		}
		if best == nil || d.nameTok > best.nameTok {
			best = d
		}
	}
	return best
}

func (s *scan) cteRow(d *cteDef) rowType {
	r := s.queryColumns(d.bodyOpen + 1)
	if d.colsOpen >= 0 {
		r = r.rename(s.nameList(d.colsOpen))
	}
	if !r.known || len(d.added) == 0 {
		return r
	}
	return rowType{cols: append(append([]string(nil), r.cols...), d.added...), known: true}
}

// nameList reads "(a, b, c)" at open; nil when an item is not a single name.
func (s *scan) nameList(open int) []string {
	var out []string
	for _, it := range s.items(open+1, s.match[open]) {
		if it[1]-it[0] != 1 || !s.toks[it[0]].isName() {
			return nil
		}
		out = append(out, s.toks[it[0]].Name())
	}
	return out
}

// selectFrom reads the FROM clause that starts at from (the FROM keyword), if any.
func (s *scan) selectFrom(from int) fromScope {
	if !s.word(from, "from") {
		return fromScope{} // SELECT * without FROM is an error in PostgreSQL
	}
	end := from + 1
	for end < len(s.toks) {
		t := s.toks[end]
		if t.Kind == Punct && (t.Text == ")" || t.Text == "]") || t.isWord() && clauseEnd[lowerASCII(t.Text)] {
			break
		}
		if t.Kind == Punct && (t.Text == "(" || t.Text == "[") {
			end = s.match[end]
		}
		end++
	}
	return s.fromList(from+1, end)
}

// fromList reads the FROM items in [i, end), separated by commas.
func (s *scan) fromList(i, end int) fromScope {
	sc := fromScope{all: rowType{known: true}}
	for i < end {
		var it fromScope
		i, it = s.fromJoin(i, end)
		sc.all = concatRows(sc.all, it.all)
		sc.named = append(sc.named, it.named...)
		if !s.punct(i, ",") {
			break
		}
		i++
	}
	if i < end {
		sc.all = unknownRow // something this reading does not understand
	}
	return sc
}

func concatRows(a, b rowType) rowType {
	if !a.known || !b.known {
		return unknownRow
	}
	return rowType{cols: append(append([]string(nil), a.cols...), b.cols...), known: true}
}

var joinWords = wordSet(`natural inner left right full cross outer`)

// joinAt reports whether a join starts at k: JOIN, or join-type words followed by JOIN.
func (s *scan) joinAt(k, end int) bool {
	m := k
	for m < end && s.toks[m].isWord() && joinWords[lowerASCII(s.toks[m].Text)] {
		m++
	}
	return s.word(m, "join")
}

// fromJoin reads one FROM item with the joins that follow it.
func (s *scan) fromJoin(i, end int) (int, fromScope) {
	i, left := s.fromPrimary(i, end)
	for i < end && s.joinAt(i, end) {
		natural := s.word(i, "natural")
		for !s.word(i, "join") {
			i++
		}
		var right fromScope
		i, right = s.fromPrimary(i+1, end)
		var using []string
		switch {
		case s.word(i, "on"):
			i++
			for i < end && !s.punct(i, ",") && !s.joinAt(i, end) {
				if s.punct(i, "(") || s.punct(i, "[") {
					i = s.match[i]
				}
				i++
			}
		case s.word(i, "using") && s.punct(i+1, "("):
			using = s.nameList(i + 1)
			if using == nil {
				return end, fromScope{}
			}
			i = s.match[i+1] + 1
			if s.word(i, "as") && s.name(i+1) { // USING (a) AS j: j.* is the join columns
				left.named = append(left.named, namedRow{s.toks[i+1].Name(), rowType{cols: using, known: true}})
				i += 2
			}
		}
		if natural && left.all.known && right.all.known {
			using = using[:0]
			for _, c := range left.all.cols {
				if contains(right.all.cols, c) {
					using = append(using, c)
				}
			}
		}
		left.all = joinRows(left.all, right.all, using)
		left.named = append(left.named, right.named...)
	}
	return i, left
}

// joinRows is the * of a join: the USING (or NATURAL) columns once, then the others of
// each side.
func joinRows(l, r rowType, using []string) rowType {
	if !l.known || !r.known {
		return unknownRow
	}
	out := append([]string(nil), using...)
	for _, side := range [][]string{l.cols, r.cols} {
		for _, c := range side {
			if !contains(using, c) {
				out = append(out, c)
			}
		}
	}
	return rowType{cols: out, known: true}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
