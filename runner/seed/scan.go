package seed

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/flis-dk/flis/compiler/diag"
)

// scanner is an incremental CSV validator. It is fed the file in chunks as they stream to
// PostgreSQL and reads them exactly as COPY ... (FORMAT csv) will, so that every input it
// accepts loads with the same rows and fields, and every input it rejects gets a message
// with file:line:col. It never holds more than one field value, so memory stays flat.
//
// Where PostgreSQL's CSV reader is laxer than RFC 4180 the scanner is stricter, because the
// lax reading is almost never what the author meant: a quote inside an unquoted field
// (PostgreSQL starts quoting there), text after a closing quote (PostgreSQL glues it on),
// mixed line endings, and a line holding only \. (PostgreSQL stops reading there, silently
// dropping the rest of the file).
type scanner struct {
	file  string
	delim byte

	// Position of the next byte: 1-based line and column in runes.
	line, col int
	// pgLine mirrors PostgreSQL's cur_lineno, which counts a newline inside quotes only when
	// it matches the file's line ending; mapCopyError needs it to find the row COPY names.
	pgLine int
	eol    eolKind
	st     state

	rec       int64 // records completed; the header is record 1
	field     int   // index of the field being read in the current record
	fLine     int   // where the current field starts
	fCol      int
	rLine     int  // where the current record starts
	quoted    bool // the current field is quoted
	collect   bool // the current field's value is needed
	segStart  int  // start in the current chunk of the value bytes not yet copied to val
	val       []byte
	extraLine int // where the first field past the header's width starts
	extraCol  int

	header []string
	kinds  []kind // per column; nil while the header is read
	hints  []string

	// sample, when set, receives every data field (rec counts data rows from 1).
	sample func(rec int64, field int, v []byte, quoted bool)
	// onRecord, when set, is called at the end of every record with the positions of its
	// fields; a true result stops the scan.
	onRecord  func(rec int64, startLine, pgEndLine int, fields []fieldPos) bool
	fieldPos  []fieldPos
	stopped   bool
	utf8Error bool
	endMarker bool // the current record's first field is an unquoted \.

	errs    diag.List
	maxErrs int
}

type fieldPos struct{ line, col int }

type eolKind uint8

const (
	eolUnknown eolKind = iota
	eolLF
	eolCRLF
)

type state uint8

const (
	stFieldStart state = iota
	stUnquoted
	stQuoted
	stQuoteInQuoted // saw a quote inside a quoted field: an escaped quote or the closing one
	stCR            // saw a carriage return outside quotes; a line feed must follow
)

func newScanner(file string, delim byte, maxErrs int) *scanner {
	return &scanner{file: file, delim: delim, line: 1, col: 1, pgLine: 1, rLine: 1, fLine: 1, fCol: 1, maxErrs: maxErrs}
}

// done reports whether scanning should stop: enough errors, or onRecord asked to stop.
func (s *scanner) done() bool { return s.stopped || len(s.errs) >= s.maxErrs }

func (s *scanner) errorf(line, col int, hint, format string, args ...any) {
	if len(s.errs) >= s.maxErrs {
		return
	}
	d := diag.Errorf(diag.Pos{File: s.file, Line: line, Col: col}, format, args...)
	if hint != "" {
		d = d.WithHint("%s", hint)
	}
	s.errs.Add(d)
}

// dataRows is the number of data records read so far (the header excluded).
func (s *scanner) dataRows() int64 { return max(s.rec-1, 0) }

// special marks the bytes the unquoted loop must stop at; the delimiter is added per scanner.
var special = func() (t [256]bool) {
	for _, b := range []byte{'"', '\n', '\r', 0} {
		t[b] = true
	}
	for b := 0x80; b < 0x100; b++ {
		t[b] = true
	}
	return t
}()

