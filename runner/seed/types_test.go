package seed

import (
	"testing"
	"unicode/utf8"

	"github.com/flis-dk/flis/runner/materialize"
)

func TestCheckValue(t *testing.T) {
	tests := []struct {
		k    kind
		v    string
		ok   bool
		name string
	}{
		{kindInt16, "32767", true, "smallint max"},
		{kindInt16, "32768", false, "smallint overflow"},
		{kindInt32, " -12 ", true, "spaces around an integer, as int4in allows"},
		{kindInt32, "+7", true, "plus sign"},
		{kindInt32, "1_000", false, "underscores are PostgreSQL 16"},
		{kindInt32, "0x1F", false, "hex is PostgreSQL 16"},
		{kindInt64, "9223372036854775807", true, "bigint max"},
		{kindNumeric, "1.5e-3", true, "exponent"},
		{kindNumeric, ".5", true, "no integer part"},
		{kindNumeric, "5.", true, "no fraction"},
		{kindNumeric, "NaN", true, "NaN"},
		{kindNumeric, "-Infinity", true, "infinity"},
		{kindNumeric, "1,5", false, "decimal comma"},
		{kindNumeric, "e5", false, "exponent alone"},
		{kindFloat, "inf", true, "inf"},
		{kindBool, "t", true, "t"},
		{kindBool, "FALSE", true, "FALSE"},
		{kindBool, "of", true, "of is off"},
		{kindBool, "o", false, "o is ambiguous"},
		{kindBool, "1", true, "1"},
		{kindBool, "2", false, "2"},
		{kindBool, "ja", false, "Danish"},
		{kindDate, "2024-02-29", true, "leap day"},
		{kindDate, "2100-02-29", false, "not a leap year"},
		{kindDate, "2024-1-5", false, "no padding"},
		{kindDate, "05-01-2024", false, "day first"},
		{kindDate, "infinity", true, "infinity"},
		{kindTimestamp, "2024-01-05 10:11:12.123456", true, "fractions"},
		{kindTimestamp, "2024-01-05T10:11", true, "T and minutes"},
		{kindTimestamp, "2024-01-05", true, "a date is midnight"},
		{kindTimestampTZ, "2024-01-05 10:11:12+01:00", true, "zone"},
		{kindTimestampTZ, "2024-01-05 10:11:12Z", true, "Z"},
		{kindTimestamp, "2024-01-05 25:00", false, "hour 25"},
		{kindTimestamp, "2024-01-05 10:11:12 CET", false, "zone name"},
		{kindText, "anything", true, "text"},
		{kindOther, "anything", true, "unknown types are the server's"},
	}
	for _, tt := range tests {
		problem, _ := checkValue(tt.k, []byte(tt.v))
		if (problem == "") != tt.ok {
			t.Errorf("%s: checkValue(%s, %q) = %q, want ok=%v", tt.name, kindNoun(tt.k), tt.v, problem, tt.ok)
		}
	}
}

func TestInferKindAndJoin(t *testing.T) {
	tests := []struct {
		values []string
		want   string
	}{
		{[]string{"1", "-2", "0"}, "integer"},
		{[]string{"1", "3000000000"}, "bigint"},
		{[]string{"1", "99999999999999999999"}, "numeric"},
		{[]string{"1", "2.50"}, "numeric"},
		{[]string{"0101", "0102"}, "text"}, // codes keep their zeros
		{[]string{"+5"}, "text"},
		{[]string{"1e5"}, "text"},
		{[]string{"true", "False"}, "boolean"},
		{[]string{"t", "f"}, "text"},
		{[]string{"1", "true"}, "text"},
		{[]string{"2024-01-01", "2024-01-02 10:00:00"}, "timestamp"},
		{[]string{"2024-01-01", "2024-13-01"}, "text"},
		{[]string{"2024-01-01T10:00:00+01"}, "text"},
		{[]string{"12", ""}, "text"}, // "" here is a quoted empty string
	}
	for _, tt := range tests {
		k := kindOther
		for _, v := range tt.values {
			k = joinKinds(k, inferKind([]byte(v)))
		}
		if got := inferredSQL(k); got != tt.want {
			t.Errorf("%q: inferred %s, want %s", tt.values, got, tt.want)
		}
	}
}

