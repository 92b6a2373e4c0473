package sampledata

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/flis-dk/flis/internal/golden"
	"hash"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDateRoundTripAgainstTimePackage(t *testing.T) {
	for tm := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() < 2101; tm = tm.AddDate(0, 0, 1) {
		d := fromTime(tm)
		if want := date(tm.Unix() / 86400); d != want {
			t.Fatalf("fromTime(%s) = %d, want %d", tm.Format(time.DateOnly), d, want)
		}
		if got := d.String(); got != tm.Format(time.DateOnly) {
			t.Fatalf("date %d formats as %s, want %s", d, got, tm.Format(time.DateOnly))
		}
		if got := d.weekday(); got != int(tm.Weekday()) {
			t.Fatalf("%s: weekday %d, want %d", d, got, tm.Weekday())
		}
		if !d.time().Equal(tm) {
			t.Fatalf("%s: time() = %s", d, d.time())
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := func(s string) date {
		tm, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return fromTime(tm)
	}
	tests := []struct {
		name string
		got  date
		want string
	}{
		{"monthStart", d("2024-02-29").monthStart(), "2024-02-01"},
		{"monthEnd leap", d("2024-02-10").monthEnd(), "2024-02-29"},
		{"monthEnd common", d("2023-02-10").monthEnd(), "2023-02-28"},
		{"addMonths across year", d("2023-11-15").addMonths(3), "2024-02-01"},
		{"addMonths back", d("2024-03-31").addMonths(-26), "2022-01-01"},
		{"addYears 29 Feb", d("2024-02-29").addYears(1), "2025-03-01"},
	}
	for _, tc := range tests {
		if tc.got.String() != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, tc.got, tc.want)
		}
	}
	ages := []struct {
		born, at string
		want     int
	}{
		{"2000-03-01", "2024-02-29", 23},
		{"2000-03-01", "2024-03-01", 24},
		{"2020-02-29", "2021-02-28", 0}, // like PostgreSQL's age(): the birthday comes on 1 March
		{"2020-02-29", "2021-03-01", 1},
		{"1930-01-01", "2024-03-31", 94},
	}
	for _, a := range ages {
		if got := d(a.born).ageAt(d(a.at)); got != a.want {
			t.Errorf("age of %s at %s = %d, want %d", a.born, a.at, got, a.want)
		}
	}
	s := at(d("2024-03-31"), 23, 59, 30).add(45)
	if got := string(s.appendTo(nil)); got != "2024-04-01 00:00:15" {
		t.Errorf("stamp across midnight = %s", got)
	}
}

func FuzzDate(f *testing.F) {
	f.Add(int32(0))
	f.Add(int32(-25567))
	f.Add(int32(19813))
	f.Fuzz(func(t *testing.T, n int32) {
		d := date(n % 200000) // about ±550 years around 1970
		y, m, day := d.ymd()
		if back := mkDate(y, m, day); back != d {
			t.Fatalf("mkDate(ymd(%d)) = %d", d, back)
		}
		if d.monthStart() > d || d.monthEnd() < d || d.monthEnd()+1 != d.addMonths(1) {
			t.Fatalf("%d: month bounds %d..%d, next month %d", d, d.monthStart(), d.monthEnd(), d.addMonths(1))
		}
	})
}

