package pgsql

// Word rewrites of the bridge: PostgreSQL syntax spelled with words that TiDB reads
// differently or not at all.

// exprWords are non-reserved words that an expression (possibly a string) follows, so they
// cannot be the type of a typed literal.
var exprWords = wordSet(`between escape uescape zone symmetric asymmetric preceding following by`)

var intervalUnits = wordSet(`year month day hour minute second`)

// plainAggregates take DISTINCT in TiDB; for other functions DISTINCT is dropped.
var plainAggregates = wordSet(`count sum avg min max group_concat`)

func (b *bridger) wordTok(i int) {
	t := b.toks[i]
	w := lowerASCII(t.Text)
	next := func(k int, word string) bool { return b.word(i+k, word) }
	switch w {
	case "array":
		if b.punct(i+1, "[") {
			b.arrayCtor(i + 1)
		}
		return // ARRAY(SELECT ...) keeps the subquery
	case "full":
		if next(1, "join") || next(1, "outer") && next(2, "join") {
			b.emit("LEFT", t.Off, false) // same tables, and TiDB reads FULL as an alias
			return
		}
	case "similar":
		if next(1, "to") {
			b.skip[i+1] = true
			b.emit("LIKE", t.Off, false)
			return
		}
	case "isnull":
		b.emit("IS NULL", t.Off, false)
		return
	case "notnull":
		b.emit("IS NOT NULL", t.Off, false)
		return
	case "is":
		k := i + 1
		if b.word(k, "not") {
			k++
		}
		if b.word(k, "distinct") && b.word(k+1, "from") {
			b.skipRange(i+1, k+2)
			b.emit("<=>", t.Off, false)
			return
		}
	case "distinct":
		if b.groupByQuantifier(i) {
			return
		}
		if next(1, "on") && b.punct(i+2, "(") {
			b.skipRange(i+1, b.match[i+2]+1)
		} else if i > 0 && b.punct(i-1, "(") && i > 1 && !plainAggregates[lowerASCII(b.toks[i-2].Text)] {
			return // string_agg(DISTINCT ...): TiDB takes DISTINCT only in its own aggregates
		}
	case "nulls":
		if next(1, "first") || next(1, "last") {
			b.skip[i+1] = true
			return
		}
	case "filter":
		if b.punct(i+1, "(") && b.word(i+2, "where") && i > 0 && b.punct(i-1, ")") {
			close := b.match[i+1]
			if b.containsWord(i+2, close, "select") {
				// Keep a subquery of the filter visible: "+ (cond)".
				b.skip[i+2] = true
				b.emit("+", t.Off, false)
				return
			}
			b.skipRange(i, close+1)
			return
		}
	case "within":
		if next(1, "group") && b.punct(i+2, "(") {
			b.skipRange(i, b.match[i+2]+1)
			return
		}
	case "at":
		if next(1, "time") && next(2, "zone") {
			b.skipRange(i+1, i+3)
			b.emit("+", t.Off, false)
			return
		}
	case "operator":
		if b.operatorSyntax(i + 1) {
			// OPERATOR(schema.op): an operator like any other unknown one.
			b.skipRange(i+1, b.match[i+1]+1)
			if b.endsExpr(i - 1) {
				b.emit("+", t.Off, false)
			} else {
				b.emit("-", t.Off, false)
			}
			return
		}
	case "overlaps":
		b.emit("=", t.Off, false)
		return
	case "symmetric", "asymmetric":
		if i > 0 && b.toks[i-1].is("between") {
			return
		}
	case "overlay":
		if b.punct(i+1, "(") {
			b.overlay(i + 1)
		}
	case "groups":
		if next(1, "between") || next(1, "unbounded") || next(1, "current") {
			b.emit("ROWS", t.Off, false)
			return
		}
	case "exclude":
		if next(1, "current") && next(2, "row") || next(1, "no") && next(2, "others") {
			b.skipRange(i, i+3)
			return
		}
		if next(1, "group") || next(1, "ties") {
			b.skip[i+1] = true
			return
		}
	case "using":
		if i+1 < len(b.toks) && b.toks[i+1].Kind == Op {
			b.skip[i+1] = true // ORDER BY x USING >
			return
		}
		if b.punct(i+1, "(") && b.word(b.match[i+1]+1, "as") {
			close := b.match[i+1]
			b.skipRange(close+1, close+3) // JOIN ... USING (a) AS j
		}
	case "interval", "date", "time", "timestamp", "timestamptz":
		if b.typedLiteral(i) {
			return
		}
	case "extract":
		// EXTRACT(epoch FROM x): TiDB knows only MySQL units.
		if b.punct(i+1, "(") && b.word(i+3, "from") {
			b.replace[i+2] = "DAY"
		}
	case "cast":
		if b.punct(i+1, "(") {
			b.castType(i+1, b.match[i+1])
		}
	case "any", "some", "all":
		if b.groupByQuantifier(i) {
			return
		}
		if b.punct(i+1, "(") && !b.word(i+2, "select") && !b.word(i+2, "with") && !b.word(i+2, "values") {
			return // x = ANY(array) is a comparison with an array, not a subquery
		}
	case "order":
		if n := len(b.parens); n > 0 && b.isCallParen(b.parens[n-1]) {
			// string_agg(x, ',' ORDER BY y): TiDB has no ORDER BY in function arguments.
			b.skipRange(i, b.match[b.parens[n-1]])
			return
		}
	case "grouping":
		if next(1, "sets") {
			b.skip[i+1] = true
			return
		}
	case "rollup", "cube":
		if b.punct(i+1, "(") {
			return
		}
	case "fetch", "offset", "limit":
		if b.emitLimit(i) {
			return
		}
	case "select":
		if isCloser(b.toks, i+1) {
			b.emit("SELECT 1", t.Off, false) // SELECT FROM t: no columns, which TiDB lacks
			return
		}
	case "tablesample":
		if end := b.tablesampleEnd(i); !b.containsWord(i, end, "select") {
			b.skipRange(i, end) // the sample changes no table
			return
		}
	case "like", "ilike":
		if (next(1, "any") || next(1, "some") || next(1, "all")) && b.punct(i+2, "(") && b.subqueryParen(i+3) {
			b.emit("=", t.Off, false) // LIKE ANY (SELECT ...): TiDB has only = ANY
			return
		}
		if w == "ilike" {
			b.emit("LIKE", t.Off, false)
			return
		}
	case "not":
		if (next(1, "like") || next(1, "ilike")) && (next(2, "any") || next(2, "some") || next(2, "all")) && b.punct(i+3, "(") && b.subqueryParen(i+4) {
			return
		}
	case "collate":
		end := b.nameEnd(i + 1)
		b.skipRange(i+1, end)
		b.emit("COLLATE binary", t.Off, false)
		return
	case "values":
		b.values(i)
		return
	case "table":
		if b.name(i+1) || b.word(i+1, "only") {
			b.emit("SELECT * FROM", t.Off, false)
			return
		}
	}
	if t.Kind == Ident && i+1 < len(b.toks) && (b.toks[i+1].Kind == String || b.toks[i+1].Kind == Var) && !exprWords[w] {
		return // a typed literal such as numeric '1.5': the string alone parses
	}
	if t.Kind == Keyword {
		b.emit(t.Text, t.Off, true)
		return
	}
	if b.word(i-1, "as") && (tidbKeywords[w] || tidbUnlisted[w]) {
		// An alias that TiDB would read as a keyword: AS interval, AS schema.
		b.emitQuoted(w, t.Off)
		return
	}
	if b.punct(i+1, "(") {
		b.call(i, w)
		return
	}
	if needsQuoteForTiDB(w) && !b.punct(i+1, "(") {
		b.emitQuoted(w, t.Off)
		return
	}
	b.emit(w, t.Off, w == t.Text)
}

