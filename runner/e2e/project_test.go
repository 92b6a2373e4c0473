package e2e

// slowProject is the project every test here runs: a table `big` whose build sleeps for
// ${sleep} seconds inside its SELECT (so the build's INSERT into the stage is the statement
// running on the server while the test acts), a table `after` that depends on it, and two
// append-only logs that record when each run started and when it got past `big`.
//
// ${ver} marks which run wrote big's rows: a reader can tell the old table from the new one
// and either from a partial one by (count, min(ver), max(ver)).
var slowProject = map[string]string{
	"flis.yaml": `name: e2e
vars:
  ver: 1
  sleep: 0
  run: none
models:
  +schema: dm
  +materialized: table
`,
	"models/ky/big.sql": `SELECT g AS id, ${ver} AS ver
FROM generate_series(1, 5000) AS g
CROSS JOIN (SELECT pg_sleep(${sleep})) AS slow
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