func TestTextRowsEncoding(t *testing.T) {
	var buf bytes.Buffer
	w := newTextRows(&buf)
	w.str("a\tb\\c\nd\re")
	w.strOrNull("", false)
	w.id("S", 0xab)
	w.int(-12)
	w.date(mkDate(2024, 2, 29))
	w.date(noDate)
	w.stamp(at(mkDate(2024, 1, 2), 7, 5, 9))
	w.dec(325, 1)
	w.dec(5, 2)
	w.dec(-120, 2)
	w.dec(7, 0)
	w.uuid([16]byte{0: 0x12, 15: 0xff})
	w.bool(true)
	if err := w.end(); err != nil {
		t.Fatal(err)
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	want := `a\tb\\c\nd\re	\N	S00000000000000ab	-12	2024-02-29	\N	2024-01-02 07:05:09	32.5	0.05	-1.20	7	12000000-0000-0000-0000-0000000000ff	t` + "\n"
	if got := buf.String(); got != want {
		t.Errorf("row:\n got %q\nwant %q", got, want)
	}
}

func TestDDLStatements(t *testing.T) {
	stmts := DDL()
	if len(stmts) != 1+len(specTables) {
		t.Fatalf("DDL has %d statements, want schema + %d tables", len(stmts), len(specTables))
	}
	for i, s := range stmts {
		if !strings.HasPrefix(s, "CREATE ") || strings.Contains(s, ";") {
			t.Errorf("statement %d is not one CREATE statement: %q", i, s)
		}
	}
	var want []string
	for _, st := range specTables {
		want = append(want, st.name)
	}
	if got := Tables(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Tables() = %v\nwant %v", got, want)
	}
}

// The generators must write exactly the DDL's columns, in order.
func TestGeneratorColumnsMatchSpec(t *testing.T) {
	gens := tables()
	if len(gens) != len(specTables) {
		t.Fatalf("%d generators for %d tables", len(gens), len(specTables))
	}
	for i, g := range gens {
		st := specTables[i]
		var want []string
		for _, c := range st.cols {
			want = append(want, c.name)
		}
		if g.name != st.name || strings.Join(g.cols, ",") != strings.Join(want, ",") {
			t.Errorf("generator %s writes %v; SPEC %s has %v", g.name, g.cols, st.name, want)
		}
	}
}

func TestKommuner(t *testing.T) {
	ks, err := loadKommuner()
	if err != nil {
		t.Fatal(err)
	}
	if len(ks.list) != 98 {
		t.Errorf("%d kommuner, want 98", len(ks.list))
	}
	total := 0
	for _, k := range ks.list {
		if k.kode == 411 {
			t.Error("0411 Christiansø is not a kommune")
		}
		total += k.befolkning
	}
	if total < 5_700_000 || total > 6_200_000 {
		t.Errorf("population %d, want Denmark's ~5.9 million", total)
	}
	kbh := ks.list[ks.byID[101]]
	if share := float64(kbh.befolkning) / float64(total); share < 0.10 || share > 0.12 {
		t.Errorf("København's share %.3f, want ~0.11", share)
	}
}

func TestOptionsValidation(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"too few", Options{Citizens: 5}, "citizens 5 is too few"},
		{"not month end", Options{DataTom: time.Date(2024, 3, 30, 0, 0, 0, 0, time.UTC)},
			"data_tom 2024-03-30 is not the last day of a month (hint: data_tom is the last day of the last complete month, e.g. 2024-03-31)"},
		{"months", Options{Months: 500}, "months 500 out of range 1..240"},
		{"aula", Options{Months: 6, AulaMonths: 7}, "aula months 7 out of range 1..6"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.opts.withDefaults()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := (Options{}).withDefaults(); err != nil {
		t.Errorf("zero Options: %v", err)
	}
}

// render writes every table of a world in COPY text format to one writer per table.
func render(t testing.TB, o Options, out func(name string) io.Writer) {
	t.Helper()
	w, err := newWorld(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables() {
		tr := newTextRows(out(tb.name))
		if err := tb.rows(w, tr); err != nil {
			t.Fatal(err)
		}
		if err := tr.flush(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGolden pins the bytes of a small sample: any change to what the generator produces shows
// up here, and must be accepted with -update. It is also the determinism test without a
// database: two renders give the same bytes.
func TestGolden(t *testing.T) {
	sums := func() string {
		type named struct {
			name string
			h    *hashCount
		}
		var hs []named
		render(t, Options{Citizens: 2000}, func(name string) io.Writer {
			h := &hashCount{h: sha256.New()}
			hs = append(hs, named{name, h})
			return h
		})
		var b strings.Builder
		for _, nh := range hs {
			fmt.Fprintf(&b, "%-28s %8d %s\n", nh.name, nh.h.lines, hex.EncodeToString(nh.h.h.Sum(nil))[:16])
		}
		return b.String()
	}
	got := sums()
	if again := sums(); again != got {
		t.Fatalf("two renders differ:\n%s\n%s", got, again)
	}
	path := filepath.Join("testdata", "sample2000.golden")
	golden.Check(t, path, got)
}

// hashCount hashes what is written to it and counts the rows (lines).
type hashCount struct {
	h     hash.Hash
	lines int
}

func (h *hashCount) Write(p []byte) (int, error) {
	h.lines += bytes.Count(p, []byte{'\n'})
	return h.h.Write(p)
}

// Tables are independent: rendering one alone gives the bytes it has in a full render.
func TestTablesIndependentOfOrder(t *testing.T) {
	o := Options{Citizens: 500}
	full := map[string]*bytes.Buffer{}
	render(t, o, func(name string) io.Writer { full[name] = &bytes.Buffer{}; return full[name] })
	w, err := newWorld(o)
	if err != nil {
		t.Fatal(err)
	}
	gens := tables()
	for i := len(gens) - 1; i >= 0; i-- { // reverse order
		var b bytes.Buffer
		tr := newTextRows(&b)
		if err := gens[i].rows(w, tr); err != nil {
			t.Fatal(err)
		}
		if err := tr.flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), full[gens[i].name].Bytes()) {
			t.Errorf("%s differs when generated alone", gens[i].name)
		}
	}
}

func TestPrimaryKeysFromDDL(t *testing.T) {
	want := map[string][]string{}
	for _, st := range specTables {
		if st.pk != "" {
			want[st.name] = strings.Split(st.pk, ",")
		}
	}
	if fmt.Sprint(ddlPrimaryKeys) != fmt.Sprint(want) {
		t.Errorf("primary keys parsed from the DDL: %v, want %v", ddlPrimaryKeys, want)
	}
}
