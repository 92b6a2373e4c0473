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
	rels int // relation placeholders in text
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
	rels    int
	hoist   map[int][][2]int   // token index -> expressions moved to just before it
	limitAt map[int]limitGroup // token index -> the group of limiting clauses starting there
}

// candAt returns the index of the candidate starting at token i, or -1. The scan finds
// candidates (and functions) left to right, so both lists are sorted by start.
func (b *bridger) candAt(i int) int {
	k := sort.Search(len(b.cands), func(k int) bool { return b.cands[k].start >= i })
	if k < len(b.cands) && b.cands[k].start == i {
		return k
	}
	return -1
}

// funcAt reports whether a function in FROM starts at token i.
func (b *bridger) funcAt(i int) bool {
	k := sort.Search(len(b.funcs), func(k int) bool { return b.funcs[k].start >= i })
	return k < len(b.funcs) && b.funcs[k].start == i
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

// emitQuoted emits the plain word w (no quote in it) as a quoted identifier, without
// building the quoted string.
func (b *bridger) emitQuoted(w string, src int) {
	if len(b.out) > 0 {
		b.out = append(b.out, ' ')
	}
	b.segs = append(b.segs, seg{out: len(b.out), src: src})
	b.out = append(b.out, '"')
	b.out = append(b.out, w...)
	b.out = append(b.out, '"')
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
	for _, f := range s.funcs {
		b.after[f.close] = ")"
		if !f.alias {
			b.after[f.close] = ") AS flisfn"
		}
		if b.word(f.start, "xmltable") && f.close == s.match[f.start+1] && !b.containsWord(f.start+2, f.close, "select") {
			// XMLTABLE(path PASSING doc COLUMNS ...) has no TiDB form; only a subquery in
			// it could name a table.
			b.replace[f.start+1] = "(1"
			b.skipRange(f.start+2, f.close)
		}
	}
	for _, r := range s.rowsFroms {
		// ROWS FROM (f(), g()) [AS x] becomes (SELECT f(), g()) AS x.
		b.replace[r.start] = "(SELECT"
		b.skipRange(r.start+1, r.start+3)
		if !r.alias {
			b.after[r.close] = "AS flisfn"
		}
	}
	b.limits()
	b.run(0, len(s.toks))
	return &bridged{text: string(b.out), segs: b.segs, rels: b.rels}
}

// run emits tokens [from, to).
func (b *bridger) run(from, to int) {
	for i := from; i < to; i++ {
		if h := b.hoist[i]; h != nil {
			delete(b.hoist, i)
			for _, r := range h {
				b.emit(",", b.toks[r[0]].Off, false)
				b.run(r[0], r[1])
				b.skipRange(r[0], r[1])
			}
		}
		if b.skip[i] {
			continue
		}
		t := b.toks[i]
		if ci := b.candAt(i); ci >= 0 {
			b.emit(relPrefix+strconv.Itoa(ci), t.Off, false)
			b.rels++
			b.skipRange(i, b.cands[ci].end)
			continue
		}
		if b.funcAt(i) {
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
		if b.word(i+1, "uescape") && i+2 < len(b.toks) && b.toks[i+2].Kind == String {
			b.skipRange(i+1, i+3) // U&'!00C6' UESCAPE '!'
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
		for k := i + 1; b.punct(k, ".") && k+1 < len(b.toks); k += 2 {
			// (composite).field or (composite).*: TiDB has neither; the value will do.
			b.skipRange(k, k+2)
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
