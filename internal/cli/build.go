package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/runner"
	"github.com/flis-dk/flis/runner/report"
	"github.com/flis-dk/flis/runner/seed"
	"github.com/flis-dk/flis/runner/warehouse"
)

type buildOptions struct {
	f             *Factory
	command       string
	selectors     []string
	exclude       []string
	threads       int
	fullRefresh   bool
	storeFailures bool
	noWait        bool
	failFast      bool
	lockTimeout   time.Duration
}

var buildHelp = map[string]string{
	runner.CmdBuild: "Build seeds and models and run their tests, in graph order (each node's tests right after it)",
	runner.CmdRun:   "Build the selected models",
	runner.CmdTest:  "Run the selected data tests",
	runner.CmdSeed:  "Load the selected CSV seeds",
}

func newBuildCmd(f *Factory, command string) *cobra.Command {
	o := &buildOptions{f: f, command: command}
	cmd := &cobra.Command{
		Use:   command,
		Short: buildHelp[command],
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return runBuild(cmd.Context(), o) },
	}
	addSelectFlags(cmd, &o.selectors, &o.exclude)
	cmd.Flags().IntVar(&o.threads, "threads", 0, "nodes built at once (default: the target's threads, else the number of CPUs)")
	cmd.Flags().BoolVar(&o.noWait, "no-wait", false, "fail at once when another flis run holds the target, instead of waiting")
	cmd.Flags().BoolVarP(&o.failFast, "fail-fast", "x", false, "stop at the first error or failed test: cancel running statements, start nothing else")
	cmd.Flags().DurationVar(&o.lockTimeout, "lock-timeout", 10*time.Second, "longest wait for a table lock when publishing a model")
	if command != runner.CmdTest && command != runner.CmdSeed {
		cmd.Flags().BoolVar(&o.fullRefresh, "full-refresh", false, "rebuild incremental models from scratch")
	}
	if command == runner.CmdBuild || command == runner.CmdTest {
		cmd.Flags().BoolVar(&o.storeFailures, "store-failures", false, "keep failing rows of each test in the audit schema")
	}
	return cmd
}

func runBuild(ctx context.Context, o *buildOptions) error {
	c, err := o.f.Compile()
	if err != nil {
		return err
	}
	res := c.Result
	selected, err := res.Selected(o.selectors, o.exclude)
	if err != nil {
		return projectErr(err)
	}
	threads := o.threads
	if threads <= 0 {
		threads = c.Target.Threads
	}
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	printer := report.New(o.f.IO.Out, report.Options{JSON: o.f.JSON(), Terminal: o.f.IO.IsTerminal,
		NoColor: o.f.NoColor || o.f.Getenv("NO_COLOR") != ""})

	s, err := o.f.Connect(ctx, c.Root, res.Project.Config, c.Target)
	if err != nil {
		return err
	}
	defer s.Close()

	// One run per target at a time: the second waits (and says so) or fails with --no-wait.
	lockKey := "flis:" + res.Project.Config.Name + ":" + c.Target.Name + ":" + c.Target.SchemaSuffix
	unlock, err := s.DB.Lock(ctx, lockKey, !o.noWait, func() {
		printer.Event(runner.Event{Type: "waiting", Time: time.Now(),
			Message: fmt.Sprintf("Waiting for another flis run on target %s to finish...", c.Target.Name)})
	})
	if errors.Is(err, warehouse.ErrLocked) {
		return &exitError{ExitFailed, fmt.Errorf("another flis run holds target %s (hint: wait for it, or run without --no-wait to queue)", c.Target.Name)}
	}
	if err != nil {
		if ctx.Err() != nil {
			return interrupted()
		}
		return warehouseErr(err)
	}
	defer unlock()

	if o.command != runner.CmdTest {
		if err := o.f.ensureSampleData(ctx, s, res.Project.Config, 0, false, false); err != nil {
			return err
		}
	}
	for _, stmt := range res.Project.Config.OnRunStart {
		if _, err := s.DB.Exec(ctx, stmt); err != nil {
			return &exitError{ExitFailed, fmt.Errorf("flis.yaml: on_run_start: %w", err)}
		}
	}
	printer.Event(runner.Event{Type: "run_start", Time: time.Now(),
		Message: fmt.Sprintf("Running %s on target %s (%s) with %d threads", o.command, c.Target.Name, s.Describe(), threads)})

	results, err := runner.Run(ctx, res, s.DB, runner.Options{
		Command: o.command, Selected: selected, Threads: threads, FullRefresh: o.fullRefresh,
		StoreFailures: o.storeFailures, FailFast: o.failFast, AuditSchema: "flis_audit" + c.Target.SchemaSuffix,
		StateSchema: "flis_state" + c.Target.SchemaSuffix,
		LockTimeout: o.lockTimeout, Emit: printer.Event,
		LoadSeed: func(ctx context.Context, n *compiler.Node) (int64, error) { return loadSeed(ctx, s, c.Root, n) },
	})
	if err != nil {
		return &exitError{ExitFailed, err}
	}
	results.Metadata.FlisVersion = compiler.Version
	results.Metadata.GeneratedAt = time.Now().UTC()
	results.Metadata.Target = c.Target.Name
	results.Args = os.Args[1:]
	if err := compiler.WriteJSON(filepath.Join(c.Root, "target", "run_results.json"), results); err != nil {
		fmt.Fprintf(o.f.IO.Err, "warning: writing target/run_results.json: %v\n", err)
	}
	switch {
	case results.Summary.Interrupted:
		return interrupted()
	case results.Summary.Failed():
		return failed()
	}
	return nil
}

// loadSeed streams one seed's CSV into the warehouse on a dedicated connection.
func loadSeed(ctx context.Context, s *Session, root string, n *compiler.Node) (int64, error) {
	conn, err := s.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	sd := n.Seed
	delim := ','
	if d := []rune(sd.Config.Delimiter); len(d) == 1 {
		delim = d[0]
	}
	r, err := seed.Load(ctx, conn, seed.Seed{Name: sd.Name, Path: sd.Path, Schema: n.Relation.Schema,
		Table: n.Relation.Name, ColumnTypes: sd.ColumnTypes, Delimiter: delim}, seed.Options{Root: root})
	if err != nil {
		return 0, err
	}
	return r.Rows, nil
}
