package pgsql

// fallbackRelations reads the relations from the structural scan alone, for statements the
// TiDB parser cannot read: every name in a table position of a FROM clause, except names of
// CTEs visible there (see cteDef.visibleAt).
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
	for k := range s.ctes {
		if s.ctes[k].name == name && s.ctes[k].visibleAt(at) {
			return true
		}
	}
	return false
}
