// Package pgsql reads the PostgreSQL of flis models. It tokenizes the text by PostgreSQL's
// own lexical rules, bridges it to text the TiDB (MySQL) parser can read, and from the parse
// tree and the tokens learns what the compiler needs: the relations a model reads, with exact
// byte spans so references can be rewritten in the user's own text; the output column names;
// the ${var} references; and definite syntax errors with their byte offsets. It also holds
// the few rendering helpers (literals, identifier quoting, edits) that turn a model back into
// SQL. The TiDB parser is used for analysis only: text restored from its tree is never run.
package pgsql

import (
	"fmt"
	"strings"
)

// Kind classifies a token.
type Kind uint8

const (
	Ident       Kind = iota + 1 // unquoted identifier or non-reserved keyword
	QuotedIdent                 // "Quoted" or U&"..." identifier
	Keyword                     // PostgreSQL reserved keyword (SELECT, FROM, ...)
	Number                      // 42, 3.14, 1e-3, .5
	String                      // '...', E'...', B'...', X'...', N'...', U&'...', $tag$...$tag$ ('a' newline 'b': one)
	Param                       // $1
	Var                         // ${name}: a flis variable
	Op                          // operators: + - * / < > = ~ ! @ # % ^ & | ` ? and their runs, ::
	Punct                       // ( ) [ ] , ; . :
	Comment                     // -- line and /* nested block */ comments
)

