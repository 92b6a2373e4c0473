package pgsql

import (
	"sort"
	"strconv"
	"strings"
)

// The bridge turns PostgreSQL tokens into text the TiDB parser reads, for analysis only.
// The result need not mean the same: it must parse exactly when the PostgreSQL parses
// (as far as we can make it), keep every subquery and table reference in place, and map
// back to the user's offsets. Relation candidates become placeholders "flisrel_N" so that
// each TableName in the TiDB tree names the exact token span it came from.

const relPrefix = "flisrel_"

// seg maps a piece of bridged text back to the source: out and src are where it starts;
// a verbatim piece maps byte for byte, any other piece maps to src as a whole.
type seg struct {
	out, src int
	verbatim bool
}

type bridged struct {
	text string
	segs []seg
}

// srcOff maps a byte offset of the bridged text to an offset of the source.
func (b *bridged) srcOff(o int) int {
	i := sort.Search(len(b.segs), func(i int) bool { return b.segs[i].out > o }) - 1
	if i < 0 {
		return 0
	}
	s := b.segs[i]
	if s.verbatim {
		return s.src + o - s.out
	}
	return s.src
}

type bridger struct {
	*scan
	src     string
	out     []byte
	segs    []seg
	skip    []bool
	after   map[int]string // text emitted right after token i
	replace map[int]string // text emitted instead of token i
	parens  []int          // open parens of the output so far (source token indexes)
}

func (b *bridger) emit(text string, src int, verbatim bool) {
	// No space before a "(" that touches the word before it in the source: TiDB reads
	// count(*) as the aggregate only without one.
	glue := text[0] == '(' && src > 0 && isIdentCont(b.src[src-1])
	if len(b.out) > 0 && !glue {
		b.out = append(b.out, ' ')
	}
	b.segs = append(b.segs, seg{out: len(b.out), src: src, verbatim: verbatim})
	b.out = append(b.out, text...)
}

func (b *bridger) skipRange(from, to int) { // [from, to)
	for k := from; k < to && k < len(b.skip); k++ {
		b.skip[k] = true
	}
}

// bridge produces the TiDB text for a scanned, bracket-balanced statement.
func bridge(src string, s *scan) *bridged {
	b := &bridger{scan: s, src: src, skip: make([]bool, len(s.toks)), after: map[int]string{}, replace: map[int]string{}}
	b.out = make([]byte, 0, len(s.toks)*8)
	b.segs = make([]seg, 0, len(s.toks)+8)
	copy(b.skip, s.drop)
	candAt := make(map[int]int, len(s.cands))
	for i, c := range s.cands {
		candAt[c.start] = i
	}
	funcAt := make(map[int]bool, len(s.funcs))
	for _, f := range s.funcs {
		funcAt[f.start] = true
		b.after[f.close] = ")"
		if !f.alias {
			b.after[f.close] = ") AS flisfn"
		}
	}
	for i := 0; i < len(s.toks); i++ {
		if b.skip[i] {
			continue
		}
		t := s.toks[i]
		if ci, ok := candAt[i]; ok {
			b.emit(relPrefix+strconv.Itoa(ci), t.Off, false)
			b.skipRange(i, s.cands[ci].end)
			continue
		}
		if funcAt[i] {
			b.emit("(SELECT", t.Off, false)
		}
		if r, ok := b.replace[i]; ok {
			b.emit(r, t.Off, false)
		} else {
			b.token(i)
		}
		if a, ok := b.after[i]; ok {
			b.emit(a, t.End-1, false)
		}
	}
	return &bridged{text: string(b.out), segs: b.segs}
}

// token emits the bridged form of token i.
func (b *bridger) token(i int) {
	t := b.toks[i]
	switch t.Kind {
	case String:
		if t.Text[0] == '\'' {
			b.emit(t.Text, t.Off, true)
		} else {
			b.emit("'s'", t.Off, false)
		}
		b.intervalUnit(i + 1)
	case Var, Param:
		b.emit("1", t.Off, false)
		b.intervalUnit(i + 1)
	case Number:
		b.emit(t.Text, t.Off, true)
	case QuotedIdent:
		if t.Text[0] == '"' {
			b.emit(t.Text, t.Off, true)
		} else {
			b.emit(`"`+strings.ReplaceAll(t.Name(), `"`, `""`)+`"`, t.Off, false)
		}
	case Op:
		b.op(i)
	case Punct:
		b.punctTok(i)
	default:
		b.wordTok(i)
	}
}

// tidbOps are the binary operators that mean an operator to TiDB as well.
var tidbOps = wordSet(`= <> != < > <= >= + - * / % || & | << >> ^`)

func (b *bridger) op(i int) {
	t := b.toks[i]
	switch {
	case t.Text == "::":
		end := b.typeEnd(i + 1)
		b.skipRange(i+1, end)
		b.emit("COLLATE binary", t.Off, false)
	case tidbOps[t.Text]:
		b.emit(t.Text, t.Off, true)
	case !b.endsExpr(i - 1):
		b.emit("-", t.Off, false) // unknown prefix operator (@, |/, ~ ...)
	default:
		b.emit("+", t.Off, false) // unknown binary operator (->>, @>, ~, ...)
	}
}

// endsExpr reports whether token i can end an expression, so an operator after it is binary.
func (b *bridger) endsExpr(i int) bool {
	if i < 0 {
		return false
	}
	t := b.toks[i]
	switch t.Kind {
	case Ident, QuotedIdent, Number, String, Param, Var:
		return true
	case Punct:
		return t.Text == ")" || t.Text == "]"
	case Keyword:
		return t.is("null") || t.is("true") || t.is("false") || t.is("end") || strings.HasPrefix(lowerASCII(t.Text), "current_") || strings.HasPrefix(lowerASCII(t.Text), "local")
	}
	return false
}

func (b *bridger) punctTok(i int) {
	t := b.toks[i]
	switch t.Text {
	case "(":
		b.parens = append(b.parens, i)
		if b.punct(i+1, ")") && i > 0 && emptySetBefore(b.toks[i-1]) {
			// An empty grouping set "()" in GROUP BY, GROUPING SETS, ROLLUP or CUBE.
			b.emit("(NULL", t.Off, false)
			return
		}
	case ")":
		if len(b.parens) > 0 {
			b.parens = b.parens[:len(b.parens)-1]
		}
	case "[":
		if r, ok := b.replace[i]; ok { // array constructor, see wordTok "array"
			b.emit(r, t.Off, false)
			return
		}
		// A subscript or slice: it adds no table and TiDB has no syntax for it.
		b.skipRange(i, b.match[i]+1)
		return
	case ";":
		return // only a trailing ";" survives the statement checks
	}
	b.emit(t.Text, t.Off, true)
}

func emptySetBefore(t Token) bool {
	return t.Kind == Punct && (t.Text == "," || t.Text == "(") || t.is("by") || t.is("sets") || t.is("rollup") || t.is("cube")
}
