// Package e2e proves the runner's promises at the level of processes, where they matter:
// two flis runs on one target never interleave (the advisory lock), a run killed with
// SIGKILL in the middle of a build never leaves a partial table visible and the next run
// converges, and Ctrl-C cancels the running query on the server, publishes nothing half
// done and exits 130. These are the guarantees a unit test cannot see: they involve the
// operating system's signals, the PostgreSQL server's view of sessions, and time.
//
// The tests re-execute their own binary as flis (see TestMain), so they need no separate
// build step, and each gets a fresh database from internal/pgtest.
package e2e
