package materialize

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// maxIdentLen is PostgreSQL's NAMEDATALEN-1: longer identifiers are silently truncated by
// the server, which would make two derived names collide or a rename miss its target.
const maxIdentLen = 63

// Suffixes of the relations a run derives from the model's relation. They are fixed so that
// the next run can find and drop the leftovers of a killed one.
const (
	stageSuffix = "__flis_stage"
	oldSuffix   = "__flis_old"
)

// body returns SQL ready to be embedded in a statement of a plan: without trailing
// semicolons and comments (see pgsql.TrimStatement). Model SQL has been through validate
// by then; text that does not trim is embedded unchanged and left to the server to refuse.
func body(sql string) string {
	s, _ := pgsql.TrimStatement(sql)
	return s
}

// derivedName appends suffix to base, keeping the result within maxIdentLen bytes. When it
// does not fit, base is cut at a rune boundary and an 8-hex-digit hash of the full base is
// inserted, so two long names sharing a prefix still derive different names.
func derivedName(base, suffix string) string {
	if len(base)+len(suffix) <= maxIdentLen {
		return base + suffix
	}
	sum := sha256.Sum256([]byte(base))
	tag := "_" + hex.EncodeToString(sum[:4])
	keep := maxIdentLen - len(suffix) - len(tag)
	// len(base) > keep here; step back to a rune boundary so the name stays valid UTF-8.
	cut := keep
	for cut > 0 && !utf8.RuneStart(base[cut]) {
		cut--
	}
	return base[:cut] + tag + suffix
}

// StageRelation is where a build writes before it replaces r (a model's or a seed's):
// same schema as the target, because renaming across schemas is not possible and TEMP
// tables cannot be distributed by Citus.
func StageRelation(r Relation) Relation {
	return Relation{Schema: r.Schema, Name: derivedName(r.Name, stageSuffix)}
}

// OldRelation is where the published r is moved while the stage takes its place.
func OldRelation(r Relation) Relation {
	return Relation{Schema: r.Schema, Name: derivedName(r.Name, oldSuffix)}
}

// indexName is the stable name an index carries on the published relation; stable names
// let `CREATE INDEX IF NOT EXISTS` recognise an index across runs.
func indexName(r Relation, ix Index) string {
	suffix := "_idx"
	if ix.Unique {
		suffix = "_uidx"
	}
	return derivedName(r.Name+"__"+strings.Join(ix.Columns, "_"), suffix)
}

// isIndexName reports whether name has the form of indexName's names for r: such an index
// was built by flis for an entry of the model's indexes config.
func isIndexName(r Relation, name string) bool {
	return strings.HasPrefix(name, r.Name+"__") && (strings.HasSuffix(name, "_idx") || strings.HasSuffix(name, "_uidx"))
}

// stageIndexName is the index's name while it sits on the stage. Index names are unique per
// schema, so it must differ from the published index's name until the swap frees that.
func stageIndexName(r Relation, ix Index) string {
	return derivedName(indexName(r, ix), stageSuffix)
}
