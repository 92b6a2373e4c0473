package materialize

import (
	"fmt"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// Dialect holds the few places where the SQL of a plan depends on the warehouse flavour.
// Postgres is the only implementation today; a Citus dialect is meant to be added next to
// it without touching the planners: it distributes the stage right after the create-empty
// step and rejects unique keys that do not include the distribution column.
type Dialect interface {
	// Name identifies the dialect in messages.
	Name() string
	// Validate rejects model configurations the dialect cannot run.
	Validate(m Model) error
	// AfterCreateStage returns statements to run right after the stage was created empty
	// and before it is filled (Citus: SELECT create_distributed_table(...)).
	AfterCreateStage(m Model, stage Relation) []string
	// HasMerge reports whether the server version supports MERGE.
	HasMerge(serverVersion int) bool
	// DropIfExists returns one statement that drops rel whatever kind of relation it is
	// (table or view), and does nothing when it does not exist. It never cascades.
	DropIfExists(rel Relation) string
}

// Postgres is the dialect of plain PostgreSQL 13 and later.
type Postgres struct{}

// Name implements Dialect.
func (Postgres) Name() string { return "postgres" }

// Validate implements Dialect; PostgreSQL runs every configuration this package accepts.
func (Postgres) Validate(Model) error { return nil }

// AfterCreateStage implements Dialect; plain PostgreSQL needs nothing between create and fill.
func (Postgres) AfterCreateStage(Model, Relation) []string { return nil }

// HasMerge implements Dialect: MERGE arrived in PostgreSQL 15. A zero version is taken as
// "unknown" and planned for conservatively, without MERGE.
func (Postgres) HasMerge(v int) bool { return v >= 150000 }

// DropIfExists implements Dialect. `DROP TABLE IF EXISTS` fails when the name is a view
// (and vice versa), and a leftover stage may be either after a kind switch, so the kind is
// looked up at run time in a DO block: still a single statement.
func (Postgres) DropIfExists(rel Relation) string {
	name := pgsql.QuoteString(rel.String())
	return fmt.Sprintf(`DO $flis$
DECLARE
  kind "char";
BEGIN
  SELECT c.relkind INTO kind FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass(%[1]s);
  IF kind = 'v' THEN
    EXECUTE 'DROP VIEW ' || %[1]s;
  ELSIF kind = 'm' THEN
    EXECUTE 'DROP MATERIALIZED VIEW ' || %[1]s;
  ELSIF kind IS NOT NULL THEN
    EXECUTE 'DROP TABLE ' || %[1]s;
  END IF;
END
$flis$`, name)
}
