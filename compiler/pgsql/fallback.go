package pgsql

// fallbackRelations reads the relations from the structural scan alone, for statements the
// TiDB parser cannot read: every name in a table position of a FROM clause, except names of
// CTEs visible there. Visibility follows PostgreSQL: a CTE is visible in the rest of its
// query after its own body (and, under WITH RECURSIVE, in every body of its WITH clause,
// its own included).
func fallbackRelations(s *scan) []Relation {
	var rels []Relation
	for _, c := range s.cands {
		if c.schema == "" && s.cteVisible(c.name, c.start) {
			continue
		}
		rels = append(rels, s.relation(c))
	}
	return rels
}

func (s *scan) cteVisible(name string, at int) bool {
	for _, d := range s.ctes {
		if d.name != name || at >= d.scopeEnd {
			continue
		}
		if at > d.bodyClose || d.recursive && at > d.nameTok {
			return true
		}
	}
	return false
}