var kindNames = [...]string{"?", "ident", "quoted ident", "keyword", "number", "string", "param", "var", "op", "punct", "comment"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Token is one lexical token. Text is always src[Off:End].
type Token struct {
	Kind Kind
	Text string
	Off  int
	End  int
}

// Error is a syntax error at a byte offset of the model text.
type Error struct {
	Off  int
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	if e.Hint != "" {
		return fmt.Sprintf("offset %d: %s (%s)", e.Off, e.Msg, e.Hint)
	}
	return fmt.Sprintf("offset %d: %s", e.Off, e.Msg)
}

// Name is the identifier as PostgreSQL resolves it: unquoted identifiers fold to lower case
// (ASCII only, as PostgreSQL does), quoted ones keep their case with "" unescaped. For Var
// tokens it is the variable name. For other kinds it is the text.
func (t Token) Name() string {
	switch t.Kind {
	case Ident, Keyword:
		return lowerASCII(t.Text)
	case QuotedIdent:
		s := t.Text
		if s[0] == 'U' || s[0] == 'u' { // U&"..." - escapes are rare in models; keep the body
			s = s[2:]
		}
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	case Var:
		return t.Text[2 : len(t.Text)-1]
	}
	return t.Text
}

// is reports whether t is the word w (w given in lower case), quoted identifiers excluded.
func (t Token) is(w string) bool {
	return (t.Kind == Ident || t.Kind == Keyword) && len(t.Text) == len(w) && strings.EqualFold(t.Text, w)
}

// isWord reports whether t is an unquoted word (identifier or keyword).
func (t Token) isWord() bool { return t.Kind == Ident || t.Kind == Keyword }

// isName reports whether t can name something: a non-reserved word or a quoted identifier.
func (t Token) isName() bool { return t.Kind == Ident || t.Kind == QuotedIdent }

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// Tokenize splits src into tokens by PostgreSQL's lexical rules (standard_conforming_strings
// on), comments included, whitespace dropped.
func Tokenize(src string) ([]Token, error) {
	return scanTokens(src, make([]Token, 0, len(src)/4+1), -1, true)
}

// scanTokens appends src's tokens to toks until it holds limit of them (all when limit < 0);
// comments are kept only with comments.
func scanTokens(src string, toks []Token, limit int, comments bool) ([]Token, error) {
	for i := 0; i < len(src) && (limit < 0 || len(toks) < limit); {
		if isSpace(src[i]) {
			i++
			continue
		}
		end, kind, err := scanToken(src, i)
		if err != nil {
			return toks, err
		}
		if kind == Ident && isReserved(src[i:end]) {
			kind = Keyword
		}
		if comments || kind != Comment {
			toks = append(toks, Token{Kind: kind, Text: src[i:end], Off: i, End: end})
		}
		i = end
	}
	return toks, nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isIdentCont(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isOpChar(c byte) bool { return strings.IndexByte("+-*/<>=~!@#%^&|`?", c) >= 0 }

// scanToken scans the token starting at src[i] (not a space) and returns its end.
func scanToken(src string, i int) (int, Kind, error) {
	c := src[i]
	n := len(src)
	switch {
	case c == '-' && i+1 < n && src[i+1] == '-':
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			return n, Comment, nil
		}
		return i + j, Comment, nil
	case c == '/' && i+1 < n && src[i+1] == '*':
		return scanBlockComment(src, i)
	case c == '\'':
		return scanQuoted(src, i, i, '\'', false)
	case c == '"':
		end, _, err := scanQuoted(src, i, i, '"', false)
		if err == nil && end == i+2 {
			return i, 0, errEmptyIdent(i)
		}
		return end, QuotedIdent, err
	case (c == 'e' || c == 'E') && i+1 < n && src[i+1] == '\'':
		return scanQuoted(src, i, i+1, '\'', true)
	case strings.IndexByte("bBxXnN", c) >= 0 && i+1 < n && src[i+1] == '\'':
		return scanQuoted(src, i, i+1, '\'', false)
	case (c == 'u' || c == 'U') && i+2 < n && src[i+1] == '&' && (src[i+2] == '\'' || src[i+2] == '"'):
		end, k, err := scanQuoted(src, i, i+2, src[i+2], false)
		if src[i+2] == '"' {
			k = QuotedIdent
			if err == nil && end == i+4 {
				return i, 0, errEmptyIdent(i)
			}
		}
		return end, k, err
	case isIdentStart(c):
		j := i + 1
		for j < n && isIdentCont(src[j]) {
			j++
		}
		return j, Ident, nil
	case isDigit(c) || c == '.' && i+1 < n && isDigit(src[i+1]):
		return scanNumber(src, i), Number, nil
	case c == '$':
		return scanDollar(src, i)
	case c == ':':
		if i+1 < n && src[i+1] == ':' {
			return i + 2, Op, nil
		}
		return i + 1, Punct, nil
	case strings.IndexByte("()[],;.", c) >= 0:
		return i + 1, Punct, nil
	case isOpChar(c):
		return scanOperator(src, i), Op, nil
	}
	return i, 0, &Error{Off: i, Msg: fmt.Sprintf("unexpected character %q", rune(c)), Hint: "not valid in PostgreSQL outside strings and comments"}
}

// errEmptyIdent is PostgreSQL's lexer error for "": a name cannot be empty.
func errEmptyIdent(off int) error {
	return &Error{Off: off, Msg: "zero-length quoted identifier", Hint: `a quoted name needs at least one character; "" inside quotes is a quote`}
}

func scanBlockComment(src string, i int) (int, Kind, error) {
	depth := 0
	for j := i; j+1 < len(src); {
		switch {
		case src[j] == '/' && src[j+1] == '*':
			depth++
			j += 2
		case src[j] == '*' && src[j+1] == '/':
			depth--
			j += 2
			if depth == 0 {
				return j, Comment, nil
			}
		default:
			j++
		}
	}
	return i, 0, &Error{Off: i, Msg: "unterminated /* comment", Hint: "block comments nest in PostgreSQL; close every /* with */"}
}

// scanQuoted scans a quote-delimited token whose opening quote is at q (the token itself may
// start earlier, at a prefix such as E or U&). A doubled quote is an escaped quote; with
// backslashes set (E'...'), a backslash escapes the next byte.
func scanQuoted(src string, start, q int, quote byte, backslashes bool) (int, Kind, error) {
	for j := q + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if backslashes {
				j++
			}
		case quote:
			if j+1 < len(src) && src[j+1] == quote {
				j++
				continue
			}
			if quote == '\'' {
				if k := quoteContinue(src, j+1); k > 0 {
					j = k // the string goes on after the next quote
					continue
				}
			}
			return j + 1, String, nil
		}
	}
	if quote == '"' {
		return start, 0, &Error{Off: start, Msg: "unterminated quoted identifier", Hint: `close it with "`}
	}
	return start, 0, &Error{Off: start, Msg: "unterminated string literal", Hint: "close it with '; a quote inside a string is written ''"}
}

