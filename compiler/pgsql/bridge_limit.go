package pgsql

// PostgreSQL's row-limiting clauses come in any order and spelling: LIMIT n | LIMIT ALL,
// OFFSET n [ROW|ROWS], FETCH {FIRST|NEXT} [n] {ROW|ROWS} {ONLY|WITH TIES}. TiDB takes only
// LIMIT n [OFFSET m] with constant n and m. The bridge replaces the whole group by that
// form; an expression with a subquery (LIMIT (SELECT count(*) FROM t)) is moved to the end
// of the select list of its query, so its tables stay in the tree.

// limitGroup is one run of limiting clauses, tokens [start, end), and the TiDB text for it.
type limitGroup struct {
	start, end int
	text       string
}

// limitWords end a LIMIT, OFFSET or FETCH expression at its own level.
var limitWords = wordSet(`limit offset fetch for row rows only with union intersect except`)

// limitExprEnd returns the index after the expression at k.
func (b *bridger) limitExprEnd(k int) int {
	for k < len(b.toks) {
		t := b.toks[k]
		if t.Kind == Punct && (t.Text == ")" || t.Text == "]" || t.Text == ",") || t.isWord() && limitWords[lowerASCII(t.Text)] {
			break
		}
		if t.Kind == Punct && (t.Text == "(" || t.Text == "[") {
			k = b.match[k]
		}
		k++
	}
	return k
}

// limits finds every group of limiting clauses before the bridge runs, so that subqueries
// in them can be moved into a select list that comes earlier in the text.
func (b *bridger) limits() {
	for i := 0; i < len(b.toks); i++ {
		t := b.toks[i]
		if t.Kind != Keyword || !(t.is("limit") || t.is("offset") || t.is("fetch") && (b.word(i+1, "first") || b.word(i+1, "next"))) {
			continue
		}
		g, exprs := b.limitGroup(i)
		i = g.end - 1
		at := -1
		var moved [][2]int
		for _, e := range exprs {
			if b.containsWord(e[0], e[1], "select") {
				if at < 0 {
					at = b.selectListEndBefore(g.start)
				}
				moved = append(moved, e)
			}
		}
		if moved != nil && at < 0 {
			continue // left as it is: TiDB fails and the token fallback reads it
		}
		if moved != nil {
			if b.hoist == nil {
				b.hoist = map[int][][2]int{}
			}
			b.hoist[at] = append(b.hoist[at], moved...)
		}
		if b.limitAt == nil {
			b.limitAt = map[int]limitGroup{}
		}
		b.limitAt[g.start] = g
	}
}

// limitGroup reads the limiting clauses from i.
func (b *bridger) limitGroup(i int) (limitGroup, [][2]int) {
	var exprs [][2]int
	limit, offset := "", ""
	value := func(from, to int) string {
		exprs = append(exprs, [2]int{from, to})
		if to == from+1 && b.toks[from].Kind == Number {
			return b.toks[from].Text
		}
		return "1"
	}
	k := i
	for k < len(b.toks) {
		switch {
		case b.word(k, "limit"):
			k++
			if b.word(k, "all") {
				k++
				continue
			}
			e := b.limitExprEnd(k)
			limit = value(k, e)
			k = e
		case b.word(k, "offset"):
			e := b.limitExprEnd(k + 1)
			offset = value(k+1, e)
			k = e
			if b.word(k, "row") || b.word(k, "rows") {
				k++
			}
		case b.word(k, "fetch") && (b.word(k+1, "first") || b.word(k+1, "next")):
			k += 2
			limit = "1"
			if !b.word(k, "row") && !b.word(k, "rows") {
				e := b.limitExprEnd(k)
				limit = value(k, e)
				k = e
			}
			if b.word(k, "row") || b.word(k, "rows") {
				k++
			}
			if b.word(k, "only") {
				k++
			} else if b.word(k, "with") && b.word(k+1, "ties") {
				k += 2
			}
		default:
			return b.limitText(i, k, limit, offset), exprs
		}
	}
	return b.limitText(i, k, limit, offset), exprs
}

func (b *bridger) limitText(start, end int, limit, offset string) limitGroup {
	g := limitGroup{start: start, end: end}
	switch {
	case offset != "":
		if limit == "" {
			limit = "1"
		}
		g.text = "LIMIT " + limit + " OFFSET " + offset
	case limit != "":
		g.text = "LIMIT " + limit
	}
	return g
}

// emitLimit replaces the group of limiting clauses at i by its TiDB form.
func (b *bridger) emitLimit(i int) bool {
	g, ok := b.limitAt[i]
	if !ok {
		return false
	}
	b.skipRange(i+1, g.end)
	if g.text != "" {
		b.emit(g.text, b.toks[i].Off, false)
	}
	return true
}

// selectListEndBefore finds the SELECT of the query that the clause at i belongs to and
// returns the index just after its select list, or -1.
func (b *bridger) selectListEndBefore(i int) int {
	depth := 0
	for k := i - 1; k >= 0; k-- {
		switch {
		case b.punct(k, ")") || b.punct(k, "]"):
			depth++
		case b.punct(k, "(") || b.punct(k, "["):
			if depth == 0 {
				return -1
			}
			depth--
		case depth == 0 && b.toks[k].is("select"):
			return b.selectListEnd(k)
		}
	}
	return -1
}
