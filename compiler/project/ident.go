package project

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxIdentBytes is PostgreSQL's NAMEDATALEN-1: longer names are silently truncated by the
// server, so two long model names could end up as one relation.
const maxIdentBytes = 63

// checkIdent says why s is not a valid unquoted PostgreSQL identifier that keeps its spelling
// ("" when it is one). Upper-case letters are refused because the server folds unquoted names
// to lower case, so a model file Fact.sql could never be referenced as written.
func checkIdent(s string) string {
	switch {
	case s == "":
		return "it is empty"
	case len(s) > maxIdentBytes:
		return fmt.Sprintf("it is %d bytes long; PostgreSQL names are at most %d", len(s), maxIdentBytes)
	case !utf8.ValidString(s):
		return "it is not valid UTF-8"
	}
	for i, r := range s {
		switch {
		case r == '_', unicode.IsLetter(r) && !unicode.IsUpper(r):
		case unicode.IsUpper(r):
			return fmt.Sprintf("it has the upper-case letter %q; PostgreSQL folds unquoted names to lower case", r)
		case i > 0 && (r >= '0' && r <= '9' || r == '$'):
		case i == 0 && r >= '0' && r <= '9':
			return "it starts with a digit"
		default:
			return fmt.Sprintf("it contains %q; use letters, digits and _", r)
		}
	}
	if reservedWords[s] {
		return fmt.Sprintf("%q is a reserved word in PostgreSQL", s)
	}
	return ""
}

// reservedWords are PostgreSQL's reserved key words (those that cannot be a table name
// unquoted), from the key words appendix of the PostgreSQL 15 manual.
var reservedWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`all analyse analyze and any array as asc asymmetric
		authorization binary both case cast check collate collation column concurrently
		constraint create cross current_catalog current_date current_role current_schema
		current_time current_timestamp current_user default deferrable desc distinct do else end
		except false fetch for foreign freeze from full grant group having ilike in initially
		inner intersect into is isnull join lateral leading left like limit localtime
		localtimestamp natural not notnull null offset on only or order outer overlaps placing
		primary references returning right select session_user similar some symmetric
		system_user table tablesample then to trailing true union unique user using variadic
		verbose when where window with`) {
		m[w] = true
	}
	return m
}()

// checkVarName says why s cannot be a variable name: ${name} in SQL takes ASCII letters,
// digits and _, not starting with a digit.
func checkVarName(s string) string {
	if s == "" {
		return "it is empty"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9':
			if i == 0 {
				return "it starts with a digit"
			}
		default:
			return fmt.Sprintf("it contains %q; use letters, digits and _", rune(c))
		}
	}
	return ""
}

// intervalUnits are the PostgreSQL interval units accepted in freshness and recency
// durations.
var intervalUnits = []string{"microsecond", "microseconds", "millisecond", "milliseconds",
	"second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours",
	"day", "days", "week", "weeks", "month", "months", "mon", "mons", "year", "years"}

// checkInterval says why s is not a duration like "35 days" or "1 day 12 hours", with a hint
// naming a close unit.
func checkInterval(s string) (msg, hint string) {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return "it is empty", `write a duration such as "35 days"`
	}
	if len(f)%2 != 0 {
		return fmt.Sprintf("%q is not a duration", s), `write a number and a unit, such as "35 days"`
	}
	for i := 0; i < len(f); i += 2 {
		if _, err := strconv.ParseFloat(f[i], 64); err != nil {
			return fmt.Sprintf("%q is not a duration: %q is not a number", s, f[i]), `write a number and a unit, such as "35 days"`
		}
		if !contains(intervalUnits, f[i+1]) {
			h := didYouMeanOr(f[i+1], intervalUnits, "units: minutes, hours, days, weeks, months, years")
			return fmt.Sprintf("%q is not a duration: unknown unit %q", s, f[i+1]), h
		}
	}
	return "", ""
}

// identName decodes a config value that becomes a PostgreSQL name (schema, alias): a string
// that is a valid lower-case identifier. Problems are reported at the value.
func (d *dec) identName(key string, v *yaml.Node) (string, bool) {
	s, ok := d.name(key, v)
	if !ok {
		return "", false
	}
	if why := checkIdent(s); why != "" {
		d.errorf(d.deref(v), "use a lower-case name of letters, digits and _", "invalid %s %q: %s", key, s, why)
		return "", false
	}
	return s, true
}
