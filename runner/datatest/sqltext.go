package datatest

import "strings"

// body returns a user's SQL ready to be embedded in a statement: without trailing
// semicolons and without the whitespace and comments after its last token. Callers still
// put it on its own lines. multi reports a semicolon followed by more SQL: a second
// statement, which no materialization can embed.
//
// It understands just enough of PostgreSQL's lexical structure — quoted identifiers,
// standard and E” strings, dollar quotes, line and nested block comments — to never take a
// semicolon or "--" inside them for the real thing.
// TODO(lead): share with compiler/pgsql's tokenizer once it exports one; this is a copy of
// runner/materialize/sqltext.go.
func body(sql string) string {
	s, _ := trimStatement(sql)
	return s
}

func trimStatement(sql string) (trimmed string, multi bool) {
	end, semi := 0, false
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case strings.HasPrefix(sql[i:], "--"):
			if j := strings.IndexByte(sql[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(sql)
			}
			continue
		case strings.HasPrefix(sql[i:], "/*"):
			i = skipBlockComment(sql, i)
			continue
		case c == ';':
			semi = true
			i++
			continue
		}
		if semi {
			multi = true
		}
		switch {
		case c == '\'':
			escapes := i > 0 && (sql[i-1] == 'E' || sql[i-1] == 'e') && (i < 2 || !isIdentByte(sql[i-2]))
			i = skipQuoted(sql, i, '\'', escapes)
		case c == '"':
			i = skipQuoted(sql, i, '"', false)
		case c == '$':
			i = skipDollar(sql, i)
		default:
			i++
		}
		end = i
	}
	return sql[:end], multi
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// skipQuoted returns the index after the quoted token starting at i; a doubled quote is an
// escaped quote, and with escapes a backslash escapes the next byte.
func skipQuoted(s string, i int, q byte, escapes bool) int {
	for j := i + 1; j < len(s); j++ {
		switch {
		case escapes && s[j] == '\\':
			j++
		case s[j] == q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// skipDollar returns the index after a dollar-quoted string starting at i, or i+1 when the
// $ starts something else (a parameter $1, or a $ inside an identifier).
func skipDollar(s string, i int) int {
	if i > 0 && isIdentByte(s[i-1]) {
		return i + 1
	}
	j := i + 1
	for j < len(s) && s[j] != '$' && isIdentByte(s[j]) {
		j++
	}
	if j >= len(s) || s[j] != '$' || (j > i+1 && s[i+1] >= '0' && s[i+1] <= '9') {
		return i + 1
	}
	tag := s[i : j+1]
	if k := strings.Index(s[j+1:], tag); k >= 0 {
		return j + 1 + k + len(tag)
	}
	return len(s)
}

// skipBlockComment returns the index after the block comment starting at i; PostgreSQL's
// block comments nest.
func skipBlockComment(s string, i int) int {
	depth := 0
	for j := i; j < len(s); {
		switch {
		case strings.HasPrefix(s[j:], "/*"):
			depth++
			j += 2
		case strings.HasPrefix(s[j:], "*/"):
			depth--
			j += 2
			if depth == 0 {
				return j
			}
		default:
			j++
		}
	}
	return len(s)
}
