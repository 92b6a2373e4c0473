package sampledata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// rowWriter receives one table's rows, value by value. Table generators write through it and
// never see the wire format. Two implementations: valuesRows (copy_values.go) feeds
// pgx.CopyFrom and is what Generate uses; textRows below writes COPY text, the canonical byte
// form that the golden and determinism tests hash, and the other side of BenchmarkCopyMethod.
type rowWriter interface {
	str(s string)
	strOrNull(s string, ok bool)
	id(prefix string, v uint64) // prefix + 16 hex digits of v
	idOrNull(prefix string, v uint64, ok bool)
	int(n int64)
	intOrNull(n int64, ok bool)
	date(d date) // noDate writes NULL
	stamp(t stamp)
	dec(units int64, scale int) // units / 10^scale, exact
	decOrNull(units int64, scale int, ok bool)
	uuid(u [16]byte)
	bool(b bool)
	// end finishes a row; a non-nil error (the consumer went away) stops the generator.
	end() error
}

// textRows encodes rows in PostgreSQL's COPY text format into a buffer that is handed to w
// whenever it passes flushAt bytes, so memory stays flat whatever the table size.
type textRows struct {
	w    io.Writer
	b    []byte
	rows int64
	err  error
}

const flushAt = 256 << 10

func newTextRows(w io.Writer) *textRows {
	return &textRows{w: w, b: make([]byte, 0, flushAt+4096)}
}

func (t *textRows) str(s string) {
	// COPY text needs backslash, tab, newline and carriage return escaped; generated values
	// never hold them, but escaping keeps the encoder correct for any input.
	if strings.ContainsAny(s, "\\\t\n\r") {
		for i := 0; i < len(s); i++ {
			switch c := s[i]; c {
			case '\\':
				t.b = append(t.b, '\\', '\\')
			case '\t':
				t.b = append(t.b, '\\', 't')
			case '\n':
				t.b = append(t.b, '\\', 'n')
			case '\r':
				t.b = append(t.b, '\\', 'r')
			default:
				t.b = append(t.b, c)
			}
		}
	} else {
		t.b = append(t.b, s...)
	}
	t.b = append(t.b, '\t')
}

func (t *textRows) null() { t.b = append(t.b, '\\', 'N', '\t') }

func (t *textRows) strOrNull(s string, ok bool) {
	if !ok {
		t.null()
		return
	}
	t.str(s)
}

const hexDigits = "0123456789abcdef"

func (t *textRows) id(prefix string, v uint64) {
	t.b = append(t.b, prefix...)
	for sh := 60; sh >= 0; sh -= 4 {
		t.b = append(t.b, hexDigits[v>>uint(sh)&15])
	}
	t.b = append(t.b, '\t')
}

func (t *textRows) idOrNull(prefix string, v uint64, ok bool) {
	if !ok {
		t.null()
		return
	}
	t.id(prefix, v)
}

func (t *textRows) int(n int64) {
	t.b = strconv.AppendInt(t.b, n, 10)
	t.b = append(t.b, '\t')
}

func (t *textRows) intOrNull(n int64, ok bool) {
	if !ok {
		t.null()
		return
	}
	t.int(n)
}

func (t *textRows) date(d date) {
	if d == noDate {
		t.null()
		return
	}
	t.b = d.appendTo(t.b)
	t.b = append(t.b, '\t')
}

func (t *textRows) stamp(s stamp) {
	t.b = s.appendTo(t.b)
	t.b = append(t.b, '\t')
}

func (t *textRows) dec(units int64, scale int) {
	t.b = appendDec(t.b, units, scale)
	t.b = append(t.b, '\t')
}

func (t *textRows) decOrNull(units int64, scale int, ok bool) {
	if !ok {
		t.null()
		return
	}
	t.dec(units, scale)
}

// appendDec writes units/10^scale in plain decimal notation ("32.5", "0.75", "-1.20").
func appendDec(b []byte, units int64, scale int) []byte {
	if units < 0 {
		b = append(b, '-')
		units = -units
	}
	s := strconv.FormatInt(units, 10)
	if scale == 0 {
		return append(b, s...)
	}
	for len(s) <= scale {
		s = "0" + s
	}
	b = append(b, s[:len(s)-scale]...)
	b = append(b, '.')
	return append(b, s[len(s)-scale:]...)
}

func (t *textRows) uuid(u [16]byte) {
	t.b = appendUUID(t.b, u)
	t.b = append(t.b, '\t')
}

func appendUUID(b []byte, u [16]byte) []byte {
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

func (t *textRows) bool(v bool) {
	if v {
		t.b = append(t.b, 't', '\t')
	} else {
		t.b = append(t.b, 'f', '\t')
	}
}

func (t *textRows) end() error {
	if t.err != nil {
		return t.err
	}
	t.b[len(t.b)-1] = '\n' // the last value's tab ends the row
	t.rows++
	if len(t.b) >= flushAt {
		return t.flush()
	}
	return nil
}

func (t *textRows) flush() error {
	if t.err == nil && len(t.b) > 0 {
		_, t.err = t.w.Write(t.b)
		t.b = t.b[:0]
	}
	return t.err
}

// copyText streams the rows produced by gen into table with COPY ... FROM STDIN in text
// format. gen runs in its own goroutine and writes into a pipe that pgconn reads from, so
// generating and sending overlap and at most one buffer of rows exists at a time. It returns
// the number of rows. Generate uses copyValues, measured faster; see copy_values.go.
func copyText(ctx context.Context, pc *pgconn.PgConn, table string, cols []string, gen func(rowWriter) error) (int64, error) {
	pr, pw := io.Pipe()
	tr := newTextRows(pw)
	done := make(chan error, 1)
	go func() {
		err := gen(tr)
		if err == nil {
			err = tr.flush()
		}
		pw.CloseWithError(err) // nil closes cleanly: COPY sees end of data
		done <- err
	}()
	sql := fmt.Sprintf("COPY %s (%s) FROM STDIN", table, strings.Join(cols, ", "))
	tag, err := pc.CopyFrom(ctx, pr, sql)
	// If COPY failed, the generator may be blocked writing: unblock it, then wait, so no
	// goroutine outlives the call.
	pr.CloseWithError(errCopyAborted)
	genErr := <-done
	if genErr != nil && !errors.Is(genErr, errCopyAborted) {
		return 0, fmt.Errorf("generating %s: %w", table, genErr)
	}
	if err != nil {
		return 0, fmt.Errorf("COPY %s: %w", table, err)
	}
	if tag.RowsAffected() != tr.rows {
		return 0, fmt.Errorf("COPY %s: server stored %d rows, generator wrote %d", table, tag.RowsAffected(), tr.rows)
	}
	return tr.rows, nil
}

var errCopyAborted = errors.New("copy aborted")
