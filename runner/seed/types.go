package seed

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// kind is what flis knows about a column type: enough to check a value client-side and to
// say what went wrong. Types flis does not model (varchar(3), uuid, arrays, domains ...) are
// kindOther and left to PostgreSQL; their errors come back through mapCopyError.
type kind uint8

const (
	kindText kind = iota // text, varchar, char: every valid UTF-8 string fits
	kindOther
	kindInt16
	kindInt32
	kindInt64
	kindNumeric
	kindFloat
	kindBool
	kindDate
	kindTimestamp
	kindTimestampTZ
)

// kindOf classifies a SQL type name as PostgreSQL spells it or as a user writes it in YAML.
// Type modifiers ("numeric(12,2)", "timestamp(3)") do not change the kind.
func kindOf(sqlType string) kind {
	t := strings.ToLower(strings.Join(strings.Fields(sqlType), " "))
	if strings.HasSuffix(t, "[]") {
		return kindOther
	}
	// Drop a modifier wherever it sits: "timestamp(3) with time zone" -> "timestamp with time zone".
	if i := strings.IndexByte(t, '('); i >= 0 {
		if j := strings.IndexByte(t[i:], ')'); j >= 0 {
			t = strings.TrimSpace(strings.Join(strings.Fields(t[:i]+" "+t[i+j+1:]), " "))
		}
	}
	switch t {
	case "text", "varchar", "character varying", "char", "character", "bpchar", "name", "citext":
		// varchar(n)/char(n) can still overflow; PostgreSQL reports that and we map it back.
		if strings.ContainsRune(sqlType, '(') {
			return kindOther
		}
		return kindText
	case "smallint", "int2":
		return kindInt16
	case "integer", "int", "int4":
		return kindInt32
	case "bigint", "int8":
		return kindInt64
	case "numeric", "decimal":
		return kindNumeric
	case "real", "float4", "double precision", "float8", "float":
		return kindFloat
	case "boolean", "bool":
		return kindBool
	case "date":
		return kindDate
	case "timestamp", "timestamp without time zone":
		return kindTimestamp
	case "timestamptz", "timestamp with time zone":
		return kindTimestampTZ
	}
	return kindOther
}

// validSQLType guards the one place user text reaches DDL unquoted: a column type from the
// seed's YAML. It admits every type name PostgreSQL has ("numeric(12,2)", "timestamp(3) with
// time zone", "int[]", "public.my_domain", `"Quoted"`) and nothing that could end a statement.
func validSQLType(t string) bool {
	if strings.TrimSpace(t) == "" || strings.Contains(t, "--") || strings.Contains(t, "/*") {
		return false
	}
	for _, r := range t {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune(" _.,()[]\"", r):
		default:
			return false
		}
	}
	return true
}

// trimPGSpace drops what PostgreSQL's numeric and boolean input functions skip around a
// value. It is on the hot path of every checked field, so no cutset tables.
func trimPGSpace(v []byte) []byte {
	for len(v) > 0 && isPGSpace(v[0]) {
		v = v[1:]
	}
	for len(v) > 0 && isPGSpace(v[len(v)-1]) {
		v = v[:len(v)-1]
	}
	return v
}

func isPGSpace(b byte) bool { return b == ' ' || b >= '\t' && b <= '\r' }

// checkValue reports why v is not a valid input for kind k and how to fix it, or "" when it
// is valid (or k is not checked here). v is non-NULL: the empty unquoted field never reaches
// it. The checks accept what PostgreSQL 15 accepts for these types, except dates and
// timestamps, which must be ISO 8601: "01-02-2024" means 1 February to a Dane and 2 January
// to PostgreSQL's default DateStyle, and a seed should load neither silently.
func checkValue(k kind, v []byte) (problem, fix string) {
	switch k {
	case kindInt16:
		return checkInt(v, 16)
	case kindInt32:
		return checkInt(v, 32)
	case kindInt64:
		return checkInt(v, 64)
	case kindNumeric, kindFloat:
		t := trimPGSpace(v)
		if !isPGNumber(t) {
			if bytes.Count(t, []byte{','}) == 1 && isPGNumber(bytes.Replace(t, []byte{','}, []byte{'.'}, 1)) {
				return "is not a number", "write the decimal separator as a point, not a comma"
			}
			return "is not a number", ""
		}
	case kindBool:
		if !isPGBool(trimPGSpace(v)) {
			return "is not a boolean", "write true or false"
		}
	case kindDate:
		if !isISODate(v) && !isInfinity(v) {
			return "is not a date", "write dates as YYYY-MM-DD"
		}
	case kindTimestamp, kindTimestampTZ:
		if !isISOTimestamp(v, true) && !isInfinity(v) {
			return "is not a timestamp", "write YYYY-MM-DD HH:MM:SS, optionally with fractions and a zone"
		}
	}
	return "", ""
}

