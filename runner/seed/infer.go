package seed

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
)

// DefaultSampleRows is how many data rows Infer and Load read to infer column types.
const DefaultSampleRows = 1000

// Column is one column of a seed table.
type Column struct {
	Name string `json:"name"`
	Type string `json:"type"` // a PostgreSQL type name
}

// colSpec is a column with what the scanner needs to check it.
type colSpec struct {
	Column
	kind kind
	hint string // said after a value that does not fit: where the type came from
}

// Infer reads the header and the first sampleRows data rows of the CSV file at path (comma
// delimited) and returns its columns with inferred types: integer, bigint, numeric, boolean,
// date, timestamp or text. A column with no value in the sample is text. Inference never
// picks smallint, although a declared smallint is honoured: a sample cannot show that the
// rest of the file stays under 32768. Problems in the part read come back as a
// diag.ErrorList.
func Infer(path string, sampleRows int) ([]Column, error) {
	specs, err := inferSpecs(path, path, ',', sampleRows, 20)
	if err != nil {
		return nil, err
	}
	cols := make([]Column, len(specs))
	for i, c := range specs {
		cols[i] = c.Column
	}
	return cols, nil
}

// inferSpecs is Infer with the file name for messages, the delimiter and an error limit.
func inferSpecs(path, display string, delim byte, sampleRows, maxErrs int) ([]colSpec, error) {
	if sampleRows <= 0 {
		sampleRows = DefaultSampleRows
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	sc := newScanner(display, delim, maxErrs)
	var kinds []kind
	sc.sample = func(rec int64, field int, v []byte, quoted bool) {
		for len(kinds) <= field {
			kinds = append(kinds, kindOther) // no value seen yet
		}
		if len(v) > 0 || quoted {
			kinds[field] = joinKinds(kinds[field], inferKind(v))
		}
	}
	sc.onRecord = func(rec int64, _, _ int, _ []fieldPos) bool {
		return rec-1 >= int64(sampleRows)
	}
	vr := newValidatingReader(context.Background(), f, sc)
	if err := vr.drain(); err != nil {
		return nil, fmt.Errorf("%s: %w", display, err)
	}
	if len(sc.errs) > 0 {
		return nil, diag.ErrorList(sc.errs)
	}
	if sc.rec == 0 {
		return nil, diag.ErrorList{diag.Errorf(diag.Pos{File: display, Line: 1, Col: 1},
			"the file is empty").WithHint("a seed needs a header row naming its columns")}
	}
	specs := make([]colSpec, len(sc.header))
	for i, name := range sc.header {
		k := kindOther
		if i < len(kinds) {
			k = kinds[i]
		}
		if k == kindOther {
			k = kindText
		}
		t := inferredSQL(k)
		specs[i] = colSpec{Column: Column{Name: name, Type: t}, kind: k}
		if k != kindText {
			specs[i].hint = fmt.Sprintf("%s was inferred from the first %d rows; declare the column's type in %s",
				t, sampleRows, yamlFor(display))
		}
	}
	return specs, nil
}

// applyDeclared overrides inferred specs with the types declared in the seed's YAML, which
// always win. A declared column the header does not have is an error: it is a typo.
func applyDeclared(specs []colSpec, declared map[string]string, csvFile string) error {
	var errs diag.List
	yml := yamlFor(csvFile)
	byName := make(map[string]int, len(specs))
	for i, c := range specs {
		byName[c.Name] = i
	}
	names := make([]string, 0, len(declared))
	for name := range declared {
		names = append(names, name)
	}
	sort.Strings(names) // stable messages
	for _, name := range names {
		t := strings.TrimSpace(declared[name])
		i, ok := byName[name]
		switch {
		case !ok:
			header := make([]string, len(specs))
			for j, c := range specs {
				header[j] = c.Name
			}
			d := diag.Errorf(diag.Pos{File: yml}, "column %q has a declared type but is not in the header of %s", name, csvFile)
			if h := diag.DidYouMean(name, header); h != "" {
				d = d.WithHint("%s", h)
			}
			errs.Add(d)
		case !validSQLType(t):
			errs.Add(diag.Errorf(diag.Pos{File: yml}, "column %q: %q is not a type name", name, declared[name]))
		default:
			specs[i].Type = t
			specs[i].kind = kindOf(t)
			specs[i].hint = fmt.Sprintf("the type %s is declared in %s", t, yml)
		}
	}
	return errs.Err()
}

// yamlFor names the seed's sidecar: seeds/x.csv -> seeds/x.yml.
func yamlFor(csvFile string) string {
	return strings.TrimSuffix(csvFile, ".csv") + ".yml"
}
