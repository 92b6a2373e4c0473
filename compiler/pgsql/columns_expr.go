package pgsql

// primary reads one operand with its postfix parts (::type, [subscript], .field, COLLATE)
// and returns where it stops, its name and the name's strength.
func (s *scan) primary(i, end int) (int, string, int) {
	if i >= end {
		return end, "", 0
	}
	j, name, strength := s.operand(i, end)
	for j < end {
		switch {
		case s.toks[j].Kind == Op && s.toks[j].Text == "::":
			te, tname := s.typeName(j+1, end)
			if strength >= 0 && strength <= 1 && tname != "" {
				name, strength = tname, 1
			}
			j = te
		case s.punct(j, "["):
			j = s.match[j] + 1
		case s.punct(j, ".") && j+1 < end:
			if s.toks[j+1].Text != "*" {
				name, strength = s.toks[j+1].Name(), 2
			}
			j += 2
		default:
			return j, name, strength
		}
	}
	return j, name, strength
}

// operand reads the operand proper.
func (s *scan) operand(i, end int) (int, string, int) {
	t := s.toks[i]
	w := ""
	if t.isWord() {
		w = lowerASCII(t.Text)
	}
	switch {
	case t.Kind == Op: // prefix operator
		j, _, _ := s.primary(i+1, end)
		return j, noName, 0
	case w == "operator" && s.operatorSyntax(i+1): // OPERATOR(pg_catalog.-) x
		j, _, _ := s.primary(s.match[i+1]+1, end)
		return j, noName, 0
	case w == "not":
		j, _, _ := s.expr(i+1, end)
		return j, noName, 0
	case t.Kind == Punct && t.Text == "(":
		close := s.match[i]
		if s.word(i+1, "select") || s.word(i+1, "with") || s.word(i+1, "values") || s.punct(i+1, "(") && s.subqueryParen(i+1) {
			if name, ok := s.subqueryName(i + 1); ok {
				return close + 1, name, 2
			}
			return close + 1, "", -1
		}
		if len(s.items(i+1, close)) > 1 {
			return close + 1, "row", 2
		}
		_, name, strength := s.expr(i+1, close)
		return close + 1, name, strength
	case t.Kind == Number || t.Kind == String || t.Kind == Param || t.Kind == Var:
		return i + 1, "", 0
	case w == "null":
		return i + 1, "", 0
	case w == "true" || w == "false":
		return i + 1, "bool", 1
	case w == "case":
		return s.caseExpr(i, end)
	case w == "array" && (s.punct(i+1, "[") || s.punct(i+1, "(")):
		return s.match[i+1] + 1, "array", 2
	case w == "cast" && s.punct(i+1, "("):
		return s.castExpr(i+1, end)
	case sqlValueFuncs[w] && t.Kind == Keyword:
		j := i + 1
		if s.punct(j, "(") {
			j = s.match[j] + 1
		}
		return j, w, 2
	case t.isWord() || t.Kind == QuotedIdent:
		return s.nameOrCall(i, end)
	}
	return i + 1, "", 0
}

// subqueryParen reports whether the paren group at i holds a query, e.g. ((SELECT 1)).
func (s *scan) subqueryParen(i int) bool {
	for s.punct(i, "(") {
		i++
	}
	return s.word(i, "select") || s.word(i, "with") || s.word(i, "values")
}

// subqueryName is the name of a scalar subquery: its first output column's name; ok is
// false when that column is not known.
func (s *scan) subqueryName(i int) (name string, ok bool) {
	r := s.queryColumns(i)
	if !r.known || len(r.cols) == 0 {
		return "", false
	}
	return r.cols[0], true
}

// caseExpr names CASE ... END by its ELSE result when that has a strong name.
func (s *scan) caseExpr(i, end int) (int, string, int) {
	level := 0
	elseAt := -1
	for k := i + 1; k < end; k++ {
		t := s.toks[k]
		switch {
		case t.Kind == Punct && (t.Text == "(" || t.Text == "["):
			k = s.match[k]
		case t.is("case"):
			level++
		case t.is("else") && level == 0:
			elseAt = k
		case t.is("end"):
			if level > 0 {
				level--
				continue
			}
			if elseAt >= 0 {
				if _, name, strength := s.expr(elseAt+1, k); strength == 2 || strength < 0 {
					return k + 1, name, strength
				}
			}
			return k + 1, "case", 1
		}
	}
	return end, "case", 1
}

