package cli

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flis-dk/flis/compiler"
)

type compileOptions struct {
	f     *Factory
	stats bool
}

func newCompileCmd(f *Factory) *cobra.Command {
	o := &compileOptions{f: f}
	cmd := &cobra.Command{
		Use:   "compile",
		Short: "Compile the project: check every model and write target/manifest.json and target/compiled/",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return runCompile(o) },
	}
	cmd.Flags().BoolVar(&o.stats, "stats", false, "print where compile time went")
	return cmd
}

// compileSummary is what `flis compile` reports; --output json prints it as is.
type compileSummary struct {
	Project   string         `json:"project"`
	Target    string         `json:"target"`
	Counts    map[string]int `json:"counts"`
	Warnings  int            `json:"warnings"`
	Seconds   float64        `json:"seconds"`
	CacheHits int            `json:"cache_hits"`
	Analysed  int            `json:"analysed"`
	Manifest  string         `json:"manifest"`
}

func runCompile(o *compileOptions) error {
	c, err := o.f.Compile()
	if err != nil {
		return err
	}
	r := c.Result
	s := compileSummary{Project: r.Project.Config.Name, Target: r.Target.Name, Counts: countKinds(r),
		Warnings: len(r.Warnings), Seconds: r.Stats.TotalMS / 1000, CacheHits: r.Stats.CacheHits,
		Analysed: r.Stats.Analysed, Manifest: "target/manifest.json"}
	if o.f.JSON() {
		return json.NewEncoder(o.f.IO.Out).Encode(s)
	}
	fmt.Fprintf(o.f.IO.Out, "Compiled %s for target %s in %.3fs: %s (analysed %d, from cache %d)\n",
		s.Project, s.Target, s.Seconds, describeCounts(s.Counts), s.Analysed, s.CacheHits)
	if o.stats {
		st := r.Stats
		fmt.Fprintf(o.f.IO.Out, "  load %.1fms  analyse %.1fms  resolve %.1fms  graph %.1fms  (workers %d)\n",
			st.LoadMS, st.AnalyseMS, st.ResolveMS, st.GraphMS, st.Parallelism)
	}
	return nil
}

func countKinds(r *compiler.Result) map[string]int {
	counts := map[string]int{}
	for _, n := range r.Nodes {
		counts[n.Kind]++
	}
	return counts
}

func describeCounts(c map[string]int) string {
	var parts []string
	for _, k := range []string{compiler.KindModel, compiler.KindSeed, compiler.KindSource, compiler.KindTest} {
		parts = append(parts, fmt.Sprintf("%d %ss", c[k], k))
	}
	return strings.Join(parts, ", ")
}

type lsOptions struct {
	f               *Factory
	selectors, excl []string
	resourceTypes   []string
}

func newLsCmd(f *Factory) *cobra.Command {
	o := &lsOptions{f: f}
	cmd := &cobra.Command{
		Use:     "ls",
		Aliases: []string{"list"},
		Short:   "List the project's nodes chosen by --select/--exclude (--output name|path|json)",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runLs(o) },
	}
	addSelectFlags(cmd, &o.selectors, &o.excl)
	cmd.Flags().StringSliceVar(&o.resourceTypes, "resource-type", nil, "only these kinds: model, seed, source, test")
	return cmd
}

func runLs(o *lsOptions) error {
	format := o.f.Output
	switch format {
	case "text":
		format = "name"
	case "name", "path", "json":
	default:
		return usageErrorf("flis ls: --output must be name, path or json, not %q", format)
	}
	o.f.Output = "text" // the compile step itself prints text
	c, err := o.f.Compile()
	if err != nil {
		return err
	}
	ids, err := c.Result.Selected(o.selectors, o.excl)
	if err != nil {
		return projectErr(err)
	}
	kinds := map[string]bool{}
	for _, k := range o.resourceTypes {
		kinds[k] = true
	}
	var lines []string
	for _, id := range ids {
		n := c.Result.Nodes[id]
		if len(kinds) > 0 && !kinds[n.Kind] {
			continue
		}
		switch format {
		case "name":
			lines = append(lines, displayName(n))
		case "path":
			lines = append(lines, n.Path)
		case "json":
			b, _ := json.Marshal(lsEntry{ID: n.ID, Kind: n.Kind, Name: n.Name, Path: n.Path, Area: n.Area,
				Tags: n.Tags, Relation: n.Relation.String(), DependsOn: n.DependsOn, Materialized: materialized(n)})
			lines = append(lines, string(b))
		}
	}
	if format == "path" {
		lines = uniqueSorted(lines)
	}
	for _, l := range lines {
		fmt.Fprintln(o.f.IO.Out, l)
	}
	return nil
}

type lsEntry struct {
	ID           string   `json:"unique_id"`
	Kind         string   `json:"resource_type"`
	Name         string   `json:"name"`
	Path         string   `json:"path"`
	Area         string   `json:"area,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	Relation     string   `json:"relation,omitempty"`
	Materialized string   `json:"materialized,omitempty"`
	DependsOn    []string `json:"depends_on"`
}

// displayName is how dbt's ls names a node: the source as source:schema.table, else its name.
func displayName(n *compiler.Node) string {
	if n.Kind == compiler.KindSource {
		return "source:" + n.Source.Source + "." + n.Name
	}
	return n.Name
}

func materialized(n *compiler.Node) string {
	switch {
	case n.Model != nil:
		return n.Model.Config.Materialized
	case n.Seed != nil:
		return "seed"
	}
	return ""
}

func uniqueSorted(in []string) []string {
	sort.Strings(in)
	out := in[:0]
	for i, s := range in {
		if i == 0 || s != in[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func addSelectFlags(cmd *cobra.Command, sel, excl *[]string) {
	cmd.Flags().StringArrayVarP(sel, "select", "s", nil, "nodes to include: name, +name, name+, @name, tag:x, area:x, path:x, source:x, ... (repeatable)")
	cmd.Flags().StringArrayVar(excl, "exclude", nil, "nodes to leave out, same syntax as --select (repeatable)")
}
