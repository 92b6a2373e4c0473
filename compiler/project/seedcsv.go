package project

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/flis-dk/flis/compiler/diag"
)

// parseHeader reads a seed's header row: the column names. Rows are validated when the seed
// is loaded (runner/seed); here only the header matters, because the compiler needs the
// seed's columns. Names are compared case-insensitively unless quote_columns is set, since
// PostgreSQL folds unquoted names.
func parseHeader(file string, head []byte, delim rune, quoted bool) ([]string, diag.List) {
	var ds diag.List
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")) // a BOM from Excel
	if len(bytes.TrimSpace(head)) == 0 {
		ds.Add(diag.Errorf(diag.Pos{File: file}, "seed has no header row: the file is empty").
			WithHint("the first line names the columns, e.g. kode,navn"))
		return nil, ds
	}
	r := csv.NewReader(bytes.NewReader(head))
	r.Comma = delim
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		var pe *csv.ParseError
		pos := diag.Pos{File: file, Line: 1}
		msg := err.Error()
		if errors.As(err, &pe) {
			pos.Line = pe.Line
			pos.Col = runeCol(head, pe.Line, pe.Column)
			msg = pe.Err.Error()
		}
		if errors.Is(err, io.EOF) {
			msg = "no header row"
		}
		ds.Add(diag.Errorf(pos, "seed header: %s", msg).WithHint("check the quoting of the first line"))
		return nil, ds
	}
	if looksLikeData(rec) {
		ds.Add(diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "seed has no header row: the first line holds values (%s)", strings.Join(rec, string(delim))).
			WithHint("add a first line naming the columns, e.g. kode,navn"))
		return nil, ds
	}
	seen := map[string]int{}
	bad := false
	for i, name := range rec {
		line, col := r.FieldPos(i)
		pos := diag.Pos{File: file, Line: line, Col: runeCol(head, line, col)}
		if strings.TrimSpace(name) == "" {
			ds.Add(diag.Errorf(pos, "seed header: column %d has no name", i+1).
				WithHint("name every column in the first line"))
			bad = true
			continue
		}
		key := name
		if !quoted {
			key = strings.ToLower(name)
		}
		if prev, dup := seen[key]; dup {
			ds.Add(diag.Errorf(pos, "seed header: column %q appears twice", name).
				WithHint("columns %d and %d have the same name", prev+1, i+1))
			bad = true
			continue
		}
		seen[key] = i
	}
	if bad {
		return nil, ds
	}
	return rec, ds
}

// looksLikeData reports whether every field of a first row is a number or a date, which means
// the header row is missing.
func looksLikeData(rec []string) bool {
	for _, f := range rec {
		f = strings.TrimSpace(f)
		if f == "" {
			return false
		}
		if _, err := strconv.ParseFloat(f, 64); err == nil {
			continue
		}
		if strings.Trim(f, "0123456789-/.:") == "" && strings.ContainsAny(f, "0123456789") {
			continue
		}
		return false
	}
	return true
}

// runeCol converts a 1-based byte column on a 1-based line of src to a column in runes.
func runeCol(src []byte, line, byteCol int) int {
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return byteCol
		}
		src = src[j+1:]
	}
	if byteCol-1 > len(src) || byteCol < 1 {
		return byteCol
	}
	return utf8.RuneCount(src[:byteCol-1]) + 1
}
