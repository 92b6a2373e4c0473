package pgsql

// Output column names follow PostgreSQL's FigureColname (parse_target.c): an alias wins; a
// column reference gives its last part; a function call its name; a cast the name of what
// it casts or, when that has no name, the type; CASE the name of its ELSE or "case"; other
// expressions "?column?". The strength says how good a name is: 2 from a column or
// function, 1 from a type or CASE, 0 none, -1 unknown (a subquery's column behind a *).

const noName = "?column?"

// sqlValueFuncs are keyword functions named by themselves.
var sqlValueFuncs = wordSet(`current_date current_time current_timestamp localtime localtimestamp
current_user session_user user current_role current_catalog current_schema`)

// typeNames maps SQL-standard type spellings to the names PostgreSQL gives them.
var typeNames = map[string]string{
	"int": "int4", "integer": "int4", "smallint": "int2", "bigint": "int8", "real": "float4",
	"float": "float8", "double": "float8", "decimal": "numeric", "dec": "numeric",
	"boolean": "bool", "char": "bpchar", "character": "bpchar", "nchar": "bpchar",
}

// columns names the main query's output columns. unknown reports that some of them cannot
// be named from this text (a * over a table, say); then no columns are returned.
func columns(s *scan) (cols []Column, unknown bool) {
	i := s.body
	switch {
	case s.toks[i].is("select"):
		cols, unknown = s.selectList(i)
	case s.toks[i].is("values"), s.toks[i].is("table"):
		r := s.queryColumns(i)
		if !r.known {
			return nil, true
		}
		for _, name := range r.cols {
			cols = append(cols, Column{Name: name, Off: s.toks[i].Off})
		}
		if s.toks[i].is("values") { // each column at its item in the first row
			for k, it := range s.items(i+2, s.match[i+1]) {
				cols[k].Off = s.toks[it[0]].Off
			}
		}
	}
	if unknown {
		return nil, true
	}
	return cols, false
}

// selectEnd are the words that end a select list at its own level.
var selectEnd = wordSet(`from into where group having window order limit offset fetch union intersect except for`)

// selectList names the items of the select list after the SELECT at i, expanding * where
// the FROM clause defines the columns. unknown reports a name it cannot give.
func (s *scan) selectList(i int) (cols []Column, unknown bool) {
	i++
	if s.word(i, "all") {
		i++
	} else if s.word(i, "distinct") {
		i++
		if s.word(i, "on") && s.punct(i+1, "(") {
			i = s.match[i+1] + 1
		}
	}
	end := s.selectListEnd(i)
	var from *fromScope
	for _, it := range s.items(i, end) {
		a, b := it[0], it[1]
		if b-a == 1 && s.toks[a].Text == "*" || b-a >= 3 && s.toks[b-1].Text == "*" && s.toks[b-2].Text == "." {
			if from == nil {
				sc := s.selectFrom(end)
				from = &sc
			}
			r := from.all
			if b-a > 1 {
				r = unknownRow // (composite).*, or t.* of an outer query
				if q := s.toks[b-3]; q.isName() {
					r = from.lookup(q.Name())
				}
			}
			if !r.known {
				unknown = true
				continue
			}
			for _, name := range r.cols {
				cols = append(cols, Column{Name: name, Off: s.toks[a].Off})
			}
			continue
		}
		name, ok := s.itemName(a, b)
		unknown = unknown || !ok
		cols = append(cols, Column{Name: name, Off: s.toks[a].Off})
	}
	return cols, unknown
}

// selectListEnd returns the index after the select list that starts at i.
func (s *scan) selectListEnd(i int) int {
	end := i
	for end < len(s.toks) {
		t := s.toks[end]
		if t.Kind == Punct && (t.Text == ")" || t.Text == "]") || t.isWord() && selectEnd[lowerASCII(t.Text)] && !(t.is("group") && s.word(end-1, "within")) {
			break
		}
		if t.Kind == Punct && (t.Text == "(" || t.Text == "[") {
			end = s.match[end]
		}
		end++
	}
	return end
}

