package seed

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/internal/pgtest"
)

// project writes files under a temporary project root.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func writeSeed(t *testing.T, root, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, "seeds", name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func kommuner() Seed {
	return Seed{Name: "kommuner", Path: "seeds/kommuner.csv", Schema: "dm", Table: "kommuner"}
}

// query returns all rows of sql as strings (NULL as "<null>"), rows joined by "\n" and
// fields by "|".
func query(t *testing.T, conn *pgx.Conn, sql string, args ...any) string {
	t.Helper()
	rows, err := conn.Query(context.Background(), sql, append([]any{pgx.QueryResultFormats{pgx.TextFormatCode}}, args...)...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		raw := rows.RawValues()
		fields := make([]string, len(raw))
		for i, v := range raw {
			if v == nil {
				fields[i] = "<null>"
			} else {
				fields[i] = string(v)
			}
		}
		out = append(out, strings.Join(fields, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return strings.Join(out, "\n")
}

func columnTypes(t *testing.T, conn *pgx.Conn, schema, table string) string {
	return query(t, conn, `SELECT column_name || ' ' || format_type(atttypid, atttypmod)
		FROM information_schema.columns c JOIN pg_attribute a
		  ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
		WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, schema, table)
}

func mustLoad(t *testing.T, conn *pgx.Conn, s Seed, root string) Result {
	t.Helper()
	res, err := Load(context.Background(), conn, s, Options{Root: root})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return res
}

func TestLoadInfersTypes(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "" +
		"kode,navn,indbyggere,areal,stor,oprettet,opdateret,postnr,tom,stort_tal\n" +
		"101,København,653664,90.1,true,2007-01-01,2024-01-02 10:00:00,1050,,3000000000\n" +
		"751,Aarhus,361544,468,false,2007-01-01,2024-01-02,8000,,1\n" +
		"825,Læsø,1756,,FALSE,,2024-01-02T10:00:00.5,0800,,\n"})
	res := mustLoad(t, conn, kommuner(), root)
	if res.Rows != 3 || res.Relation != "dm.kommuner" {
		t.Errorf("result %+v", res)
	}
	wantTypes := strings.Join([]string{
		"kode integer", "navn text", "indbyggere integer", "areal numeric", "stor boolean",
		"oprettet date", "opdateret timestamp without time zone", "postnr text", "tom text", "stort_tal bigint",
	}, "\n")
	if got := columnTypes(t, conn, "dm", "kommuner"); got != wantTypes {
		t.Errorf("column types\n got: %s\nwant: %s", got, wantTypes)
	}
	if got, want := query(t, conn, `SELECT kode, navn, areal, postnr, tom, stort_tal FROM dm.kommuner ORDER BY kode`),
		"101|København|90.1|1050|<null>|3000000000\n751|Aarhus|468|8000|<null>|1\n825|Læsø|<null>|0800|<null>|<null>"; got != want {
		t.Errorf("rows\n got: %s\nwant: %s", got, want)
	}
}

// TestLoadAnalyzes: a loaded seed has statistics at once, so the models that join it right
// after are planned on its real size (reltuples is -1 for a table never analysed).
func TestLoadAnalyzes(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode,navn\n101,København\n147,Frederiksberg\n751,Aarhus\n"})
	mustLoad(t, conn, kommuner(), root)
	if got := query(t, conn, `SELECT reltuples::int FROM pg_class WHERE oid = 'dm.kommuner'::regclass`); got != "3" {
		t.Errorf("reltuples = %s, want 3 (the seed was not analysed)", got)
	}
}

func TestInferReadsOnlyTheSample(t *testing.T) {
	root := project(t, map[string]string{"s.csv": "a,b\n1,x\n2,y\nnot a number,z\n"})
	cols, err := Infer(filepath.Join(root, "s.csv"), 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 2 || cols[0] != (Column{"a", "integer"}) || cols[1] != (Column{"b", "text"}) {
		t.Errorf("Infer = %v", cols)
	}
	cols, _ = Infer(filepath.Join(root, "s.csv"), 3)
	if cols[0].Type != "text" {
		t.Errorf("with the third row sampled, a is %s, want text", cols[0].Type)
	}
}

func TestLoadDeclaredTypesWin(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode,beloeb,dato\n101,12.5,2024-01-01\n"})
	s := kommuner()
	s.ColumnTypes = map[string]string{"kode": "text", "beloeb": "numeric(12, 2)", "dato": "timestamp with time zone"}
	mustLoad(t, conn, s, root)
	want := "kode text\nbeloeb numeric(12,2)\ndato timestamp with time zone"
	if got := columnTypes(t, conn, "dm", "kommuner"); got != want {
		t.Errorf("column types\n got: %s\nwant: %s", got, want)
	}
}

func TestLoadRejectsBadDeclarations(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode,navn\n101,x\n"})
	for name, tc := range map[string]struct {
		types map[string]string
		want  string
	}{
		"unknown column": {map[string]string{"naavn": "text"},
			`seeds/kommuner.yml: column "naavn" has a declared type but is not in the header of seeds/kommuner.csv (did you mean "navn"?)`},
		"not a type": {map[string]string{"navn": "text); DROP TABLE x; --"},
			`seeds/kommuner.yml: column "navn": "text); DROP TABLE x; --" is not a type name`},
	} {
		t.Run(name, func(t *testing.T) {
			s := kommuner()
			s.ColumnTypes = tc.types
			_, err := Load(context.Background(), conn, s, Options{Root: root})
			if err == nil || err.Error() != tc.want {
				t.Errorf("error\n got: %v\nwant: %s", err, tc.want)
			}
		})
	}
}

// TestLoadErrorsLeaveTableUnchanged loads a good file, then each bad one: every load must
// fail with its exact message and leave the first table, and nothing else, behind.
func TestLoadErrorsLeaveTableUnchanged(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode,navn,dato\n101,Køge,2024-01-01\n"})
	s := kommuner()
	s.ColumnTypes = map[string]string{"navn": "varchar(5)"}
	mustLoad(t, conn, s, root)
	before := query(t, conn, "SELECT * FROM dm.kommuner")

	for _, tc := range []struct{ name, csv, want string }{
		{"too many fields", "kode,navn,dato\n101,Køge,2024-01-01,x\n",
			`seeds/kommuner.csv:2:21: row has 4 fields, but the header has 3 (quote fields that contain the delimiter ",")`},
		{"bad date late in the file", "kode,navn,dato\n" + strings.Repeat("1,a,2024-01-01\n", 1500) + "2,b,2024-02-30\n",
			`seeds/kommuner.csv:1502:5: field 3 ("dato"): "2024-02-30" is not a date (write dates as YYYY-MM-DD; date was inferred from the first 1000 rows; declare the column's type in seeds/kommuner.yml)`},
		{"integer after the sample", "kode,navn,dato\n" + strings.Repeat("1,a,2024-01-01\n", 1000) + "x1,b,2024-01-01\n",
			`seeds/kommuner.csv:1002:1: field 1 ("kode"): "x1" is not an integer (integer was inferred from the first 1000 rows; declare the column's type in seeds/kommuner.yml)`},
		{"server rejects a value", "kode,navn,dato\n1,\"Lang\nt\",2024-01-01\n2,Roskilde,2024-01-01\n",
			`seeds/kommuner.csv:2:3: field 2 ("navn"): value too long for type character varying(5) (the type varchar(5) is declared in seeds/kommuner.yml)`},
		{"duplicate header", "kode,navn,kode\n1,a,2\n",
			`seeds/kommuner.csv:1:11: duplicate column name "kode" in field 3 of the header (field 1 has the same name)`},
		{"empty file", "",
			`seeds/kommuner.csv:1:1: the file is empty (a seed needs a header row naming its columns)`},
		{"bad quoting", "kode,navn,dato\n1,\"a\"b,2024-01-01\n",
			`seeds/kommuner.csv:2:6: text after the closing quote of a field (a quoted field ends at its closing quote; put the text inside the quotes)`},
		{"Latin-1", "kode,navn,dato\n1,K\xf8ge,2024-01-01\n",
			`seeds/kommuner.csv:2:4: invalid UTF-8 byte 0xf8 (save the file as UTF-8; it looks like Latin-1 or Windows-1252)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			writeSeed(t, root, "kommuner.csv", tc.csv)
			_, err := Load(context.Background(), conn, s, Options{Root: root})
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error\n got: %v\nwant: %s", err, tc.want)
			}
			var list diag.ErrorList
			if !errors.As(err, &list) {
				t.Errorf("error is %T, want diag.ErrorList", err)
			}
			if got := query(t, conn, "SELECT * FROM dm.kommuner"); got != before {
				t.Errorf("table changed to %q", got)
			}
			if got := query(t, conn, "SELECT relname FROM pg_class WHERE relname LIKE '%flis%'"); got != "" {
				t.Errorf("left behind: %s", got)
			}
			if st := conn.PgConn().TxStatus(); st != 'I' {
				t.Errorf("connection left in transaction status %q", st)
			}
		})
	}
}

func TestLoadServerErrorMapsToRecordStartAndField(t *testing.T) {
	conn := pgtest.Conn(t)
	// CRLF with a bare \n inside quotes: PostgreSQL's line counter skips that newline, the
	// file's lines do not.
	root := project(t, map[string]string{"seeds/kommuner.csv": "" +
		"id,note,kode\r\n" +
		"1,\"a\nb\",12\r\n" +
		"2,\"c\r\nd\",123\r\n"})
	s := kommuner()
	s.ColumnTypes = map[string]string{"kode": "numeric(2,0)"}
	_, err := Load(context.Background(), conn, s, Options{Root: root})
	want := `seeds/kommuner.csv:5:4: field 3 ("kode"): numeric field overflow (A field with precision 2, scale 0 must round to an absolute value less than 10^2; the type numeric(2,0) is declared in seeds/kommuner.yml)`
	if err == nil || err.Error() != want {
		t.Fatalf("error\n got: %v\nwant: %s", err, want)
	}
}

func TestLoadRoundTripsAwkwardCSV(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "\uFEFF" +
		"id;tekst\r\n" +
		"1;\"linje 1\r\nlinje 2\"\r\n" +
		"2;\"semi;kolon, komma og \"\"citat\"\"\"\r\n" +
		"3;\"\"\r\n" +
		"4;\r\n" +
		"5;\"\\.\"\r\n"})
	s := kommuner()
	s.Delimiter = ';'
	res := mustLoad(t, conn, s, root)
	if res.Rows != 5 {
		t.Errorf("%d rows, want 5", res.Rows)
	}
	got := query(t, conn, `SELECT id, replace(replace(coalesce(tekst, '<null>'), E'\r', '\r'), E'\n', '\n') FROM dm.kommuner ORDER BY id`)
	want := "1|linje 1\\r\\nlinje 2\n2|semi;kolon, komma og \"citat\"\n3|\n4|<null>\n5|\\."
	if got != want {
		t.Errorf("rows\n got: %s\nwant: %s", got, want)
	}
	if got := columnTypes(t, conn, "dm", "kommuner"); got != "id integer\ntekst text" {
		t.Errorf("BOM leaked into the header: %s", got)
	}
}

func TestLoadHeaderOnly(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode,navn\n"})
	res := mustLoad(t, conn, kommuner(), root)
	if res.Rows != 0 {
		t.Errorf("%d rows", res.Rows)
	}
	if got := columnTypes(t, conn, "dm", "kommuner"); got != "kode text\nnavn text" {
		t.Errorf("columns %s", got)
	}
}

func TestLoadInsideCallersTransaction(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode\n1\n"})
	if _, err := conn.Exec(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, conn, kommuner(), root)
	writeSeed(t, root, "kommuner.csv", "kode\nx\n")
	s := kommuner()
	s.ColumnTypes = map[string]string{"kode": "integer"}
	if _, err := Load(ctx, conn, s, Options{Root: root}); err == nil {
		t.Fatal("bad file loaded")
	}
	// The failed load rolled back to its savepoint: the caller's transaction is usable and
	// still holds the first load.
	if got := query(t, conn, "SELECT kode FROM dm.kommuner"); got != "1" {
		t.Errorf("inside the transaction: %q", got)
	}
	if _, err := conn.Exec(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if got := query(t, conn, "SELECT to_regclass('dm.kommuner')"); got != "<null>" {
		t.Errorf("the caller's rollback left %s", got)
	}
}
