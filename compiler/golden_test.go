package compiler

import (
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/internal/golden"
)

func noEnv(string) string { return "" }

// TestErrors compiles every project under testdata/errors and compares the diagnostics with
// the case's want.txt, exactly.
func TestErrors(t *testing.T) {
	cases, err := filepath.Glob("testdata/errors/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 12 {
		t.Fatalf("only %d error cases", len(cases))
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := Compile(Options{Root: dir, Getenv: noEnv})
			var got string
			var el diag.ErrorList
			switch {
			case errors.As(err, &el):
				got = el.Error() + "\n"
			case err != nil:
				t.Fatalf("not a diagnostic list: %v", err)
			default:
				ws := make([]string, len(res.Warnings))
				for i, w := range res.Warnings {
					ws[i] = w.Error()
				}
				got = strings.Join(ws, "\n") + "\n"
				if len(ws) == 0 {
					t.Fatalf("compiled without errors or warnings")
				}
			}
			golden.Check(t, filepath.Join(dir, "want.txt"), got)
		})
	}
}

// TestCompiledSQL compiles testdata/project and compares every node's compiled SQL and the
// graph with the golden files under testdata/project/want.
func TestCompiledSQL(t *testing.T) {
	for _, target := range []string{"dev", "ci"} {
		t.Run(target, func(t *testing.T) {
			res, err := Compile(Options{Root: "testdata/project", TargetName: target, Getenv: noEnv})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for id := range res.Nodes {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			var graph strings.Builder
			for _, id := range res.Order {
				n := res.Nodes[id]
				graph.WriteString(id + " <- " + strings.Join(n.DependsOn, ", ") + "\n")
			}
			golden.Check(t, filepath.Join("testdata/project/want", target, "graph.txt"), graph.String())
			for _, id := range ids {
				n := res.Nodes[id]
				if n.CompiledSQL == "" {
					continue
				}
				golden.Check(t, filepath.Join("testdata/project/want", target, id+".sql"), n.CompiledSQL)
			}
		})
	}
}