// items splits [from, to) at commas of its own level.
func (s *scan) items(from, to int) [][2]int {
	var out [][2]int
	start := from
	for k := from; k < to; k++ {
		t := s.toks[k]
		if t.Kind == Punct && (t.Text == "(" || t.Text == "[") {
			k = s.match[k]
		} else if t.Kind == Punct && t.Text == "," {
			out = append(out, [2]int{start, k})
			start = k + 1
		}
	}
	if start < to {
		out = append(out, [2]int{start, to})
	}
	return out
}

// itemName names one select-list item [a, b); ok is false when the name depends on
// columns this text does not show (a scalar subquery over SELECT * FROM a table).
func (s *scan) itemName(a, b int) (name string, ok bool) {
	next, name, strength := s.expr(a, b)
	if next < b {
		if s.toks[next].is("as") && next+1 < b {
			return s.toks[next+1].Name(), true
		}
		if s.toks[next].isWord() || s.toks[next].Kind == QuotedIdent {
			return s.toks[next].Name(), true
		}
	}
	if strength < 0 {
		return "", false
	}
	if strength == 0 || name == "" {
		return noName, true
	}
	return name, true
}

// binWords are words that continue an expression as an operator.
var binWords = wordSet(`and or is isnull notnull not in like ilike similar between escape overlaps at collate`)

// expr reads an expression from i (up to end) and returns where it stops and its name.
func (s *scan) expr(i, end int) (int, string, int) {
	j, name, strength := s.primary(i, end)
	ops, atZone := 0, 0
	for j < end {
		t := s.toks[j]
		switch {
		case t.Kind == Op:
			ops++
			j, _, _ = s.primary(j+1, end)
		case t.is("at") && s.word(j+1, "time") && s.word(j+2, "zone"):
			ops++
			atZone++
			j, _, _ = s.primary(j+3, end)
		case t.is("operator") && s.operatorSyntax(j+1):
			ops++ // a OPERATOR(schema.op) b
			j, _, _ = s.primary(s.match[j+1]+1, end)
		case t.is("collate"):
			j = s.nameEndTok(j + 1)
		case t.is("isnull") || t.is("notnull"):
			ops++
			j++
		case t.is("is"):
			ops++
			j++
			if s.word(j, "not") {
				j++
			}
			if s.word(j, "distinct") && s.word(j+1, "from") {
				j, _, _ = s.primary(j+2, end)
			} else {
				j++ // NULL, TRUE, FALSE, UNKNOWN, DOCUMENT, NORMALIZED
			}
		case t.is("similar") && s.word(j+1, "to"):
			ops++
			j, _, _ = s.primary(j+2, end)
		case t.isWord() && binWords[lowerASCII(t.Text)]:
			ops++
			j++
			if s.word(j, "symmetric") || s.word(j, "asymmetric") {
				j++
			}
			if j < end && s.toks[j].isWord() && binWords[lowerASCII(s.toks[j].Text)] && !s.toks[j].is("at") {
				continue // NOT IN, NOT LIKE, ...
			}
			j, _, _ = s.primary(j, end)
		default:
			goto done
		}
	}
done:
	if ops == 0 {
		return j, name, strength
	}
	if ops == atZone {
		return j, "timezone", 2
	}
	return j, noName, 0
}

func (s *scan) nameEndTok(j int) int {
	j++
	for s.punct(j, ".") && j+1 < len(s.toks) {
		j += 2
	}
	return j
}

// operatorSyntax reports whether the parenthesis at open holds an operator name as in
// OPERATOR(pg_catalog.+): its last token is an operator. (A function named "operator"
// would have an expression there.)
func (s *scan) operatorSyntax(open int) bool {
	if !s.punct(open, "(") {
		return false
	}
	close := s.match[open]
	return close > open+1 && s.toks[close-1].Kind == Op
}
