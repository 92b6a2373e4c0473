package seed

import (
	"bytes"
	"context"
	"errors"
	"io"
	"unicode/utf8"
)

// errInvalid aborts a COPY when the scanner has found a problem; the problems themselves
// are in the scanner's list. PostgreSQL sees it as the CopyFail message.
var errInvalid = errors.New("flis: seed file is invalid")

var bom = []byte{0xEF, 0xBB, 0xBF}

// validatingReader is the io.Reader handed to pgconn's CopyFrom: each chunk it returns has
// passed through the scanner first, in the same goroutine, so validation costs one pass
// over bytes already in cache and no copying or synchronisation. It drops a UTF-8 byte
// order mark and holds back a rune split by a chunk boundary until the next Read.
type validatingReader struct {
	ctx   context.Context
	r     io.Reader
	sc    *scanner
	carry [utf8.UTFMax + len("\uFEFF")]byte
	nc    int
	start bool // the file's first bytes are not read yet
	eof   bool // the scanner has seen the end of the file
	small [64]byte
	out   []byte // scanned bytes not yet returned, when the caller's buffer is small
	n     int64  // bytes handed on (after the BOM)
	err   error  // sticky
}

func newValidatingReader(ctx context.Context, r io.Reader, sc *scanner) *validatingReader {
	return &validatingReader{ctx: ctx, r: r, sc: sc, start: true}
}

func (v *validatingReader) Read(p []byte) (int, error) {
	if len(v.out) > 0 {
		n := copy(p, v.out)
		v.out = v.out[n:]
		return n, nil
	}
	if v.err != nil {
		return 0, v.err
	}
	if err := v.ctx.Err(); err != nil {
		v.err = err
		return 0, err
	}
	buf := p
	if len(p) < len(v.small) { // too small to be sure of holding a whole rune: use ours
		buf = v.small[:]
	}
	n, eof, err := v.next(buf)
	switch {
	case err != nil:
		v.err = err
		return 0, err
	case len(v.sc.errs) > 0:
		v.err = errInvalid // abort the COPY; drain collects the rest
		return 0, errInvalid
	case eof:
		v.err = io.EOF
	}
	if len(buf) != len(p) {
		k := copy(p, buf[:n])
		v.out = buf[k:n]
		return k, nil // io.EOF, if it is, comes with the next call
	}
	return n, v.err
}

// next reads, scans and returns the next chunk in p; eof is true once the file is done.
func (v *validatingReader) next(p []byte) (int, bool, error) {
	if v.eof {
		return 0, true, nil
	}
	if v.start {
		v.start = false
		// Read enough to see whether the file starts with a BOM; ReadFull stops early only
		// at the end of a shorter file.
		n, err := io.ReadFull(v.r, v.carry[:len(bom)])
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return 0, false, err
		}
		v.nc = n
		if bytes.Equal(v.carry[:n], bom) {
			v.nc = 0
		}
	}
	for {
		k := copy(p, v.carry[:v.nc])
		copy(v.carry[:], v.carry[k:v.nc])
		v.nc -= k
		m, err := v.r.Read(p[k:])
		total := k + m
		if err != nil && err != io.EOF {
			return 0, false, err
		}
		eof := err == io.EOF && v.nc == 0
		cut := total
		if !eof {
			cut = runeBoundary(p[:total])
			v.nc += copy(v.carry[v.nc:], p[cut:total])
		}
		v.sc.feed(p[:cut])
		v.n += int64(cut)
		if eof {
			v.sc.finish()
			v.eof = true
			return cut, true, nil
		}
		if cut > 0 {
			return cut, false, nil
		}
		// Everything read was a partial rune (tiny p): read again rather than return 0.
	}
}

// drain scans the rest of the file after a COPY was aborted, so one run reports as many
// problems as the scanner's limit allows rather than only the first.
func (v *validatingReader) drain() error {
	if v.err == io.EOF {
		return nil
	}
	buf := make([]byte, 64<<10)
	for !v.sc.done() {
		_, eof, err := v.next(buf)
		if err != nil {
			return err
		}
		if eof {
			return nil
		}
	}
	return nil
}

// runeBoundary returns the largest i such that p[:i] does not end inside a UTF-8 sequence
// that could still be completed by the next bytes. Invalid bytes count as complete: the
// scanner reports them.
func runeBoundary(p []byte) int {
	for back := 1; back <= utf8.UTFMax-1 && back <= len(p); back++ {
		b := p[len(p)-back]
		if b < 0x80 {
			return len(p)
		}
		if b >= 0xC0 { // a lead byte: is its sequence complete?
			if utf8.FullRune(p[len(p)-back:]) {
				return len(p)
			}
			return len(p) - back
		}
	}
	return len(p)
}
