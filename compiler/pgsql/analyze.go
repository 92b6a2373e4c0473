package pgsql

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/mysql"
	_ "github.com/pingcap/tidb/pkg/parser/test_driver" // parser.New panics without a driver
)

// Relation is one table reference of a model, as PostgreSQL resolves it: Schema is empty
// when the name is not qualified. Off and End span the whole possibly-qualified name in the
// model text, quotes included.
type Relation struct {
	Schema string `json:"schema,omitempty"`
	Name   string `json:"name"`
	Off    int    `json:"off"`
	End    int    `json:"end"`
}

func (r Relation) String() string {
	if r.Schema == "" {
		return r.Name
	}
	return r.Schema + "." + r.Name
}

// Column is an output column of the model, named as PostgreSQL names it; Off is where its
// select-list item starts.
type Column struct {
	Name string `json:"name"`
	Off  int    `json:"off"`
}

// VarRef is one ${name} in the model text.
type VarRef struct {
	Name string `json:"name"`
	Off  int    `json:"off"`
	End  int    `json:"end"`
}

// Analysis is what the compiler learns from a model's SQL.
type Analysis struct {
	Relations []Relation
	Columns   []Column
	// Star is set when some output columns cannot be named from this text: a * or t.*
	// over a table or model (a * over a CTE, a derived table, VALUES or a function with
	// known output is expanded into Columns). Columns is then empty, never partial.
	Star bool
	Vars []VarRef
	// Fallback is set when the bridged text did not parse; the relations were then read from
	// the token stream. Warning says why, at byte offset WarningOff.
	Fallback   bool
	Warning    string
	WarningOff int
}

// parserPool keeps TiDB parsers, which are costly to make, for reuse across goroutines.
// Positions are not recorded: only the tree's table names are read (they carry their own
// placeholder index), never a node's text, so recording them is wasted work. Window
// functions and the strict double type check are TiDB's defaults, kept.
var parserPool = sync.Pool{New: func() any {
	p := parser.New()
	p.SetSQLMode(mysql.ModeANSIQuotes | mysql.ModePipesAsConcat | mysql.ModeNoBackslashEscapes)
	p.SetParserConfig(parser.ParserConfig{EnableWindowFunction: true, EnableStrictDoubleTypeCheck: true,
		SkipPositionRecording: true})
	return p
}}

// parseOne parses one statement. It is ParseOneStmt without its second walk over the tree to
// set flags (ParseSQL has set them already).
func parseOne(text string) (ast.StmtNode, error) {
	p := parserPool.Get().(*parser.Parser)
	defer parserPool.Put(p)
	stmts, _, err := p.ParseSQL(text, parser.CharsetConnection(""), parser.CollationConnection(""))
	if err != nil {
		return nil, err
	}
	if len(stmts) != 1 {
		return nil, parser.ErrSyntax
	}
	return stmts[0], nil
}

// Analyze reads one model: a PostgreSQL query (SELECT, WITH ... SELECT, VALUES), possibly
// followed by a semicolon. Definite syntax errors come back as *Error; SQL the analyser
// cannot parse but PostgreSQL may accept gives a result with Fallback and a Warning.
func Analyze(src string) (*Analysis, error) {
	all, err := Tokenize(src)
	if err != nil {
		return nil, err
	}
	a := &Analysis{}
	toks := all[:0] // comments are dropped in place: all is not used again
	for _, t := range all {
		switch t.Kind {
		case Comment:
			continue
		case Var:
			a.Vars = append(a.Vars, VarRef{Name: t.Name(), Off: t.Off, End: t.End})
		}
		toks = append(toks, t)
	}
	s, err := checkStatement(src, toks)
	if err != nil {
		return nil, err
	}
	s.run()
	a.Columns, a.Star = columns(s)
	br := bridge(src, s)

	stmt, perr := parseOne(br.text)
	if perr == nil {
		switch stmt.(type) {
		case *ast.SelectStmt, *ast.SetOprStmt:
		default:
			perr = fmt.Errorf("not a query")
		}
	}
	if perr == nil {
		w := &relWalker{s: s}
		stmt.Accept(w)
		switch {
		case len(w.stray) > 0:
			perr = fmt.Errorf("table %s was not found in the token stream", w.stray[0])
		case w.seen < br.rels:
			// A placeholder TiDB parsed but keeps where the walk does not reach (an
			// expression in TABLESAMPLE, say): its table would be lost silently.
			perr = fmt.Errorf("a table reference is outside the parse tree")
		default:
			a.Relations = w.rels
			sortRelations(a.Relations)
			return a, nil
		}
	}
	a.Fallback = true
	a.Relations = fallbackRelations(s)
	a.WarningOff, a.Warning = explainParseError(src, br, s, perr)
	return a, nil
}

