package pgsql

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Edit replaces src[Off:End] with Text.
type Edit struct {
	Off, End int
	Text     string
}

// ApplyEdits applies non-overlapping edits, given in any order, to src. Edits may be empty
// insertions (Off == End); two insertions at the same offset keep their given order.
func ApplyEdits(src string, edits []Edit) (string, error) {
	sorted := make([]Edit, len(edits))
	copy(sorted, edits)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Off < sorted[j].Off })
	var b strings.Builder
	b.Grow(len(src) + 16*len(edits))
	pos := 0
	for _, e := range sorted {
		if e.Off < 0 || e.End < e.Off || e.End > len(src) {
			return "", fmt.Errorf("edit [%d:%d] out of range for text of %d bytes", e.Off, e.End, len(src))
		}
		if e.Off < pos {
			return "", fmt.Errorf("edit [%d:%d] overlaps the edit before it (ending at %d)", e.Off, e.End, pos)
		}
		b.WriteString(src[pos:e.Off])
		b.WriteString(e.Text)
		pos = e.End
	}
	b.WriteString(src[pos:])
	return b.String(), nil
}

// QuoteIdent double-quotes an identifier for PostgreSQL, doubling embedded quotes. It always
// quotes, so a name keeps its case and can never be read as a keyword. It is the one
// identifier-quoting helper of flis.
func QuoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// QuoteString renders s as a standard SQL string literal (” escaping; with
// standard_conforming_strings on, backslashes need no escaping).
func QuoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// Literal renders a YAML scalar as a SQL literal: strings single-quoted, numbers bare,
// booleans TRUE/FALSE, nil NULL, a time.Time as a date literal when it has no time of day
// and as a timestamp otherwise. Other values are rendered with fmt and quoted as strings.
func Literal(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return QuoteString(x)
	case bool:
		if x {
			return "TRUE"
		}
		return "FALSE"
	case int:
		return formatInt(int64(x))
	case int8:
		return formatInt(int64(x))
	case int16:
		return formatInt(int64(x))
	case int32:
		return formatInt(int64(x))
	case int64:
		return formatInt(x)
	case uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x)
	case float32:
		return formatFloat(float64(x), 32)
	case float64:
		return formatFloat(x, 64)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return "'" + x.Format("2006-01-02") + "'::date"
		}
		if x.Location() == time.UTC {
			return "'" + x.Format("2006-01-02 15:04:05.999999999") + "'::timestamp"
		}
		return "'" + x.Format("2006-01-02 15:04:05.999999999Z07:00") + "'::timestamptz"
	case fmt.Stringer:
		return QuoteString(x.String())
	}
	return QuoteString(fmt.Sprint(v))
}

// formatInt renders an integer; a negative one is parenthesized so that "x-${n}" can never
// become "x--5", which PostgreSQL reads as the start of a comment.
func formatInt(i int64) string {
	if i < 0 {
		return "(" + strconv.FormatInt(i, 10) + ")"
	}
	return strconv.FormatInt(i, 10)
}

// formatFloat renders a float so PostgreSQL reads it back as a number; non-finite values
// become the quoted special values PostgreSQL accepts for float8.
func formatFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "'NaN'::float8"
	case math.IsInf(f, 1):
		return "'Infinity'::float8"
	case math.IsInf(f, -1):
		return "'-Infinity'::float8"
	}
	s := strconv.FormatFloat(f, 'g', -1, bits)
	if strings.HasPrefix(s, "-") {
		// Parenthesized for the same reason as formatInt.
		return "(" + s + ")"
	}
	return s
}
