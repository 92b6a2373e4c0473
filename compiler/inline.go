package compiler

import (
	"errors"
	"fmt"

	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/compiler/pgsql"
)

// CompileInline compiles SQL that is not a project file (`flis show --inline`): references to
// models, seeds and sources are resolved for the target exactly as in a model, and variables
// rendered. Ephemeral models cannot be referenced from inline SQL.
func (r *Result) CompileInline(src string) (string, error) {
	const file = "<inline>"
	a, err := pgsql.Analyze(src)
	var perr *pgsql.Error
	if errors.As(err, &perr) {
		d := diag.Errorf(posAt(file, src, perr.Off), "%s", perr.Msg)
		d.Hint = perr.Hint
		return "", diag.ErrorList{d}
	} else if err != nil {
		return "", err
	}
	c := &compilation{nodes: r.Nodes, vars: r.Vars, byName: map[string]string{}, byQual: map[string]string{},
		sources: map[string]string{}}
	for _, n := range r.Nodes {
		switch {
		case n.Model != nil:
			c.byName[n.Name] = n.ID
			c.byQual[n.Model.Config.Schema+"."+relName(n.Model.Config.Alias, n.Name)] = n.ID
		case n.Seed != nil:
			c.byName[n.Name] = n.ID
			c.byQual[n.Seed.Config.Schema+"."+n.Relation.Name] = n.ID
		case n.Source != nil:
			c.sources[n.Source.Source+"."+n.Name] = n.ID
		default:
			continue
		}
		c.relNames = append(c.relNames, n.Name)
	}
	var edits []pgsql.Edit
	for _, rel := range a.Relations {
		id, ok := c.lookup(rel.Schema, rel.Name)
		if !ok {
			if systemSchemas[rel.Schema] || rel.Schema != "" {
				continue // inline SQL may read any table the user can see
			}
			c.unknownRelation(posAt(file, src, rel.Off), rel)
			continue
		}
		n := r.Nodes[id]
		if n.Relation.IsZero() {
			c.diags.Add(diag.Errorf(posAt(file, src, rel.Off), "%s is ephemeral and does not exist in the warehouse", n.Name))
			continue
		}
		edits = append(edits, pgsql.Edit{Off: rel.Off, End: rel.End, Text: n.Relation.Quoted()})
	}
	for _, v := range a.Vars {
		val, ok := r.Vars[v.Name]
		if !ok {
			c.diags.Add(diag.Errorf(posAt(file, src, v.Off), "unknown variable %q", v.Name))
			continue
		}
		edits = append(edits, pgsql.Edit{Off: v.Off, End: v.End, Text: pgsql.Literal(val)})
	}
	if err := c.diags.Err(); err != nil {
		return "", err
	}
	out, err := pgsql.ApplyEdits(src, edits)
	if err != nil {
		return "", fmt.Errorf("rendering inline SQL: %w", err)
	}
	return out, nil
}
