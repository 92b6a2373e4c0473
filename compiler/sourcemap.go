package compiler

import (
	"sort"

	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/compiler/pgsql"
)

// SourceMap maps byte offsets in rendered SQL back to the node's file, so an error the
// database reports inside the SQL that ran is shown at the user's line and column.
type SourceMap struct {
	path   string
	src    string
	edits  []pgsql.Edit // sorted by Off, as applied to src
	insOff int          // where inlined ephemeral CTEs were inserted into the body (-1: none)
	insLen int
}

// Pos maps an offset in the rendered SQL to a position in the node's file. Offsets inside
// text flis generated (an inlined ephemeral model) map to no position.
func (m *SourceMap) Pos(off int) (diag.Pos, bool) {
	if m == nil || off < 0 {
		return diag.Pos{}, false
	}
	if m.insOff >= 0 && off >= m.insOff {
		if off < m.insOff+m.insLen {
			return diag.Pos{}, false
		}
		off -= m.insLen
	}
	delta := 0 // rendered offset - source offset, before the current edit
	for _, e := range m.edits {
		start := e.Off + delta
		if off < start {
			break
		}
		if off < start+len(e.Text) {
			return posAt(m.path, m.src, e.Off), true // inside a replaced reference or variable
		}
		delta += len(e.Text) - (e.End - e.Off)
	}
	src := off - delta
	if src > len(m.src) {
		return diag.Pos{}, false
	}
	return posAt(m.path, m.src, src), true
}

// RenderMapped renders the node's SQL with the built-in run-time variables given (name →
// SQL literal; those not given render for a full build), and the map from the rendered SQL
// back to the node's file.
func (r *Result) RenderMapped(n *Node, builtins map[string]string) (string, *SourceMap, error) {
	if n.template == nil {
		return n.CompiledSQL, nil, nil
	}
	c := &compilation{nodes: r.Nodes}
	sql, err := c.renderNode(n, builtins)
	if err != nil {
		return "", nil, err
	}
	t := n.template
	m := &SourceMap{path: n.Path, src: t.src, edits: c.bodyEdits(n, builtins), insOff: -1}
	if len(c.ephemeralClosure(n)) > 0 {
		body, err := c.renderBody(n, builtins)
		if err != nil {
			return "", nil, err
		}
		m.insLen = len(sql) - len(body)
		m.insOff = 0
		if t.withOff >= 0 {
			m.insOff = t.withOff
		}
	}
	return sql, m, nil
}

// bodyEdits are the edits renderBody applies, sorted by offset.
func (c *compilation) bodyEdits(n *Node, builtins map[string]string) []pgsql.Edit {
	t := n.template
	edits := append([]pgsql.Edit(nil), t.edits...)
	for _, v := range t.builtins {
		lit, ok := builtins[v.Name]
		if !ok {
			lit = builtinLiteral(v.Name)
		}
		edits = append(edits, pgsql.Edit{Off: v.Off, End: v.End, Text: lit})
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Off < edits[j].Off })
	return edits
}
