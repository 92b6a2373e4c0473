package pgsql

// The columns of one FROM item, for expanding *: a table (known when it names a CTE), a
// derived table, a parenthesised join, a function or ROWS FROM (...), each with its
// optional WITH ORDINALITY, TABLESAMPLE and alias.

// scalarSetFuncs return a base type: their one column is named by the table alias, or by
// the function when there is none (or when ROWS FROM holds several functions).
var scalarSetFuncs = wordSet(`generate_series generate_subscripts unnest regexp_split_to_table
string_to_table regexp_matches json_object_keys jsonb_object_keys jsonb_path_query`)

// namedOutFuncs have named output columns, whatever the alias.
var namedOutFuncs = map[string][]string{
	"json_array_elements": {"value"}, "jsonb_array_elements": {"value"},
	"json_array_elements_text": {"value"}, "jsonb_array_elements_text": {"value"},
	"json_each": {"key", "value"}, "jsonb_each": {"key", "value"},
	"json_each_text": {"key", "value"}, "jsonb_each_text": {"key", "value"},
}

// tableAlias is an alias read after a FROM item: [AS] name [(a, b)], or a column
// definition list (a int, b text), with or without a name before it.
type tableAlias struct {
	name    string
	cols    []string // the column aliases or the defined columns' names
	coldefs bool     // cols came from a column definition list
}

// fromPrimary reads one FROM item without its joins.
func (s *scan) fromPrimary(i, end int) (int, fromScope) {
	if s.word(i, "lateral") {
		i++
	}
	if s.word(i, "only") {
		i++
	}
	var row rowType
	name := ""
	var funcs [][2]int // for functions: the name token and the open paren of each call
	switch {
	case i >= end:
		return end, fromScope{}
	case s.punct(i, "("):
		close := s.match[i]
		if !s.derivedParen(i) {
			// A join in parentheses; an alias hides the names inside it.
			inner := s.fromList(i+1, close)
			next, a := s.tableAlias(close + 1)
			if a.name == "" {
				return next, inner
			}
			row = inner.all.rename(a.cols)
			return next, fromScope{all: row, named: []namedRow{{a.name, row}}}
		}
		row = s.queryColumns(i + 1)
		i = close + 1
	case s.word(i, "rows") && s.word(i+1, "from") && s.punct(i+2, "("):
		close := s.match[i+2]
		for _, it := range s.items(i+3, close) {
			if s.name(it[0]) {
				k := s.nameEndTok(it[0])
				if s.punct(k, "(") {
					funcs = append(funcs, [2]int{k - 1, k})
					continue
				}
			}
			funcs = nil
			break
		}
		if funcs == nil {
			return end, fromScope{}
		}
		i = close + 1
	case s.name(i):
		k := s.nameEndTok(i)
		if s.punct(k, "(") {
			funcs = [][2]int{{k - 1, k}}
			i = s.match[k] + 1
			break
		}
		i, row, name = s.tableRow(i)
		if i < len(s.toks) && s.toks[i].Kind == Op && s.toks[i].Text == "*" {
			i++
		}
	default:
		return end, fromScope{}
	}
	ordinality := false
	if funcs != nil && s.word(i, "with") && s.word(i+1, "ordinality") {
		ordinality = true
		i += 2
	}
	if s.word(i, "tablesample") {
		i = s.tablesampleEnd(i)
	}
	i, a := s.tableAlias(i)
	if a.name != "" {
		name = a.name
	}
	if funcs != nil {
		row = s.funcRow(funcs, a, ordinality)
		if name == "" && len(funcs) == 1 {
			name = s.toks[funcs[0][0]].Name()
		}
	} else {
		row = row.rename(a.cols)
	}
	sc := fromScope{all: row}
	if name != "" {
		sc.named = []namedRow{{name, row}}
	}
	return i, sc
}

// funcRow names the columns of a function (or ROWS FROM list) in FROM.
func (s *scan) funcRow(funcs [][2]int, a tableAlias, ordinality bool) rowType {
	if a.coldefs {
		if len(funcs) != 1 {
			return unknownRow
		}
		r := rowType{cols: a.cols, known: true}
		if ordinality {
			r.cols = append(append([]string(nil), a.cols...), "ordinality")
		}
		return r
	}
	r := rowType{known: true}
	for _, f := range funcs {
		open := f[1]
		fn := s.toks[f[0]].Name()
		close := s.match[open]
		switch {
		case s.word(close+1, "as") && s.punct(close+2, "("):
			// ROWS FROM (f() AS (a int, b text)): the column definition list names them.
			for _, it := range s.items(close+3, s.match[close+2]) {
				r.cols = append(r.cols, s.toks[it[0]].Name())
			}
		case namedOutFuncs[fn] != nil:
			r.cols = append(r.cols, namedOutFuncs[fn]...)
		case fn == "unnest" && len(funcs) == 1 && len(s.items(open+1, close)) > 1:
			// unnest(a, b) is ROWS FROM (unnest(a), unnest(b)).
			for range s.items(open+1, close) {
				r.cols = append(r.cols, fn)
			}
		case scalarSetFuncs[fn]:
			if len(funcs) == 1 && a.name != "" {
				fn = a.name
			}
			r.cols = append(r.cols, fn)
		default:
			return unknownRow
		}
	}
	if ordinality {
		r.cols = append(r.cols, "ordinality")
	}
	return r.rename(a.cols)
}

// tableAlias reads an optional alias at i.
func (s *scan) tableAlias(i int) (int, tableAlias) {
	var a tableAlias
	j := i
	as := s.word(j, "as")
	if as {
		j++
	}
	if s.name(j) {
		a.name = s.toks[j].Name()
		j++
	} else if !(as && s.punct(j, "(")) {
		return i, a
	}
	if s.punct(j, "(") {
		for _, it := range s.items(j+1, s.match[j]) {
			if it[1]-it[0] > 1 {
				a.coldefs = true // name type: a column definition
			}
			if it[0] < it[1] {
				a.cols = append(a.cols, s.toks[it[0]].Name())
			}
		}
		j = s.match[j] + 1
	}
	return j, a
}

// tablesampleEnd returns the index after TABLESAMPLE method (args) [REPEATABLE (seed)].
func (s *scan) tablesampleEnd(i int) int {
	j := s.nameEndTok(i + 1)
	if s.punct(j, "(") {
		j = s.match[j] + 1
	}
	if s.word(j, "repeatable") && s.punct(j+1, "(") {
		j = s.match[j+1] + 1
	}
	return j
}

// derivedParen reports whether the parenthesis at open in FROM holds a query (a derived
// table) rather than a join: ((SELECT 1) UNION (SELECT 2)) is one, ((SELECT 1) x JOIN y
// ON true) the other.
func (s *scan) derivedParen(open int) bool {
	k := open + 1
	if s.word(k, "select") || s.word(k, "with") || s.word(k, "values") || s.word(k, "table") {
		return true
	}
	if !s.punct(k, "(") {
		return false
	}
	after := s.match[k] + 1
	if after == s.match[open] {
		return s.derivedParen(k)
	}
	t := s.toks[after]
	return t.isWord() && setOrTail[lowerASCII(t.Text)] && s.derivedParen(k)
}

// setOrTail are the words that can follow a parenthesised query inside a larger one.
var setOrTail = wordSet(`union intersect except order limit offset fetch`)
