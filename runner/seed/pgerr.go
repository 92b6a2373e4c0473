package seed

import (
	"context"
	"errors"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/flis-dk/flis/compiler/diag"
)

// mapCopyError turns a COPY error that names a row ("COPY t, line 7, column dato: ...") into
// a diagnostic at the file's line and the field's column. PostgreSQL rejects values the
// scanner does not check (varchar(2), uuid, numeric(5,2) overflow ...), and counts lines its
// own way, so the file is scanned again up to that row to find where it really is. The
// second scan happens only on this error path; the load itself keeps no per-row index.
func (l *loader) mapCopyError(path string, err error) (diag.Diag, bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code == "57014" { // 57014: our own CopyFail
		return diag.Diag{}, false
	}
	line, column, ok := parseCopyWhere(pe.Where, l.names())
	if !ok {
		return diag.Diag{}, false
	}
	pos, field, found := l.locate(path, line, column)
	if !found {
		return diag.Diag{}, false
	}
	msg := pe.Message
	hint := joinHints(strings.TrimSuffix(pe.Detail, "."), strings.TrimSuffix(pe.Hint, "."))
	if field >= 0 {
		msg = "field " + strconv.Itoa(field+1) + " (" + strconv.Quote(column) + "): " + msg
		hint = joinHints(hint, l.specs[field].hint)
	}
	d := diag.Diag{Pos: pos, Severity: diag.Error, Msg: msg, Hint: hint}
	return d, true
}

func (l *loader) names() []string {
	out := make([]string, len(l.specs))
	for i, c := range l.specs {
		out[i] = c.Name
	}
	return out
}

// parseCopyWhere reads "COPY <table>, line <n>[, column <name>][: <value>]". The column
// name is matched against the known names, longest first, because a name may itself
// contain ", " or ": ".
func parseCopyWhere(where string, names []string) (line int, column string, ok bool) {
	// The CONTEXT may hold several lines, innermost first (a function called from a column
	// default), and the value COPY shows may itself hold newlines: take the first line
	// that starts with "COPY " and everything after it.
	start := strings.Index("\n"+where, "\nCOPY ")
	if start < 0 {
		return 0, "", false
	}
	w := where[start:]
	// The first ", line " followed by a digit: a value shown after the column may hold
	// the same text, a table name (ours: <seed>__flis_stage) realistically does not.
	i := -1
	for j := 0; ; {
		k := strings.Index(w[j:], ", line ")
		if k < 0 {
			break
		}
		k += j
		if d := k + len(", line "); d < len(w) && isDigit(w[d]) {
			i = k
			break
		}
		j = k + 1
	}
	if i < 0 {
		return 0, "", false
	}
	rest := w[i+len(", line "):]
	n := 0
	for n < len(rest) && isDigit(rest[n]) {
		n++
	}
	line, err := strconv.Atoi(rest[:n])
	if err != nil {
		return 0, "", false
	}
	rest = rest[n:]
	if after, found := strings.CutPrefix(rest, ", column "); found {
		sorted := append([]string(nil), names...)
		sort.Slice(sorted, func(a, b int) bool { return len(sorted[a]) > len(sorted[b]) })
		for _, name := range sorted {
			if t, ok := strings.CutPrefix(after, name); ok && (t == "" || strings.HasPrefix(t, ":")) {
				return line, name, true
			}
		}
	}
	return line, "", true
}

// locate finds the record that PostgreSQL's line counter puts at line, and returns its
// position in the file, narrowed to the field of column when that is known (field -1
// otherwise).
func (l *loader) locate(path string, line int, column string) (diag.Pos, int, bool) {
	field := -1
	for i, c := range l.specs {
		if c.Name == column {
			field = i
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return diag.Pos{}, 0, false
	}
	defer f.Close()
	sc := newScanner(l.seed.Path, l.delim, 1<<30) // positions only: errors were reported already
	var pos diag.Pos
	found := false
	sc.onRecord = func(rec int64, startLine, pgEnd int, fields []fieldPos) bool {
		if pgEnd < line {
			return false
		}
		found = true
		pos = diag.Pos{File: l.seed.Path, Line: startLine, Col: 1}
		if field >= 0 && field < len(fields) {
			pos.Line, pos.Col = fields[field].line, fields[field].col
		}
		return true
	}
	vr := newValidatingReader(context.Background(), f, sc)
	if err := vr.drain(); err != nil {
		return diag.Pos{}, 0, false
	}
	return pos, field, found
}