// call emits the name of a function call. TiDB takes OVER only after its own aggregates
// and window functions, so any other windowed call f(a, b) OVER w becomes max((a, b)) OVER w;
// a function named like a TiDB keyword is quoted.
func (b *bridger) call(i int, w string) {
	t := b.toks[i]
	open := i + 1
	close := b.match[open]
	k := close + 1
	if b.word(k, "filter") && b.punct(k+1, "(") {
		k = b.match[k+1] + 1
	}
	if b.word(k, "over") && !windowFuncs[w] {
		b.emit("max", t.Off, false)
		b.replace[open], b.replace[close] = "((", "))"
		if close == open+1 {
			b.replace[open], b.replace[close] = "(1", ")"
		}
		return
	}
	if tidbKeywords[w] && !tidbFuncs[w] && !keepBare[w] {
		b.emitQuoted(w, t.Off)
		return
	}
	b.emit(w, t.Off, w == t.Text)
}

// overlay rewrites OVERLAY(a PLACING b FROM c FOR d) to a plain argument list.
func (b *bridger) overlay(open int) {
	depth := 0
	for k := open + 1; k < b.match[open]; k++ {
		switch {
		case b.punct(k, "(") || b.punct(k, "["):
			depth++
		case b.punct(k, ")") || b.punct(k, "]"):
			depth--
		case depth == 0 && (b.word(k, "placing") || b.word(k, "from") || b.word(k, "for")):
			b.replace[k] = ","
		}
	}
}

func (b *bridger) containsWord(from, to int, w string) bool {
	for k := from; k < to; k++ {
		if b.toks[k].is(w) {
			return true
		}
	}
	return false
}

// isCallParen reports whether the paren at o opens a function call's arguments.
func (b *bridger) isCallParen(o int) bool {
	if o == 0 {
		return false
	}
	p := b.toks[o-1]
	return p.isName() && !p.is("over") && !p.is("as") && !b.word(o+1, "select") && !b.word(o+1, "with")
}

