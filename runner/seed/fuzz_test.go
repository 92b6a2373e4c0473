package seed

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/flis-dk/flis/internal/pgtest"
)

// fuzzSeeds are inputs on the edges of the CSV grammar; TestScannerAgreesWithPostgres
// loads them too.
var fuzzSeeds = []string{
	"a,b\n1,2\n",
	"a,b\r\n1,2\r\n",
	"\uFEFFa\n\"x\"\"y\"\n",
	"a,b\n\"1\n2\",3\n",
	"a,b\n\"1\r\n2\",3\r\n",
	"a,b\n1,2,3\n",
	"a,b\n1\n",
	"a\n\\.\n",
	"a\n\\.x\n",
	"a,b\n\\.,1\n",
	"a\n\"\\.\"\n",
	"a\n\n\n",
	"a,b\n\n",
	"a,b\n1,\"2\"x\n",
	"a,b\n1,2\"x\n",
	"a,b\n1,\"unterminated\n",
	"a,b\n1,2\r\n",
	"a,b\r1,2\r",
	"a,b\n1,2\r",
	"a,b\n1,\xff\n",
	"a,b\n1,\x00\n",
	"a,a\n1,2\n",
	",b\n1,2\n",
	"a,b\n,\n",
	"a,b\n\"\",\"\"\n",
	"a,b\n1,2",
	"a,b\n1,",
	"a",
	"",
	"\"a\nb\",c\n1,2\n",
	"æ,ø\nå,Å\n",
}

// FuzzValidate: the scanner never panics, and what it reports does not depend on how the
// file is cut into chunks.
func FuzzValidate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		whole, out := scanAll(t, in, nil, 64<<10, 64<<10)
		for _, chunk := range []int{1, 3} {
			sc, _ := scanAll(t, in, nil, chunk, 64<<10)
			if a, b := strings.Join(errStrings(whole), "\n"), strings.Join(errStrings(sc), "\n"); a != b {
				t.Fatalf("chunk %d changes the errors:\n%s\nvs\n%s", chunk, b, a)
			}
			if whole.dataRows() != sc.dataRows() {
				t.Fatalf("chunk %d: %d rows vs %d", chunk, sc.dataRows(), whole.dataRows())
			}
		}
		if len(whole.errs) == 0 && out != strings.TrimPrefix(in, "\uFEFF") {
			t.Fatalf("valid input not handed on unchanged")
		}
		for _, d := range whole.errs {
			if d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Fatalf("error without a position: %v", d)
			}
		}
	})
}

// TestScannerAgreesWithPostgres loads every seed input the scanner accepts with a plain
// COPY into text columns, and requires PostgreSQL to read the same rows and values. It is
// the check that the scanner reads CSV the way COPY does, which Load's row-count
// invariant relies on.
func TestScannerAgreesWithPostgres(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	compared := 0
	for i, in := range append(fuzzSeeds,
		"a,b,c\n\"x,\"\"y\"\"\nz\",,\"\"\n",
		"a\n\"\\.\"\nafter\n",
		"k;v\n1;\"a;b\"\n") {
		delim := byte(',')
		if strings.HasPrefix(in, "k;") {
			delim = ';'
		}
		sc := newScanner("s.csv", delim, 20)
		var rows [][]string
		sc.sample = func(rec int64, field int, v []byte, quoted bool) {
			for int64(len(rows)) < rec {
				rows = append(rows, nil)
			}
			s := string(v)
			if len(v) == 0 && !quoted {
				s = "<null>"
			}
			rows[rec-1] = append(rows[rec-1], s)
		}
		vr := newValidatingReader(ctx, strings.NewReader(in), sc)
		if _, err := io.ReadAll(vr); err != nil || len(sc.errs) > 0 || sc.rec == 0 {
			continue // rejected (flis is stricter than COPY by design) or empty
		}
		var cols []string
		for j := range sc.header {
			cols = append(cols, fmt.Sprintf("c%d text", j+1))
		}
		table := fmt.Sprintf("agree_%d", i)
		execAll(t, conn, "CREATE TABLE "+table+" ("+strings.Join(cols, ", ")+")")
		stmt := "COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER '" + string(delim) + "')"
		if _, err := conn.PgConn().CopyFrom(ctx, strings.NewReader(strings.TrimPrefix(in, "\uFEFF")), stmt); err != nil {
			t.Errorf("%q: flis accepts it, PostgreSQL does not: %v", in, err)
			continue
		}
		var want []string
		for _, r := range rows {
			want = append(want, strings.Join(r, "|"))
		}
		if got := query(t, conn, "SELECT * FROM "+table+" ORDER BY ctid"); got != strings.Join(want, "\n") {
			t.Errorf("%q: PostgreSQL read\n%s\nflis read\n%s", in, got, strings.Join(want, "\n"))
		}
		compared++
	}
	if compared < 15 {
		t.Errorf("only %d inputs were accepted and compared; the corpus lost its valid cases", compared)
	}
	t.Logf("%d inputs compared", compared)
}
