package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

type sampleOptions struct {
	f        *Factory
	citizens int
	replace  bool
}

func newSampleCmd(f *Factory) *cobra.Command {
	o := &sampleOptions{f: f}
	cmd := &cobra.Command{
		Use:   "sample",
		Short: "Fill the embedded warehouse's source tables with generated sample data",
		Long: `flis sample runs the project's sample-data generator (flis.yaml: sample_data) against the
embedded default warehouse. flis build does this by itself when the source tables do not exist
yet; use flis sample to load another size (--citizens 1000000 for benchmarks) or to start over
(--replace). It never writes to a warehouse given by FLIS_DSN or a target's dsn.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runSample(cmd.Context(), o) },
	}
	cmd.Flags().IntVar(&o.citizens, "citizens", 0, "population size (default: flis.yaml sample_data.citizens)")
	cmd.Flags().BoolVar(&o.replace, "replace", false, "replace source tables that already hold data")
	return cmd
}

func runSample(ctx context.Context, o *sampleOptions) error {
	root, err := o.f.Root()
	if err != nil {
		return err
	}
	cfg, target, err := o.f.config(root)
	if err != nil {
		return err
	}
	if target.DSN != "" {
		return usageErrorf("flis sample: target %s is not the embedded default; flis never writes source tables of another warehouse", target.Name)
	}
	if cfg.SampleData == nil {
		return usageErrorf("flis sample: flis.yaml has no sample_data section")
	}
	s, err := o.f.Connect(ctx, root, cfg, target)
	if err != nil {
		return err
	}
	defer s.Close()
	if !o.replace {
		v, _, err := s.DB.ScalarString(ctx, `SELECT count(*)::text FROM pg_tables WHERE schemaname = 'dsa'`)
		if err != nil {
			return warehouseErr(err)
		}
		if v != "0" {
			return usageErrorf("flis sample: the dsa schema already has tables (hint: --replace to generate them anew)")
		}
	}
	if err := o.f.ensureSampleData(ctx, s, cfg, o.citizens, true, o.replace); err != nil {
		return err
	}
	fmt.Fprintln(o.f.IO.Out, "sample data loaded")
	return nil
}