func TestKindOf(t *testing.T) {
	tests := map[string]kind{
		"integer": kindInt32, "INT4": kindInt32, "int": kindInt32, "smallint": kindInt16, "bigint": kindInt64,
		"numeric(12, 2)": kindNumeric, "decimal": kindNumeric, "double precision": kindFloat,
		"bool": kindBool, "date": kindDate, "timestamp(3)": kindTimestamp,
		"timestamp(3) with time zone": kindTimestampTZ, "timestamptz": kindTimestampTZ,
		"text": kindText, "varchar": kindText, "varchar(5)": kindOther, "uuid": kindOther, "int[]": kindOther,
	}
	for in, want := range tests {
		if got := kindOf(in); got != want {
			t.Errorf("kindOf(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestValidSQLType(t *testing.T) {
	for _, ok := range []string{"numeric(12,2)", "timestamp(3) with time zone", "int[]", "public.my_domain", `"Mixed"`} {
		if !validSQLType(ok) {
			t.Errorf("%q rejected", ok)
		}
	}
	for _, bad := range []string{"", "text; drop table x", "int -- x", "text/*", "text'"} {
		if validSQLType(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestParseCopyWhere(t *testing.T) {
	names := []string{"a", "a, b", "navn"}
	tests := []struct {
		where  string
		line   int
		column string
		ok     bool
	}{
		{`COPY kommuner__flis_stage, line 7, column navn: "x"`, 7, "navn", true},
		{`COPY kommuner__flis_stage, line 12`, 12, "", true},
		{`COPY kommuner__flis_stage, line 3: "\."`, 3, "", true},
		{"COPY t, line 4, column navn: \"two\nlines, line 9\"", 4, "navn", true},
		{`COPY t, line 2, column a, b: "1"`, 2, "a, b", true},
		{"SQL function \"f\" statement 1\nCOPY t, line 5, column a: \"1\"", 5, "a", true},
		{`PL/pgSQL function g() line 3 at RAISE`, 0, "", false},
	}
	for _, tt := range tests {
		line, column, ok := parseCopyWhere(tt.where, names)
		if line != tt.line || column != tt.column || ok != tt.ok {
			t.Errorf("parseCopyWhere(%q) = %d, %q, %v; want %d, %q, %v", tt.where, line, column, ok, tt.line, tt.column, tt.ok)
		}
	}
}

// TestStageName: a seed's stage and old names are materialize's, which keep within
// PostgreSQL's 63 bytes at a rune boundary instead of letting the server cut the suffix.
func TestStageName(t *testing.T) {
	const stageSuffix = "__flis_stage"
	long := "æ"
	for len(long) < 70 {
		long += "æ"
	}
	got := materialize.StageRelation(materialize.Relation{Schema: "dm", Name: long}).Name
	if len(got) > 63 || got[len(got)-len(stageSuffix):] != stageSuffix || !utf8.ValidString(got) {
		t.Errorf("stage name = %q (%d bytes)", got, len(got))
	}
	if materialize.StageRelation(materialize.Relation{Schema: "dm", Name: "kommuner"}).Name != "kommuner__flis_stage" {
		t.Error("short names are kept whole")
	}
}

func TestRuneBoundary(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"abc", 3},
		{"abæ", 4},
		{"ab\xc3", 2},         // first byte of æ
		{"ab\xe2\x82", 2},     // two bytes of €
		{"ab\xf0\x9f\x98", 2}, // three bytes of an emoji
		{"ab\x80", 3},         // a stray continuation byte: invalid, the scanner reports it
	}
	for _, tt := range tests {
		if got := runeBoundary([]byte(tt.in)); got != tt.want {
			t.Errorf("runeBoundary(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