// feed scans one chunk. A chunk must not end inside a UTF-8 sequence unless the file ends
// there (the reader carries partial runes over); that keeps rune decoding chunk-local.
func (s *scanner) feed(p []byte) {
	delim := s.delim
	i, n := 0, len(p)
	if s.collect {
		s.segStart = 0
	}
	for i < n && !s.done() {
		b := p[i]
		switch s.st {
		case stFieldStart:
			s.fLine, s.fCol = s.line, s.col
			s.quoted = false
			s.collect = s.wantValue(b)
			s.val = s.val[:0]
			switch b {
			case '"':
				s.quoted = true
				s.st = stQuoted
				s.col++
				i++
				s.segStart = i
				continue
			case delim:
				s.endField(nil)
				s.col++
				i++
				continue
			case '\n':
				s.endField(nil)
				s.lineEnd(false)
				i++
				continue
			case '\r':
				s.endField(nil)
				s.st = stCR
				i++
				continue
			}
			s.st = stUnquoted
			s.segStart = i
			fallthrough
		case stUnquoted:
			// The hot loop: most bytes of most seeds are plain ASCII inside unquoted fields.
			for i < n && !special[p[i]] && p[i] != delim {
				i++
				s.col++
			}
			if i == n {
				break
			}
			switch b = p[i]; {
			case b == delim:
				s.endField(s.take(p, i))
				s.st = stFieldStart
				s.col++
				i++
			case b == '\n':
				s.endField(s.take(p, i))
				s.st = stFieldStart
				s.lineEnd(false)
				i++
			case b == '\r':
				s.endField(s.take(p, i))
				s.st = stCR
				i++
			case b == '"':
				s.errorf(s.line, s.col, `quote the whole field and double the quotes inside it, like "a""b"`,
					"quote character inside an unquoted field")
				s.col++
				i++
			default:
				i = s.rune(p, i)
			}
		case stQuoted:
			for i < n {
				b = p[i]
				if b == '"' {
					break
				}
				switch {
				case b == '\n':
					s.line++
					s.col = 1
					if s.eol == eolLF {
						s.pgLine++
					}
					i++
				case b == '\r':
					if s.eol != eolLF {
						s.pgLine++
					}
					i++
				case b < 0x80 && b != 0:
					s.col++
					i++
				default:
					i = s.rune(p, i)
				}
			}
			if i == n {
				break
			}
			if s.collect {
				s.val = append(s.val, p[s.segStart:i]...)
			}
			s.st = stQuoteInQuoted
			s.col++
			i++
		case stQuoteInQuoted:
			switch b {
			case '"': // an escaped quote: the value holds one
				if s.collect {
					s.val = append(s.val, '"')
				}
				s.st = stQuoted
				s.col++
				i++
				s.segStart = i
			case delim:
				s.endField(s.val)
				s.st = stFieldStart
				s.col++
				i++
			case '\n':
				s.endField(s.val)
				s.st = stFieldStart
				s.lineEnd(false)
				i++
			case '\r':
				s.endField(s.val)
				s.st = stCR
				i++
			default:
				s.errorf(s.line, s.col, "a quoted field ends at its closing quote; put the text inside the quotes",
					"text after the closing quote of a field")
				// Read on as PostgreSQL would, gluing the rest on, to find later errors.
				s.st = stUnquoted
				s.segStart = i
			}
		case stCR:
			if b == '\n' {
				s.st = stFieldStart
				s.lineEnd(true)
				i++
				continue
			}
			if s.eol == eolUnknown {
				s.errorf(s.line, s.col, `save the file with \n or \r\n line endings`,
					"the first line ends with a bare carriage return (\\r)")
				s.maxErrs = len(s.errs) // every line would repeat it
				break
			}
			s.errorf(s.line, s.col, `save the file with \n or \r\n line endings`,
				"carriage return (\\r) outside quotes that does not end a line")
			s.st = stFieldStart
			s.lineEnd(true) // treat it as a line end and go on
		}
	}
	if s.collect && (s.st == stUnquoted || s.st == stQuoted) {
		s.val = append(s.val, p[s.segStart:i]...)
	}
}

// wantValue decides at a field's first byte whether its value must be kept: header names,
// checked types, samples, and a first field starting with a backslash (the \. marker).
func (s *scanner) wantValue(first byte) bool {
	if s.rec == 0 || s.sample != nil {
		return true
	}
	if s.field < len(s.kinds) && s.kinds[s.field] > kindOther {
		return true
	}
	return s.field == 0 && first == '\\'
}

// take returns the unquoted field value ending at p[i], without copying when it lies
// entirely in this chunk.
func (s *scanner) take(p []byte, i int) []byte {
	if !s.collect {
		return nil
	}
	if len(s.val) == 0 {
		return p[s.segStart:i]
	}
	s.val = append(s.val, p[s.segStart:i]...)
	return s.val
}

// rune consumes the multi-byte sequence (or NUL) at p[i] and returns the next index.
func (s *scanner) rune(p []byte, i int) int {
	if p[i] == 0 {
		s.errorf(s.line, s.col, "PostgreSQL text cannot hold NUL; is this a UTF-16 or binary file?", "NUL byte in the file")
		s.col++
		return i + 1
	}
	r, size := utf8.DecodeRune(p[i:])
	if r == utf8.RuneError && size <= 1 {
		if !s.utf8Error { // one report per file: the fix is to re-encode all of it
			s.utf8Error = true
			s.errorf(s.line, s.col, "save the file as UTF-8; it looks like Latin-1 or Windows-1252",
				"invalid UTF-8 byte 0x%02x", p[i])
		}
		size = 1
	}
	s.col++
	return i + size
}

// lineEnd handles a line ending outside quotes: it ends the record.
func (s *scanner) lineEnd(crlf bool) {
	switch {
	case s.eol == eolUnknown && crlf:
		s.eol = eolCRLF
	case s.eol == eolUnknown:
		s.eol = eolLF
	case s.eol == eolLF && crlf:
		s.errorf(s.line, s.col, "save the file with one kind of line ending",
			`line ends with \r\n, but the first line ends with \n`)
	case s.eol == eolCRLF && !crlf:
		s.errorf(s.line, s.col, "save the file with one kind of line ending",
			`line ends with \n, but the first line ends with \r\n`)
	}
	s.endRecord()
	s.line++
	s.pgLine++
	s.col = 1
	s.rLine = s.line
}

