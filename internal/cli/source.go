package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/runner/freshness"
)

type freshnessOptions struct {
	f         *Factory
	selectors []string
	exclude   []string
	asOf      string
}

func newSourceCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{Use: "source", Short: "Commands about source tables"}
	o := &freshnessOptions{f: f}
	fresh := &cobra.Command{
		Use:   "freshness",
		Short: "Check each source table's newest data against its freshness expectation, per data area",
		Long: `flis source freshness reads the newest value of each source table's freshness column and
compares it with warn_after and error_after as of now (or --as-of). It prints, per data area, the
month the data runs through and whether it is on plan, and writes target/sources.json. It exits 1
when a table is past error_after.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runFreshness(cmd.Context(), o) },
	}
	addSelectFlags(fresh, &o.selectors, &o.exclude)
	fresh.Flags().StringVar(&o.asOf, "as-of", "", "judge freshness at this date (YYYY-MM-DD) instead of now")
	cmd.AddCommand(fresh)
	return cmd
}

func runFreshness(ctx context.Context, o *freshnessOptions) error {
	asOf := time.Now()
	if o.asOf != "" {
		t, err := time.Parse("2006-01-02", o.asOf)
		if err != nil {
			return usageErrorf("--as-of: %q is not a date (write YYYY-MM-DD)", o.asOf)
		}
		asOf = t
	}
	c, err := o.f.Compile()
	if err != nil {
		return err
	}
	ids, err := c.Result.Selected(o.selectors, o.exclude)
	if err != nil {
		return projectErr(err)
	}
	var checks []freshness.Check
	for _, id := range ids {
		n := c.Result.Nodes[id]
		if n.Kind != compiler.KindSource || n.Source.Freshness == nil {
			continue
		}
		fr := n.Source.Freshness
		checks = append(checks, freshness.Check{ID: id, Area: n.Area, Schema: n.Relation.Schema, Table: n.Name,
			Column: fr.Column, WarnAfter: fr.WarnAfter, ErrorAfter: fr.ErrorAfter})
	}
	if len(checks) == 0 {
		return usageErrorf("flis source freshness: no selected source table declares freshness")
	}
	sort.SliceStable(checks, func(i, j int) bool { return checks[i].Area < checks[j].Area })
	s, err := o.f.Connect(ctx, c.Root, c.Result.Project.Config, c.Target)
	if err != nil {
		return err
	}
	defer s.Close()
	results := freshness.Run(ctx, s.DB, checks, asOf)
	if err := compiler.WriteJSON(filepath.Join(c.Root, "target", "sources.json"),
		map[string]any{"as_of": asOf.Format(time.RFC3339), "results": results}); err != nil {
		fmt.Fprintf(o.f.IO.Err, "warning: writing target/sources.json: %v\n", err)
	}
	failedAny := false
	if o.f.JSON() {
		enc := json.NewEncoder(o.f.IO.Out)
		for _, r := range results {
			enc.Encode(r)
		}
	}
	for _, r := range results {
		failedAny = failedAny || r.Status == freshness.Error || r.Status == freshness.Fail
	}
	if !o.f.JSON() {
		printFreshness(o.f, results, asOf)
	}
	if failedAny {
		return failed()
	}
	return nil
}

func printFreshness(f *Factory, results []freshness.Result, asOf time.Time) {
	fmt.Fprintf(f.IO.Out, "Source freshness as of %s\n", asOf.Format("2006-01-02"))
	rows := [][]string{}
	for _, r := range results {
		status := r.Status
		if r.Message != "" {
			status += ": " + r.Message
		}
		rows = append(rows, []string{r.Area, r.Schema + "." + r.Table, r.DataThrough, r.Newest, status})
	}
	printTable(f.IO.Out, []string{"area", "source", "data til og med", "newest " + "value", "status"}, rows)
}