func sortRelations(r []Relation) {
	sort.Slice(r, func(i, j int) bool { return r[i].Off < r[j].Off })
}

func (s *scan) relation(c cand) Relation {
	return Relation{Schema: c.schema, Name: c.name, Off: s.toks[c.start].Off, End: s.toks[c.end-1].End}
}

// relWalker collects the TiDB tree's table names, resolving each placeholder to its
// candidate and leaving out names that refer to a CTE visible at that point.
type relWalker struct {
	s      *scan
	scopes [][]string
	rels   []Relation
	stray  []string
	seen   int // placeholders visited, CTE references included
}

func (w *relWalker) Enter(n ast.Node) (ast.Node, bool) {
	switch x := n.(type) {
	case *ast.SelectStmt:
		if x.With != nil {
			with := x.With
			w.with(with, func() { x.With = nil; x.Accept(w); x.With = with })
			return n, true
		}
	case *ast.SetOprStmt:
		if x.With != nil {
			with := x.With
			w.with(with, func() { x.With = nil; x.Accept(w); x.With = with })
			return n, true
		}
	case *ast.TableName:
		w.table(x)
	}
	return n, false
}

func (w *relWalker) Leave(n ast.Node) (ast.Node, bool) { return n, true }

// with visits a WITH clause and then the rest of its statement with PostgreSQL's scoping:
// a CTE body sees the CTEs before it (all of them, itself included, under RECURSIVE); the
// statement sees them all.
func (w *relWalker) with(with *ast.WithClause, rest func()) {
	names := make([]string, len(with.CTEs))
	for i, c := range with.CTEs {
		names[i] = c.Name.O
	}
	for i, c := range with.CTEs {
		if with.IsRecursive {
			w.scopes = append(w.scopes, names)
		} else {
			w.scopes = append(w.scopes, names[:i])
		}
		if c.Query != nil {
			c.Query.Accept(w)
		}
		w.scopes = w.scopes[:len(w.scopes)-1]
	}
	w.scopes = append(w.scopes, names)
	rest()
	w.scopes = w.scopes[:len(w.scopes)-1]
}

func (w *relWalker) table(t *ast.TableName) {
	name := t.Name.O
	idx, err := strconv.Atoi(strings.TrimPrefix(name, relPrefix))
	if !strings.HasPrefix(name, relPrefix) || err != nil || idx < 0 || idx >= len(w.s.cands) {
		w.stray = append(w.stray, name)
		return
	}
	w.seen++
	c := w.s.cands[idx]
	if c.schema == "" && w.visibleCTE(c.name) {
		return
	}
	w.rels = append(w.rels, w.s.relation(c))
}

func (w *relWalker) visibleCTE(name string) bool {
	for _, sc := range w.scopes {
		for _, n := range sc {
			if n == name {
				return true
			}
		}
	}
	return false
}

// explainParseError turns a TiDB error into a warning at the user's offset. TiDB reports
// "line L column C near ...", C being the byte column of the end of the bad token.
func explainParseError(src string, br *bridged, s *scan, err error) (int, string) {
	msg := err.Error()
	var line, col int
	if k := strings.Index(msg, "line "); k >= 0 {
		fmt.Sscanf(msg[k:], "line %d column %d", &line, &col)
	}
	off := 0
	if line > 0 {
		o := 0
		for l := 1; l < line; l++ {
			nl := strings.IndexByte(br.text[o:], '\n')
			if nl < 0 {
				break
			}
			o += nl + 1
		}
		o += col
		if o > len(br.text) {
			o = len(br.text)
		}
		off = br.srcOff(max(o-1, 0))
		if o >= len(br.text) && len(s.toks) > 0 {
			off = s.toks[len(s.toks)-1].Off
		}
	}
	near := ""
	for _, t := range s.toks {
		if line > 0 && t.Off <= off && off < t.End {
			off, near = t.Off, t.Text
			break
		}
	}
	if near != "" {
		return off, fmt.Sprintf("the SQL analyser does not understand the syntax near %q; dependencies were read from the token stream and may be incomplete", clip(near))
	}
	return off, "the SQL analyser could not read this statement; dependencies were read from the token stream and may be incomplete"
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
