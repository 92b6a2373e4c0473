package seed

import (
	"context"
	"io"
	"strings"
	"testing"
)

// chunkReader returns at most n bytes per Read, to push chunk boundaries through every
// state of the scanner.
type chunkReader struct {
	r io.Reader
	n int
}

func (c chunkReader) Read(p []byte) (int, error) {
	if len(p) > c.n {
		p = p[:c.n]
	}
	return c.r.Read(p)
}

// scanAll runs input through a validatingReader the way Load does (optional declared kinds),
// with reads of at most chunk bytes, and returns the scanner and the bytes handed on.
func scanAll(t testing.TB, input string, kinds []kind, chunk, readSize int) (*scanner, string) {
	t.Helper()
	sc := newScanner("seeds/s.csv", ',', 20)
	if kinds != nil {
		sc.kinds = kinds
		sc.hints = make([]string, len(kinds))
	}
	vr := newValidatingReader(context.Background(), chunkReader{strings.NewReader(input), chunk}, sc)
	var out strings.Builder
	buf := make([]byte, readSize)
	for {
		n, err := vr.Read(buf)
		out.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err == errInvalid {
			if derr := vr.drain(); derr != nil {
				t.Fatal(derr)
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return sc, out.String()
}

func errStrings(sc *scanner) []string {
	var out []string
	for _, d := range sc.errs {
		out = append(out, d.Error())
	}
	return out
}

func TestScannerMessages(t *testing.T) {
	i32, date, b, num := kindInt32, kindDate, kindBool, kindNumeric
	tests := []struct {
		name  string
		in    string
		kinds []kind
		want  []string
		rows  int64
	}{
		{name: "valid", in: "a,b\n1,x\n2,y\n", rows: 2},
		{name: "no final newline", in: "a,b\n1,x\n2,y", rows: 2},
		{name: "CRLF", in: "a,b\r\n1,x\r\n2,y\r\n", rows: 2},
		{name: "BOM", in: "\uFEFFa,b\n1,x\n", rows: 1},
		{name: "quoted newline and delimiter", in: "a,b\n\"x\ny,z\",2\n\"he said \"\"hi\"\"\",3\n", rows: 2},
		{name: "quoted CRLF inside CRLF file", in: "a,b\r\n\"x\r\ny\",2\r\n", rows: 1},
		{name: "Danish letters", in: "navn,by\nSøren,Århus\nÆble,Ærø\n", rows: 2},
		{name: "trailing empty field", in: "a,b\n1,\n2,", rows: 2},
		{name: "header only", in: "a,b\n", rows: 0},
		{name: "one column empty line is NULL", in: "a\nx\n\ny\n", rows: 3},
		{name: "end marker quoted is data", in: "a\n\"\\.\"\n", rows: 1},
		{name: "end marker with more fields is data", in: "a,b\n\\.,1\n", rows: 1},
		{name: "declared types valid", in: "i,d,b,n\n-12,2024-02-29,yes,3.5e2\n,,,\n", kinds: []kind{i32, date, b, num}, rows: 2},

		{name: "too many fields", in: "a,b\n1,2\n3,4,5\n", rows: 2,
			want: []string{`seeds/s.csv:3:5: row has 3 fields, but the header has 2 (quote fields that contain the delimiter ",")`}},
		{name: "too few fields", in: "a,b,c\n1,2\n", rows: 1,
			want: []string{`seeds/s.csv:2:4: row has 2 fields, but the header has 3`}},
		{name: "too few at EOF", in: "a,b,c\n1,2", rows: 1,
			want: []string{`seeds/s.csv:2:4: row has 2 fields, but the header has 3`}},
		{name: "bare quote", in: "a,b\nab\"c,2\n", rows: 1,
			want: []string{`seeds/s.csv:2:3: quote character inside an unquoted field (quote the whole field and double the quotes inside it, like "a""b")`}},
		{name: "text after closing quote", in: "a,b\n\"ab\"c,2\n", rows: 1,
			want: []string{`seeds/s.csv:2:5: text after the closing quote of a field (a quoted field ends at its closing quote; put the text inside the quotes)`}},
		{name: "unterminated quote", in: "a,b\n1,\"abc\n2,3\n", rows: 0,
			want: []string{`seeds/s.csv:2:3: quoted field is never closed (a field that starts with " must end with "; write a quote inside it as "")`}},
		{name: "empty header name", in: "a,,c\n1,2,3\n", rows: 1,
			want: []string{`seeds/s.csv:1:3: field 2 of the header is empty (every column needs a name)`}},
		{name: "duplicate header name", in: "id,navn,id\n1,2,3\n", rows: 1,
			want: []string{`seeds/s.csv:1:9: duplicate column name "id" in field 3 of the header (field 1 has the same name)`}},
		{name: "Latin-1 byte", in: "navn\nS\xf8ren\nK\xe6re\n", rows: 2,
			want: []string{`seeds/s.csv:2:2: invalid UTF-8 byte 0xf8 (save the file as UTF-8; it looks like Latin-1 or Windows-1252)`}},
		{name: "UTF-8 column counts runes", in: "navn,n\nÆøå,\"x\"y\n", rows: 1,
			want: []string{`seeds/s.csv:2:8: text after the closing quote of a field (a quoted field ends at its closing quote; put the text inside the quotes)`}},
		{name: "NUL byte", in: "a\nx\x00y\n", rows: 1,
			want: []string{`seeds/s.csv:2:2: NUL byte in the file (PostgreSQL text cannot hold NUL; is this a UTF-16 or binary file?)`}},
		{name: "empty line", in: "a,b\n1,2\n\n3,4\n", rows: 3,
			want: []string{`seeds/s.csv:3:1: empty line (delete it; PostgreSQL reads an empty line as a row of NULLs and rejects it)`}},
		{name: "end marker", in: "a\nx\n\\.\ny\n", rows: 3,
			want: []string{`seeds/s.csv:3:1: line holding only \. would end the data here (PostgreSQL ends COPY data at a line holding only \.; quote it as "\.")`}},
		{name: "mixed line endings", in: "a,b\n1,2\r\n3,4\n", rows: 2,
			want: []string{`seeds/s.csv:2:4: line ends with \r\n, but the first line ends with \n (save the file with one kind of line ending)`}},
		{name: "mixed line endings CRLF first", in: "a,b\r\n1,2\n", rows: 1,
			want: []string{`seeds/s.csv:2:4: line ends with \n, but the first line ends with \r\n (save the file with one kind of line ending)`}},
		{name: "bare CR line endings", in: "a,b\r1,2\r", rows: 0,
			want: []string{`seeds/s.csv:1:4: the first line ends with a bare carriage return (\r) (save the file with \n or \r\n line endings)`}},
		{name: "bad integer", in: "i,d\n12,2024-01-01\n1.5,2024-01-02\n", kinds: []kind{i32, date}, rows: 2,
			want: []string{`seeds/s.csv:3:1: field 1 ("i"): "1.5" is not an integer (declare numeric for decimals)`}},
		{name: "integer out of range", in: "i\n2147483648\n", kinds: []kind{i32}, rows: 1,
			want: []string{`seeds/s.csv:2:1: field 1 ("i"): "2147483648" is out of range for integer (declare a wider type)`}},
		{name: "bad date", in: "i,d\n1,31-01-2024\n2,2023-02-29\n", kinds: []kind{i32, date}, rows: 2,
			want: []string{
				`seeds/s.csv:2:3: field 2 ("d"): "31-01-2024" is not a date (write dates as YYYY-MM-DD)`,
				`seeds/s.csv:3:3: field 2 ("d"): "2023-02-29" is not a date (write dates as YYYY-MM-DD)`,
			}},
		{name: "bad boolean", in: "b\nja\n", kinds: []kind{b}, rows: 1,
			want: []string{`seeds/s.csv:2:1: field 1 ("b"): "ja" is not a boolean (write true or false)`}},
		{name: "decimal comma", in: "n\n\"3,5\"\n", kinds: []kind{num}, rows: 1,
			want: []string{`seeds/s.csv:2:1: field 1 ("n"): "3,5" is not a number (write the decimal separator as a point, not a comma)`}},
		{name: "quoted empty is not NULL", in: "i\n\"\"\n", kinds: []kind{i32}, rows: 1,
			want: []string{`seeds/s.csv:2:1: field 1 ("i"): "" is not an integer`}},
		{name: "several errors are all reported", in: "i,d\nx,1\ny,2\n", kinds: []kind{i32, date}, rows: 2,
			want: []string{
				`seeds/s.csv:2:1: field 1 ("i"): "x" is not an integer`,
				`seeds/s.csv:2:3: field 2 ("d"): "1" is not a date (write dates as YYYY-MM-DD)`,
				`seeds/s.csv:3:1: field 1 ("i"): "y" is not an integer`,
				`seeds/s.csv:3:3: field 2 ("d"): "2" is not a date (write dates as YYYY-MM-DD)`,
			}},
		{name: "value after quoted newline has its own line", in: "a,i\n\"x\ny\",z\n", kinds: []kind{kindText, i32}, rows: 1,
			want: []string{`seeds/s.csv:3:4: field 2 ("i"): "z" is not an integer`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The result must not depend on where the file is cut into chunks.
			for _, chunk := range []int{1, 2, 3, 5, 64 << 10} {
				sc, _ := scanAll(t, tt.in, tt.kinds, chunk, 64<<10)
				got := errStrings(sc)
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Fatalf("chunk %d: errors\n got: %q\nwant: %q", chunk, got, tt.want)
				}
				if sc.dataRows() != tt.rows {
					t.Errorf("chunk %d: %d data rows, want %d", chunk, sc.dataRows(), tt.rows)
				}
			}
		})
	}
}

func TestReaderPassesBytesThroughExceptBOM(t *testing.T) {
	in := "\uFEFFnavn,by\nSøren,\"Å\nrhus\"\n"
	for _, readSize := range []int{1, 2, 3, 4, 7, 64 << 10} {
		sc, out := scanAll(t, in, nil, 64<<10, readSize)
		if len(sc.errs) > 0 {
			t.Fatalf("read size %d: %v", readSize, sc.errs)
		}
		if want := strings.TrimPrefix(in, "\uFEFF"); out != want {
			t.Errorf("read size %d: handed on %q, want %q", readSize, out, want)
		}
	}
	if _, out := scanAll(t, "", nil, 10, 10); out != "" {
		t.Errorf("empty file handed on %q", out)
	}
}

func TestHeaderNames(t *testing.T) {
	sc, _ := scanAll(t, "\uFEFF\"kommune kode\",\"a\"\"b\",Ærø\n", nil, 2, 64<<10)
	want := []string{"kommune kode", `a"b`, "Ærø"}
	if strings.Join(sc.header, "|") != strings.Join(want, "|") {
		t.Errorf("header %q, want %q", sc.header, want)
	}
}

func TestErrorLimit(t *testing.T) {
	in := "i\n" + strings.Repeat("x\n", 100)
	sc, _ := scanAll(t, in, []kind{kindInt32}, 64<<10, 64<<10)
	if len(sc.errs) != 20 {
		t.Errorf("%d errors reported, want the limit of 20", len(sc.errs))
	}
}
