package cli

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flis-dk/flis/compiler"
)

//go:embed docsite/index.html.tmpl
var docsTemplate string

func newDocsCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{Use: "docs", Short: "Generate and serve documentation of the project's models"}
	gen := &cobra.Command{
		Use:   "generate",
		Short: "Write target/docs/index.html: every model, seed, source and test with descriptions, columns, lineage and SQL",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			path, err := generateDocs(f)
			if err != nil {
				return err
			}
			fmt.Fprintf(f.IO.Out, "Wrote %s\n", path)
			return nil
		},
	}
	var addr string
	serve := &cobra.Command{
		Use:   "serve",
		Short: "Generate the docs and serve them on localhost",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			path, err := generateDocs(f)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return usageErrorf("flis docs serve: %v", err)
			}
			fmt.Fprintf(f.IO.Out, "Serving %s on http://%s/ (Ctrl-C to stop)\n", path, ln.Addr())
			srv := &http.Server{Handler: http.FileServer(http.Dir(filepath.Dir(path)))}
			go func() { <-c.Context().Done(); srv.Close() }()
			if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
				return err
			}
			return nil
		},
	}
	serve.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.AddCommand(gen, serve)
	return cmd
}

// generateDocs compiles the project and writes target/docs/index.html.
func generateDocs(f *Factory) (string, error) {
	comp, err := f.Compile()
	if err != nil {
		return "", err
	}
	path, err := writeDocs(comp)
	if err != nil {
		return "", projectErr(err)
	}
	return path, nil
}

type docNode struct {
	ID, Kind, Name, Path, Area, Relation, Description, Materialized, SQL string
	Tags                                                                 []string
	Columns                                                              []docColumn
	Parents, Children                                                    []string
	Tests                                                                []string
}

type docColumn struct{ Name, Type, Description string }

func writeDocs(c *Compiled) (string, error) {
	r := c.Result
	m := r.Manifest()
	var nodes []docNode
	tests := map[string][]string{}
	for _, id := range r.Order {
		n := r.Nodes[id]
		if n.Kind == compiler.KindTest && n.Test.Attached != "" {
			tests[n.Test.Attached] = append(tests[n.Test.Attached], n.Name)
		}
	}
	for _, id := range r.Order {
		n := r.Nodes[id]
		if n.Kind == compiler.KindTest {
			continue
		}
		d := docNode{ID: id, Kind: n.Kind, Name: n.Name, Path: n.Path, Area: n.Area, Relation: n.Relation.String(),
			Tags: n.Tags, Parents: m.ParentMap[id], Children: m.ChildMap[id], Tests: tests[id], SQL: n.CompiledSQL,
			Materialized: materialized(n)}
		switch {
		case n.Model != nil:
			d.Description = n.Model.Description
			d.SQL = n.Model.SQL
			for _, col := range n.Model.Columns {
				d.Columns = append(d.Columns, docColumn{col.Name, col.Type, col.Description})
			}
			if len(d.Columns) == 0 {
				for _, col := range n.Columns {
					d.Columns = append(d.Columns, docColumn{Name: col})
				}
			}
		case n.Seed != nil:
			d.Description = n.Seed.Description
			for _, h := range n.Seed.Header {
				d.Columns = append(d.Columns, docColumn{Name: h, Type: n.Seed.ColumnTypes[h]})
			}
		case n.Source != nil:
			d.Description = n.Source.Description
			for _, col := range n.Source.Columns {
				d.Columns = append(d.Columns, docColumn{col.Name, col.Type, col.Description})
			}
		}
		nodes = append(nodes, d)
	}
	data, err := json.Marshal(nodes)
	if err != nil {
		return "", err
	}
	tmpl, err := template.New("docs").Parse(docsTemplate)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(c.Root, "target", "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	var b strings.Builder
	err = tmpl.Execute(&b, map[string]any{"Project": r.Project.Config.Name, "Target": r.Target.Name,
		"Data": template.JS(data), "Count": len(nodes)})
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "index.html")
	return path, os.WriteFile(path, []byte(b.String()), 0o644)
}
