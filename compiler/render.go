package compiler

import (
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/compiler/pgsql"
)

// render computes every node's CompiledSQL for a full build, in graph order so that
// ephemeral models are rendered before the models that inline them.
func (c *compilation) render(order []string) diag.List {
	var ds diag.List
	for _, id := range order {
		n := c.nodes[id]
		if n.template == nil {
			continue
		}
		sql, err := c.renderNode(n, nil)
		if err != nil {
			ds.Add(diag.Errorf(diag.Pos{File: n.Path}, "rendering SQL: %v", err))
			continue
		}
		n.CompiledSQL = sql
	}
	return ds
}

func (c *compilation) renderNode(n *Node, builtins map[string]string) (string, error) {
	body, err := c.renderBody(n, builtins)
	if err != nil {
		return "", err
	}
	ephs := c.ephemeralClosure(n)
	if len(ephs) == 0 {
		return body, nil
	}
	// Inline ephemeral models as CTEs named after them, in dependency order, so that one
	// ephemeral can use another. Their own references were already rewritten to these names.
	var ctes []string
	for _, id := range ephs {
		e := c.nodes[id]
		eb, err := c.renderBody(e, builtins)
		if err != nil {
			return "", err
		}
		ctes = append(ctes, pgsql.QuoteIdent(e.Name)+" AS (\n"+strings.TrimRight(eb, " \t\n;")+"\n)")
	}
	list := strings.Join(ctes, ",\n")
	if off := n.template.withOff; off >= 0 {
		return body[:off] + " " + list + ",\n" + body[off:], nil
	}
	return "WITH " + list + "\n" + body, nil
}

func (c *compilation) renderBody(n *Node, builtins map[string]string) (string, error) {
	return pgsql.ApplyEdits(n.template.src, c.bodyEdits(n, builtins))
}

// ephemeralClosure lists the ephemeral models n inlines, directly or through other
// ephemerals, dependencies first.
func (c *compilation) ephemeralClosure(n *Node) []string {
	var out []string
	seen := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		if seen[id] {
			return
		}
		seen[id] = true
		if t := c.nodes[id].template; t != nil {
			for _, e := range t.ephemerals {
				visit(e)
			}
		}
		out = append(out, id)
	}
	for _, e := range n.template.ephemerals {
		visit(e)
	}
	return out
}

// withInsertOffset finds where extra CTEs go when the statement already starts with WITH:
// right after "WITH" or "WITH RECURSIVE". It returns -1 when the statement has no WITH.
func withInsertOffset(src string) int {
	words, err := pgsql.LeadingTokens(src, 2) // reads only as far as it must
	if err != nil {
		return -1
	}
	if len(words) == 0 || !strings.EqualFold(words[0].Text, "with") {
		return -1
	}
	if len(words) > 1 && strings.EqualFold(words[1].Text, "recursive") {
		return words[1].End
	}
	return words[0].End
}