func checkInt(v []byte, bits int) (problem, fix string) {
	s := string(trimPGSpace(v))
	if _, err := strconv.ParseInt(s, 10, bits); err != nil {
		// ParseInt accepts "_" only with base 0, so "1_000" lands here as PostgreSQL 15 wants.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return fmt.Sprintf("is out of range for %s", kindNoun(map[int]kind{16: kindInt16, 32: kindInt32, 64: kindInt64}[bits])),
				"declare a wider type"
		}
		if isPGNumber([]byte(s)) {
			return "is not an integer", "declare numeric for decimals"
		}
		return "is not an integer", ""
	}
	return "", ""
}

// isPGNumber accepts numeric_in's and float8in's syntax: sign, digits with an optional
// point, an optional exponent, or NaN/Infinity/inf in any case.
func isPGNumber(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	if i < len(s) && (s[i]|0x20 == 'i' || s[i]|0x20 == 'n') { // only then a word; keeps ToLower off the hot path
		switch strings.ToLower(string(s[i:])) {
		case "infinity", "inf":
			return true
		case "nan":
			return i == 0
		}
		return false
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && isDigit(s[i]) {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// isPGBool mirrors parse_bool_with_len in PostgreSQL: any unambiguous prefix of true, false,
// yes, no; on and off from two letters; 1 and 0.
func isPGBool(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	v := strings.ToLower(string(s))
	prefixOf := func(word string, minLen int) bool {
		return len(v) >= minLen && len(v) <= len(word) && word[:len(v)] == v
	}
	return prefixOf("true", 1) || prefixOf("false", 1) || prefixOf("yes", 1) || prefixOf("no", 1) ||
		prefixOf("on", 2) || prefixOf("off", 2) || v == "1" || v == "0"
}

func isInfinity(v []byte) bool {
	s := strings.ToLower(string(trimPGSpace(v)))
	return s == "infinity" || s == "-infinity" || s == "+infinity"
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func digitsAt(s []byte, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v := 0
	for _, b := range s[i : i+n] {
		if !isDigit(b) {
			return 0, false
		}
		v = v*10 + int(b-'0')
	}
	return v, true
}

// isISODate accepts exactly YYYY-MM-DD naming a real day.
func isISODate(s []byte) bool {
	return len(s) == 10 && isDatePrefix(s)
}

func isDatePrefix(s []byte) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, ok1 := digitsAt(s, 0, 4)
	m, ok2 := digitsAt(s, 5, 2)
	d, ok3 := digitsAt(s, 8, 2)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// isISOTimestamp accepts YYYY-MM-DD[( |T)HH:MM[:SS[.frac]]] and, when zone is true, a
// trailing Z, +HH, +HHMM or +HH:MM. PostgreSQL reads a zone into a timestamp without time
// zone by dropping it, so declared timestamps accept one; inference does not.
func isISOTimestamp(s []byte, zone bool) bool {
	if !isDatePrefix(s) {
		return false
	}
	rest := s[10:]
	if len(rest) == 0 {
		return zone // a bare date is a valid timestamp input, but infers as date
	}
	if rest[0] != ' ' && rest[0] != 'T' {
		return false
	}
	rest = rest[1:]
	h, ok1 := digitsAt(rest, 0, 2)
	mi, ok2 := digitsAt(rest, 3, 2)
	if !ok1 || !ok2 || rest[2] != ':' || h > 24 || mi > 59 {
		return false
	}
	rest = rest[5:]
	if len(rest) > 0 && rest[0] == ':' {
		sec, ok := digitsAt(rest, 1, 2)
		if !ok || sec > 60 {
			return false
		}
		rest = rest[3:]
		if len(rest) > 0 && rest[0] == '.' {
			n := 1
			for n < len(rest) && isDigit(rest[n]) {
				n++
			}
			if n == 1 {
				return false
			}
			rest = rest[n:]
		}
	}
	if len(rest) == 0 {
		return true
	}
	if !zone {
		return false
	}
	if len(rest) == 1 && rest[0] == 'Z' {
		return true
	}
	if rest[0] != '+' && rest[0] != '-' {
		return false
	}
	z := rest[1:]
	switch {
	case len(z) == 2:
		_, ok := digitsAt(z, 0, 2)
		return ok
	case len(z) == 4:
		_, ok := digitsAt(z, 0, 4)
		return ok
	case len(z) == 5 && z[2] == ':':
		_, ok1 := digitsAt(z, 0, 2)
		_, ok2 := digitsAt(z, 3, 2)
		return ok1 && ok2
	}
	return false
}

// inferKind classifies one non-NULL sample value for inference. It is stricter than
// checkValue: "007" and "+5" stay text (leading zeros are part of codes such as postal
// numbers), "t"/"yes"/"1" are not booleans, and "1e5" is not a number.
func inferKind(v []byte) kind {
	if len(v) == 0 {
		return kindText // a quoted empty string is text, not NULL
	}
	s := v
	if s[0] == '-' {
		s = s[1:]
	}
	intPart := 0
	for intPart < len(s) && isDigit(s[intPart]) {
		intPart++
	}
	if intPart > 0 && (s[0] != '0' || intPart == 1) {
		if intPart == len(s) {
			n, err := strconv.ParseInt(string(v), 10, 64)
			switch {
			case err != nil:
				return kindNumeric
			case n >= math.MinInt32 && n <= math.MaxInt32:
				return kindInt32
			default:
				return kindInt64
			}
		}
		if s[intPart] == '.' && intPart+1 < len(s) {
			frac := s[intPart+1:]
			if bytes.IndexFunc(frac, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
				return kindNumeric
			}
		}
		if isISODate(v) {
			return kindDate
		}
		if isISOTimestamp(v, false) {
			return kindTimestamp
		}
		return kindText
	}
	if bytes.EqualFold(v, []byte("true")) || bytes.EqualFold(v, []byte("false")) {
		return kindBool
	}
	return kindText
}

// joinKinds is the least type holding values of both kinds; kindOther marks "no value yet".
func joinKinds(a, b kind) kind {
	switch {
	case a == kindOther:
		return b
	case b == kindOther || a == b:
		return a
	}
	rank := func(k kind) int { // position on the integer ladder, or -1
		switch k {
		case kindInt32:
			return 0
		case kindInt64:
			return 1
		case kindNumeric:
			return 2
		}
		return -1
	}
	if ra, rb := rank(a), rank(b); ra >= 0 && rb >= 0 {
		return [...]kind{kindInt32, kindInt64, kindNumeric}[max(ra, rb)]
	}
	if (a == kindDate && b == kindTimestamp) || (a == kindTimestamp && b == kindDate) {
		return kindTimestamp
	}
	return kindText
}

// inferredSQL is the column type flis creates for an inferred kind. Messages name these
// kinds by the same type names, so kindNoun holds both.
func inferredSQL(k kind) string {
	switch k {
	case kindInt32, kindInt64, kindNumeric, kindBool, kindDate, kindTimestamp:
		return kindNoun(k)
	}
	return "text"
}

// kindNoun names a kind in messages.
func kindNoun(k kind) string {
	switch k {
	case kindInt16:
		return "smallint"
	case kindInt32:
		return "integer"
	case kindInt64:
		return "bigint"
	case kindNumeric:
		return "numeric"
	case kindFloat:
		return "floating-point number"
	case kindBool:
		return "boolean"
	case kindDate:
		return "date"
	case kindTimestamp:
		return "timestamp"
	case kindTimestampTZ:
		return "timestamptz"
	}
	return "text"
}