// arrayCtor rewrites ARRAY[a, [b]] to (a, (b)): a row expression TiDB reads.
func (b *bridger) arrayCtor(open int) {
	close := b.match[open]
	b.replace[open], b.replace[close] = "(", ")"
	if close == open+1 {
		b.replace[open] = "(NULL"
	}
	for k := open + 1; k < close; k++ {
		if b.punct(k, "[") && (b.punct(k-1, "[") || b.punct(k-1, ",")) {
			b.arrayCtor(k)
			k = b.match[k]
		} else if b.toks[k].Kind == Punct && (b.toks[k].Text == "(" || b.toks[k].Text == "[") {
			k = b.match[k]
		}
	}
}

// typedLiteral handles type 'string' (date '2024-01-01', interval '1 month', timestamp with
// time zone '...'): the string alone stays.
func (b *bridger) typedLiteral(i int) bool {
	k := i + 1
	if b.punct(k, "(") {
		k = b.match[k] + 1
	}
	if (b.word(k, "with") || b.word(k, "without")) && b.word(k+1, "time") && b.word(k+2, "zone") {
		k += 3
	}
	if k < len(b.toks) && (b.toks[k].Kind == String || b.toks[k].Kind == Var) {
		b.skipRange(i+1, k)
		if b.word(k+1, "preceding") || b.word(k+1, "following") {
			// A window frame offset: TiDB wants INTERVAL n unit there.
			b.replace[k] = "INTERVAL 1 DAY"
		}
		return true
	}
	return false
}

// intervalUnit drops the SQL-standard unit after an interval string: '1' MONTH, '1-2' YEAR
// TO MONTH.
func (b *bridger) intervalUnit(j int) {
	if j < 2 || !b.toks[j-2].is("interval") {
		return
	}
	if j < len(b.toks) && b.toks[j].isWord() && intervalUnits[lowerASCII(b.toks[j].Text)] {
		b.skip[j] = true
		if b.word(j+1, "to") && j+2 < len(b.toks) {
			b.skipRange(j+1, j+3)
		}
	}
}

// castType replaces the type of CAST(x AS type) by CHAR, a type TiDB accepts.
func (b *bridger) castType(open, close int) {
	depth := 0
	as := -1
	for k := open + 1; k < close; k++ {
		switch {
		case b.toks[k].Kind == Punct && (b.toks[k].Text == "(" || b.toks[k].Text == "["):
			depth++
		case b.toks[k].Kind == Punct && (b.toks[k].Text == ")" || b.toks[k].Text == "]"):
			depth--
		case depth == 0 && b.toks[k].is("as"):
			as = k
		}
	}
	if as < 0 || as+1 >= close {
		return
	}
	b.replace[as+1] = "CHAR"
	b.skipRange(as+2, close)
}

// typeEnd returns the index after the type name starting at j (after ::).
func (b *bridger) typeEnd(j int) int {
	if j >= len(b.toks) || !(b.toks[j].isWord() || b.toks[j].Kind == QuotedIdent) {
		return j
	}
	first := lowerASCII(b.toks[j].Text)
	j = b.nameEnd(j)
	switch first {
	case "double":
		if b.word(j, "precision") {
			j++
		}
	case "character", "char", "bit", "national":
		if b.word(j, "character") {
			j++
		}
		if b.word(j, "varying") {
			j++
		}
	case "timestamp", "time":
		if b.punct(j, "(") {
			j = b.match[j] + 1
		}
		if (b.word(j, "with") || b.word(j, "without")) && b.word(j+1, "time") && b.word(j+2, "zone") {
			j += 3
		}
	case "interval":
		for j < len(b.toks) && (b.toks[j].isWord() && intervalUnits[lowerASCII(b.toks[j].Text)] || b.word(j, "to")) {
			j++
		}
	}
	if b.punct(j, "(") {
		j = b.match[j] + 1
	}
	for b.punct(j, "[") {
		j = b.match[j] + 1
	}
	return j
}

// nameEnd returns the index after the possibly-qualified name starting at j.
func (b *bridger) nameEnd(j int) int {
	if j >= len(b.toks) {
		return j
	}
	j++
	for b.punct(j, ".") && j+1 < len(b.toks) && (b.toks[j+1].isWord() || b.toks[j+1].Kind == QuotedIdent) {
		j += 2
	}
	return j
}

// values rewrites VALUES (a, b), (c, d) to SELECT a, b UNION ALL SELECT c, d, keeping any
// subquery in the rows.
func (b *bridger) values(i int) {
	b.emit("SELECT", b.toks[i].Off, false)
	k := i + 1
	for b.punct(k, "(") {
		close := b.match[k]
		b.skip[k], b.skip[close] = true, true
		if !b.punct(close+1, ",") || !b.punct(close+2, "(") {
			return
		}
		b.replace[close+1] = "UNION ALL SELECT"
		k = close + 2
	}
}

// groupByQuantifier reports whether token i is the DISTINCT or ALL of GROUP BY DISTINCT,
// which TiDB lacks and which groups the same tables.
func (b *bridger) groupByQuantifier(i int) bool {
	return b.word(i-1, "by") && b.word(i-2, "group")
}
