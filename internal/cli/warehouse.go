package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/compiler/project"
)

func newWarehouseCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "warehouse",
		Short: "Manage the embedded PostgreSQL warehouse in .flis/ (status, start, stop, reset, psql)",
	}
	// --state-dir points the subcommands at another cluster (CI stops the tests' cluster so).
	cmd.PersistentFlags().StringVar(&f.StateDir, "state-dir", "", "the cluster's state folder (default: <project>/.flis/pg)")
	cmd.PersistentFlags().MarkHidden("state-dir")
	sub := func(use, short string, fn func(ctx context.Context, root string) error) *cobra.Command {
		return &cobra.Command{Use: use, Short: short, Args: cobra.NoArgs,
			RunE: func(c *cobra.Command, args []string) error {
				if f.StateDir != "" && use != "psql" {
					return fn(c.Context(), "")
				}
				root, err := f.Root()
				if err != nil {
					return err
				}
				return fn(c.Context(), root)
			}}
	}
	cmd.AddCommand(
		sub("status", "Say whether the embedded warehouse exists and runs", func(ctx context.Context, root string) error {
			c, err := f.cluster(root)
			if err != nil {
				return warehouseErr(err)
			}
			st, err := c.Status(ctx)
			if err != nil {
				return warehouseErr(err)
			}
			if f.JSON() {
				return json.NewEncoder(f.IO.Out).Encode(st)
			}
			fmt.Fprintf(f.IO.Out, "embedded warehouse: %s\n  data:   %s\n  socket: %s\n", st.State, c.StateDir(), c.SocketDir())
			if st.PID > 0 {
				fmt.Fprintf(f.IO.Out, "  pid:    %d\n", st.PID)
			}
			return nil
		}),
		sub("start", "Start the embedded warehouse (creating it when absent)", func(ctx context.Context, root string) error {
			c, err := f.cluster(root)
			if err != nil {
				return warehouseErr(err)
			}
			if err := c.Start(ctx); err != nil {
				return warehouseErr(err)
			}
			if err := c.EnsureDatabase(ctx, embeddedDB); err != nil {
				return warehouseErr(err)
			}
			fmt.Fprintf(f.IO.Out, "embedded warehouse running: %s\n", c.DSN(embeddedDB))
			return nil
		}),
		sub("stop", "Stop the embedded warehouse", func(ctx context.Context, root string) error {
			c, err := f.cluster(root)
			if err != nil {
				return warehouseErr(err)
			}
			if err := c.Stop(ctx); err != nil {
				return warehouseErr(err)
			}
			fmt.Fprintln(f.IO.Out, "embedded warehouse stopped")
			return nil
		}),
		sub("reset", "Delete the embedded warehouse and create it empty (all data is lost)", func(ctx context.Context, root string) error {
			c, err := f.cluster(root)
			if err != nil {
				return warehouseErr(err)
			}
			if err := c.Reset(ctx); err != nil {
				return warehouseErr(err)
			}
			if err := c.EnsureDatabase(ctx, embeddedDB); err != nil {
				return warehouseErr(err)
			}
			fmt.Fprintln(f.IO.Out, "embedded warehouse reset: empty and running")
			return nil
		}),
		sub("psql", "Open psql on the target's warehouse", func(ctx context.Context, root string) error {
			return runPsql(ctx, f, root)
		}),
	)
	return cmd
}

// runPsql starts psql on the target's warehouse with the terminal attached.
func runPsql(ctx context.Context, f *Factory, root string) error {
	cfg, target, err := f.config(root)
	if err != nil {
		return err
	}
	s, err := f.Connect(ctx, root, cfg, target)
	if err != nil {
		return err
	}
	s.Close()
	psql, err := exec.LookPath("psql")
	if err != nil {
		return warehouseErr(fmt.Errorf("psql not found on PATH (hint: apt-get install postgresql-client)"))
	}
	cmd := exec.CommandContext(ctx, psql, s.DSN)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = f.IO.In, f.IO.Out, f.IO.Err
	cmd.Env = os.Environ()
	for k, v := range s.Params {
		// Secrets reach psql's session the same way: as startup options, not SQL.
		cmd.Env = append(cmd.Env, "PGOPTIONS=-c "+k+"="+v)
	}
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return &exitError{ee.ExitCode(), nil}
		}
		return warehouseErr(err)
	}
	return nil
}

// config loads flis.yaml and resolves the target, without compiling models.
func (f *Factory) config(root string) (*project.Config, project.Target, error) {
	res, err := compiler.Compile(compiler.Options{Root: root, TargetName: f.TargetName, Getenv: f.Getenv,
		CacheDir: root + "/.flis/cache"})
	if err != nil {
		return nil, project.Target{}, projectErr(err)
	}
	return res.Project.Config, res.Target, nil
}

func newDebugCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "debug",
		Short: "Print the project, the target and the connection, and check that flis can connect",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			out := f.IO.Out
			root, err := f.Root()
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "flis %s (%s, %s/%s)\n", compiler.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			fmt.Fprintf(out, "project:    %s\n", root)
			cfg, target, err := f.config(root)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "name:       %s %s\n", cfg.Name, cfg.Version)
			fmt.Fprintf(out, "target:     %s (schema suffix %q)\n", target.Name, target.SchemaSuffix)
			s, err := f.Connect(c.Context(), root, cfg, target)
			if err != nil {
				fmt.Fprintln(out, "connection: FAILED")
				return err
			}
			defer s.Close()
			fmt.Fprintf(out, "connection: %s\n", s.Describe())
			info, err := s.DB.Debug(c.Context())
			if err != nil {
				fmt.Fprintln(out, "connection: FAILED")
				return warehouseErr(err)
			}
			fmt.Fprintf(out, "server:     PostgreSQL %s, database %s, user %s, at %s\n", info.ServerVersion, info.Database, info.User, info.Address)
			fmt.Fprintln(out, "connection: OK")
			return nil
		},
	}
}