// quoteContinue implements PostgreSQL's string continuation: a string literal followed by
// whitespace that holds a newline (and maybe -- comments) and then a quote goes on in the
// same literal ('a'\n'b' is 'ab'). It returns the index of that quote, or -1.
func quoteContinue(src string, i int) int {
	newline := false
	for i < len(src) {
		switch c := src[i]; {
		case c == '\n' || c == '\r':
			newline = true
			i++
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < len(src) && src[i+1] == '-':
			nl := strings.IndexByte(src[i:], '\n')
			if nl < 0 {
				return -1
			}
			i += nl
		case c == '\'' && newline:
			return i
		default:
			return -1
		}
	}
	return -1
}

func scanNumber(src string, i int) int {
	n := len(src)
	j := i
	for j < n && isDigit(src[j]) {
		j++
	}
	// A '.' followed by '.' is a range (a[1..2] is not PostgreSQL, but 1..2 lexes as 1 then .)
	if j < n && src[j] == '.' && !(j+1 < n && src[j+1] == '.') {
		j++
		for j < n && isDigit(src[j]) {
			j++
		}
	}
	if j < n && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < n && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < n && isDigit(src[k]) {
			for k < n && isDigit(src[k]) {
				k++
			}
			j = k
		}
	}
	return j
}

// scanDollar scans $1 parameters, ${name} flis variables and $tag$...$tag$ strings.
func scanDollar(src string, i int) (int, Kind, error) {
	n := len(src)
	if i+1 < n && isDigit(src[i+1]) {
		j := i + 1
		for j < n && isDigit(src[j]) {
			j++
		}
		return j, Param, nil
	}
	if i+1 < n && src[i+1] == '{' {
		j := i + 2
		if j < n && (isASCIILetter(src[j]) || src[j] == '_') {
			j++
			for j < n && (isASCIILetter(src[j]) || isDigit(src[j]) || src[j] == '_' || src[j] == '.') {
				j++
			}
			if j < n && src[j] == '}' {
				return j + 1, Var, nil
			}
		}
		close := strings.IndexByte(src[i:], '}')
		if close < 0 || strings.ContainsAny(src[i:i+close], "\n;") {
			return i, 0, &Error{Off: i, Msg: "unterminated ${ variable", Hint: "write ${name}"}
		}
		return i, 0, &Error{Off: i, Msg: fmt.Sprintf("bad variable name %q", src[i+2:i+close]), Hint: "a name is a letter or _ followed by letters, digits, _ or ."}
	}
	// Dollar quote: $tag$ with tag an identifier without $, or empty.
	j := i + 1
	if j < n && isIdentStart(src[j]) {
		for j < n && isIdentCont(src[j]) && src[j] != '$' {
			j++
		}
	}
	if j < n && src[j] == '$' {
		tag := src[i : j+1]
		k := strings.Index(src[j+1:], tag)
		if k < 0 {
			return i, 0, &Error{Off: i, Msg: "unterminated dollar-quoted string", Hint: "close it with " + tag}
		}
		return j + 1 + k + len(tag), String, nil
	}
	return i, 0, &Error{Off: i, Msg: `unexpected "$"`, Hint: "use $1 parameters, ${var} variables or $tag$ strings"}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// scanOperator applies PostgreSQL's operator rules: a run of operator characters, cut before
// an embedded comment start, and a multi-character operator may not end in + or - unless it
// contains one of ~ ! @ # % ^ & | ` ? (so a=-1 is = then -).
func scanOperator(src string, i int) int {
	j := i
	for j < len(src) && isOpChar(src[j]) {
		if j > i && j+1 < len(src) && (src[j] == '-' && src[j+1] == '-' || src[j] == '/' && src[j+1] == '*') {
			break
		}
		j++
	}
	if j-i > 1 && !strings.ContainsAny(src[i:j], "~!@#%^&|`?") {
		for j-i > 1 && (src[j-1] == '+' || src[j-1] == '-') {
			j--
		}
	}
	return j
}
