package warehouse

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// StmtError is a statement the database refused. It unwraps to the driver's error
// (*pgconn.PgError when the server answered).
type StmtError struct {
	Stmt     string
	Position int // 1-based character offset into Stmt from the server; 0 when unknown
	Cause    error
	// ctxErr is the context's error when the statement failed because its context ended:
	// the server then reports "canceling statement due to user request", which says
	// nothing about why; errors.Is(err, context.Canceled) must still hold for the CLI to
	// exit with 130.
	ctxErr error
}

// Line returns the 1-based line and column of Position within Stmt, or 0, 0.
func (e *StmtError) Line() (line, col int) {
	if e.Position <= 0 {
		return 0, 0
	}
	line, col = 1, 1
	n := 1
	// The server counts characters, not bytes.
	for _, r := range e.Stmt {
		if n == e.Position {
			return line, col
		}
		n++
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// Error reads "3:7: column "x" does not exist (SQLSTATE 42703); detail: ... (hint: ...)",
// with the line:col inside the statement when the server gave a position. The caller
// prefixes the file or model the statement came from.
func (e *StmtError) Error() string {
	if e.ctxErr != nil {
		return "statement interrupted: " + e.ctxErr.Error()
	}
	var b strings.Builder
	if line, col := e.Line(); line > 0 {
		fmt.Fprintf(&b, "%d:%d: ", line, col)
	}
	var pg *pgconn.PgError
	if errors.As(e.Cause, &pg) {
		b.WriteString(pg.Message)
		fmt.Fprintf(&b, " (SQLSTATE %s)", pg.Code)
		if pg.Detail != "" {
			b.WriteString("; detail: " + pg.Detail)
		}
		if pg.Where != "" && pg.InternalQuery == "" {
			b.WriteString("; context: " + pg.Where)
		}
		if pg.Hint != "" {
			b.WriteString(" (hint: " + pg.Hint + ")")
		} else if pg.Code == "42601" && strings.Contains(pg.Message, "multiple commands") {
			b.WriteString(" (hint: flis sends one statement at a time; split it)")
		}
		return b.String()
	}
	b.WriteString(e.Cause.Error())
	return b.String()
}

// Unwrap returns the driver error and, for an interrupted statement, the context's error.
func (e *StmtError) Unwrap() []error {
	if e.ctxErr != nil {
		return []error{e.Cause, e.ctxErr}
	}
	return []error{e.Cause}
}

// Excerpt returns the statement line holding the error position and a caret under the
// column, for printing below the message; "" without a position.
func (e *StmtError) Excerpt() string {
	line, col := e.Line()
	if line == 0 {
		return ""
	}
	text := strings.Split(e.Stmt, "\n")[line-1]
	pad := []rune(text)
	if col-1 < len(pad) {
		pad = pad[:col-1]
	}
	for i, r := range pad {
		if r != '\t' {
			pad[i] = ' '
		}
	}
	return text + "\n" + string(pad) + "^"
}

// stmtError is newStmtError for a statement run under ctx: when ctx has ended, the error
// also matches ctx.Err().
func stmtError(ctx context.Context, sql string, err error) error {
	err = newStmtError(sql, err)
	var se *StmtError
	if ctx.Err() != nil && errors.As(err, &se) && se.ctxErr == nil {
		se.ctxErr = ctx.Err()
	}
	return err
}

// newStmtError wraps a failure of sql in a *StmtError.
func newStmtError(sql string, err error) error {
	if err == nil {
		return nil
	}
	var se *StmtError
	if errors.As(err, &se) {
		return err
	}
	e := &StmtError{Stmt: sql, Cause: err}
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.InternalQuery == "" {
		e.Position = int(pg.Position)
	}
	return e
}

// ConnectError says the warehouse could not be reached: where, why, and what to do.
type ConnectError struct {
	Target string // "socket /x/.s.PGSQL.5432" or "host db:5432"; passwords redacted
	Reason string // what failed, for people
	Hint   string
	Err    error // the driver's error
}

func (e *ConnectError) Error() string {
	s := "cannot connect to the warehouse at " + e.Target + ": " + e.Reason
	if e.Hint != "" {
		s += " (hint: " + e.Hint + ")"
	}
	return s
}

func (e *ConnectError) Unwrap() error { return e.Err }

// connectError explains a failed connection attempt. The raw driver message is kept at the
// end of Reason when no plainer explanation fits, so nothing is lost.
func connectError(cfg *pgx.ConnConfig, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		if errors.Is(err, context.DeadlineExceeded) {
			return &ConnectError{Target: target(cfg), Reason: "timed out", Err: err,
				Hint: "is the server up and reachable?"}
		}
		return err
	}
	ce := &ConnectError{Target: target(cfg), Err: err}
	socket := strings.HasPrefix(cfg.Host, "/")
	if socket {
		ce.Hint = "start the embedded warehouse with `flis warehouse start`, or set FLIS_DSN to another server"
	} else {
		ce.Hint = "check FLIS_DSN or the target's dsn, and that the server accepts connections from here"
	}
	var pg *pgconn.PgError
	switch {
	case errors.As(err, &pg):
		switch pg.Code {
		case "28P01", "28000":
			ce.Reason = fmt.Sprintf("user %q was refused: %s", cfg.User, pg.Message)
			ce.Hint = "check the user and password in the DSN, and pg_hba.conf on the server"
		case "3D000":
			ce.Reason = fmt.Sprintf("database %q does not exist", cfg.Database)
			ce.Hint = "create it, or fix the database name in the DSN"
		case "53300":
			ce.Reason = "the server has no free connection slots"
			ce.Hint = "lower --threads, or raise max_connections on the server"
		case "57P03":
			ce.Reason = "the server is starting up or shutting down"
			ce.Hint = "try again in a moment"
		default:
			ce.Reason = fmt.Sprintf("%s (SQLSTATE %s)", pg.Message, pg.Code)
		}
	case errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED):
		ce.Reason = "no server is listening there"
	case isDNSError(err):
		ce.Reason = fmt.Sprintf("host %q not found", cfg.Host)
	default:
		ce.Reason = innermost(err)
	}
	return ce
}

func isDNSError(err error) bool {
	var d *net.DNSError
	return errors.As(err, &d)
}

// innermost returns the message of the deepest wrapped error, which for network failures is
// the part that says what happened ("connection reset by peer"), without the DSN echo.
func innermost(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}

// target describes where cfg points, without credentials.
func target(cfg *pgx.ConnConfig) string {
	var s string
	if strings.HasPrefix(cfg.Host, "/") {
		s = fmt.Sprintf("socket %s/.s.PGSQL.%d", cfg.Host, cfg.Port)
	} else {
		s = fmt.Sprintf("host %s:%d", cfg.Host, cfg.Port)
	}
	return fmt.Sprintf("%s (user %s, database %s)", s, cfg.User, cfg.Database)
}