// castExpr names CAST(x AS type) like x::type.
func (s *scan) castExpr(open, end int) (int, string, int) {
	close := s.match[open]
	j, name, strength := s.expr(open+1, close)
	if s.word(j, "as") && strength >= 0 && strength <= 1 {
		if _, tname := s.typeName(j+1, close); tname != "" {
			name, strength = tname, 1
		}
	}
	return close + 1, name, strength
}

// nameOrCall reads a column reference, a function call (with WITHIN GROUP, FILTER and
// OVER), or a typed literal (date '2024-01-01').
func (s *scan) nameOrCall(i, end int) (int, string, int) {
	j := i + 1
	for s.punct(j, ".") && j+1 < end && s.toks[j+1].Text != "*" {
		j += 2
	}
	last := s.toks[j-1]
	if s.punct(j, "(") {
		name := last.Name()
		if j == i+1 && last.is("trim") {
			name = "btrim"
			if s.word(j+1, "leading") {
				name = "ltrim"
			} else if s.word(j+1, "trailing") {
				name = "rtrim"
			}
		}
		j = s.match[j] + 1
		if s.word(j, "within") && s.word(j+1, "group") && s.punct(j+2, "(") {
			j = s.match[j+2] + 1
		}
		if s.word(j, "filter") && s.punct(j+1, "(") {
			j = s.match[j+1] + 1
		}
		if s.word(j, "over") {
			if s.punct(j+1, "(") {
				j = s.match[j+1] + 1
			} else {
				j += 2
			}
		}
		return j, name, 2
	}
	if j == i+1 && last.Kind != QuotedIdent {
		// A typed literal: type 'string', including interval '1' day.
		if te, tname := s.typeName(i, end); te < end && te > i && (s.toks[te].Kind == String || s.toks[te].Kind == Var) {
			k := te + 1
			if tname == "interval" {
				for k < end && s.toks[k].isWord() && (intervalUnits[lowerASCII(s.toks[k].Text)] || s.toks[k].is("to")) {
					k++
				}
			}
			return k, tname, 1
		}
	}
	return j, last.Name(), 2
}

// typeName reads a type at j and returns where it ends and PostgreSQL's name for it.
func (s *scan) typeName(j, end int) (int, string) {
	if j >= end || !(s.toks[j].isWord() || s.toks[j].Kind == QuotedIdent) {
		return j, ""
	}
	first := s.toks[j]
	k := j + 1
	for s.punct(k, ".") && k+1 < end {
		k += 2
	}
	name := s.toks[k-1].Name()
	if k == j+1 && first.Kind != QuotedIdent {
		w := lowerASCII(first.Text)
		if n, ok := typeNames[w]; ok {
			name = n
		}
		switch w {
		case "double":
			if s.word(k, "precision") {
				k++
			}
		case "character", "char", "national", "bit":
			if s.word(k, "character") {
				k++
			}
			if s.word(k, "varying") {
				k++
				name = "varchar"
				if w == "bit" {
					name = "varbit"
				}
			}
		case "float":
			if s.punct(k, "(") && k+1 < end && s.toks[k+1].Kind == Number && len(s.toks[k+1].Text) <= 2 {
				if p := s.toks[k+1].Text; len(p) == 1 || p <= "24" {
					name = "float4"
				}
			}
		case "timestamp", "time":
			if s.punct(k, "(") {
				k = s.match[k] + 1
			}
			if s.word(k, "with") && s.word(k+1, "time") && s.word(k+2, "zone") {
				k += 3
				name += "tz"
			} else if s.word(k, "without") && s.word(k+1, "time") && s.word(k+2, "zone") {
				k += 3
			}
		}
	}
	if s.punct(k, "(") {
		k = s.match[k] + 1
	}
	for s.punct(k, "[") {
		k = s.match[k] + 1
	}
	return k, name
}
