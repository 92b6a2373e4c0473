package e2e

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/flis-dk/flis/internal/pgtest"
)

// slowProject is the project every test here runs: a table `big` whose build reads the
// source dsa.gate, a table `after` that depends on it, and two append-only logs that record
// when each run started and when it got past `big`. A test that holds an exclusive lock on
// dsa.gate (see closeGate) stops every run in the middle of building big's stage, for as
// long as it likes: the tests act on a run in a known state instead of racing a sleep.
//
// ${ver} marks which run wrote big's rows: a reader can tell the old table from the new one
// and either from a partial one by (count, min(ver), max(ver)).
var slowProject = map[string]string{
	"flis.yaml": `name: e2e
vars:
  ver: 1
  run: none
models:
  +schema: dm
  +materialized: table
`,
	"models/ky/big.sql": `SELECT g AS id, ${ver} AS ver
FROM generate_series(1, 5000) AS g
CROSS JOIN (SELECT count(*) FROM dsa.gate) AS gate
`,
	"models/ky/_sources.yml": `sources:
  - name: dsa
    tables:
      - name: gate
`,
	"models/ky/after.sql": `SELECT count(*) AS n, max(ver) AS ver FROM big
`,
	"models/ky/log_start.sql": `SELECT ${run}::text AS run, clock_timestamp() AS t
`,
	"models/ky/log_start.yml": `config: {materialized: incremental, incremental_strategy: append}
`,
	"models/ky/log_end.sql": `SELECT ${run}::text AS run, clock_timestamp() AS t, (SELECT count(*) FROM big) AS n
`,
	"models/ky/log_end.yml": `config: {materialized: incremental, incremental_strategy: append}
`,
}

// bigState is what a reader of dm.big sees: rows, and the versions among them.
const bigState = `SELECT count(*), min(ver), max(ver) FROM dm.big`

// setupGate creates the gate table every run of slowProject reads.
// builtBig writes slowProject, sets up its gate (open) and publishes big once: the state a
// test of what happens to a published table starts from.
func builtBig(t *testing.T) (dsn string, d *db, dir string) {
	t.Helper()
	dsn = pgtest.DSN(t)
	d = connect(t, dsn)
	dir = writeProject(t, slowProject)
	setupGate(d)
	first := startFlis(t, "first run", dir, dsn, "run", "--select", "big")
	if code := first.wait(60 * time.Second); code != 0 {
		t.Fatalf("first run: exit %d\n%s\n%s", code, first.stdout(), first.stderr())
	}
	return dsn, d, dir
}

func setupGate(d *db) {
	d.exec(`CREATE SCHEMA dsa`)
	d.exec(`CREATE TABLE dsa.gate (x integer)`)
}

// closeGate locks dsa.gate from a transaction of its own until the returned function is
// called: meanwhile any run that builds big blocks on it, holding its advisory lock.
func closeGate(t *testing.T, dsn string) (open func()) {
	t.Helper()
	conn := connect(t, dsn).conn
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE dsa.gate IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	open = func() { once.Do(func() { tx.Commit(ctx) }) }
	t.Cleanup(open)
	return open
}

// waitBlocked waits until a flis session's statement is blocked on the gate.
func waitBlocked(t *testing.T, d *db) {
	t.Helper()
	const sql = `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
		AND application_name = 'flis' AND state = 'active' AND wait_event_type = 'Lock'
		AND strpos(query, '"dsa"."gate"') > 0`
	eventually(t, 60*time.Second, "a flis statement blocked on dsa.gate", func() bool { return d.text(sql) != "0" })
}
