// Package embedded runs flis's default warehouse: a private PostgreSQL cluster that flis
// creates and starts itself in the project's state folder (`.flis/pg`), so `flis build`
// works on a fresh clone with no database to set up.
//
// The cluster listens on a Unix socket only, trusts local connections (the socket directory
// is private to the server's user), and is started with initdb/pg_ctl found on PATH or in
// the usual install locations. Starts are serialised across processes with a file lock, so
// parallel `go test` packages and two flis commands can share one cluster.
package embedded