// endField finishes the current field with value v (nil and unquoted: NULL).
func (s *scanner) endField(v []byte) {
	if s.onRecord != nil {
		s.fieldPos = append(s.fieldPos, fieldPos{s.fLine, s.fCol})
	}
	switch {
	case s.rec == 0:
		s.headerField(v)
	case s.field == len(s.kinds):
		s.extraLine, s.extraCol = s.fLine, s.fCol
	case s.field < len(s.kinds):
		if s.sample != nil {
			s.sample(s.rec, s.field, v, s.quoted)
		}
		if k := s.kinds[s.field]; k > kindOther && (len(v) > 0 || s.quoted) {
			if problem, fix := checkValue(k, v); problem != "" {
				s.errorf(s.fLine, s.fCol, joinHints(fix, s.hints[s.field]), "field %d (%q): %s %s",
					s.field+1, s.header[s.field], quoteValue(v), problem)
			}
		}
	}
	if s.field == 0 {
		s.endMarker = !s.quoted && len(v) == 2 && v[0] == '\\' && v[1] == '.'
	}
	s.field++
}

func (s *scanner) headerField(v []byte) {
	name := string(v)
	if s.field == 0 {
		name = strings.TrimPrefix(name, "\uFEFF") // a BOM the reader did not see (fields fed directly)
	}
	switch {
	case name == "":
		s.errorf(s.fLine, s.fCol, "every column needs a name", "field %d of the header is empty", s.field+1)
	case len(name) > 63:
		s.errorf(s.fLine, s.fCol, "PostgreSQL cuts names at 63 bytes", "column name %q is longer than 63 bytes", name)
	default:
		for j, prev := range s.header {
			if prev == name {
				s.errorf(s.fLine, s.fCol, fmt.Sprintf("field %d has the same name", j+1),
					"duplicate column name %q in field %d of the header", name, s.field+1)
				break
			}
		}
	}
	s.header = append(s.header, name)
}

// endRecord checks the field count of the record just read.
func (s *scanner) endRecord() {
	width := len(s.kinds)
	switch {
	case s.rec == 0:
		if s.kinds == nil { // Infer: nothing declared, nothing checked
			s.kinds = make([]kind, len(s.header))
			s.hints = make([]string, len(s.header))
		}
		width = len(s.kinds)
	case s.field == 1 && s.endMarker:
		s.errorf(s.rLine, 1, `PostgreSQL ends COPY data at a line holding only \.; quote it as "\."`,
			`line holding only \. would end the data here`)
	case s.field == 1 && width > 1 && s.fCol == 1 && !s.quoted && s.fLine == s.line && s.col == 1:
		s.errorf(s.fLine, 1, "delete it; PostgreSQL reads an empty line as a row of NULLs and rejects it",
			"empty line")
	case s.field < width:
		s.errorf(s.line, s.col, "", "row has %d fields, but the header has %d", s.field, width)
	case s.field > width:
		s.errorf(s.extraLine, s.extraCol, "quote fields that contain the delimiter "+quoteRune(s.delim),
			"row has %d fields, but the header has %d", s.field, width)
	}
	s.rec++
	s.field = 0
	if s.onRecord != nil {
		if s.onRecord(s.rec, s.rLine, s.pgLine, s.fieldPos) {
			s.stopped = true
		}
		s.fieldPos = s.fieldPos[:0]
	}
}

// finish handles the end of the file.
func (s *scanner) finish() {
	if s.done() {
		return
	}
	switch s.st {
	case stQuoted:
		s.errorf(s.fLine, s.fCol, `a field that starts with " must end with "; write a quote inside it as ""`,
			"quoted field is never closed")
	case stFieldStart:
		if s.field > 0 { // the last line ends with a delimiter and no newline
			s.fLine, s.fCol = s.line, s.col
			s.quoted = false
			s.endField(nil)
			s.endRecord()
		}
	case stUnquoted:
		var v []byte
		if s.collect { // feed has copied the whole value into val
			v = s.val
		}
		s.endField(v)
		s.endRecord()
	case stQuoteInQuoted:
		s.endField(s.val)
		s.endRecord()
	case stCR:
		if s.eol == eolLF {
			s.errorf(s.line, s.col, "save the file with one kind of line ending", `file ends with \r, but the first line ends with \n`)
		}
		s.endRecord()
	}
}

// quoteValue shows a value in a message, shortened so one huge field cannot flood it.
func quoteValue(v []byte) string {
	const limit = 60
	if utf8.RuneCount(v) > limit {
		r := []rune(string(v))
		return fmt.Sprintf("%q...", string(r[:limit]))
	}
	return fmt.Sprintf("%q", v)
}

func quoteRune(b byte) string {
	if b == '\t' {
		return `\t`
	}
	return fmt.Sprintf("%q", string(b))
}

// joinHints joins the non-empty hints with "; ".
func joinHints(hs ...string) string {
	var out []string
	for _, h := range hs {
		if h != "" {
			out = append(out, h)
		}
	}
	return strings.Join(out, "; ")
}
