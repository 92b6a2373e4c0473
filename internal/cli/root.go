// Package cli is flis's command line: one cobra command per verb, each with an options
// struct and a run function, IO through injected streams, and typed errors that decide the
// exit code. It is the only package that knows about cobra; the compiler and the runner are
// used through their Go APIs.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/compiler/diag"
)

// Main runs flis with args and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, newIO(stdin, stdout, stderr), os.Getenv)
}

// run is Main with its environment injected, for in-process tests.
func run(ctx context.Context, args []string, io *IOStreams, getenv func(string) string) int {
	f := &Factory{IO: io, Getenv: getenv}
	root := newRootCmd(f)
	root.SetArgs(expandMultiValue(args))
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	err := root.ExecuteContext(ctx)
	if err != nil {
		var e *exitError
		if !errors.As(err, &e) {
			// cobra's own errors: unknown command or flag, wrong argument count.
			fmt.Fprintf(io.Err, "flis: %v\nRun 'flis --help' for usage.\n", err)
			return ExitProject
		}
		if msg := e.Error(); msg != "" {
			fmt.Fprintln(io.Err, msg)
		}
	}
	return exitCode(err)
}

func newRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "flis",
		Short: "Compile and run SQL models in PostgreSQL",
		Long: `flis compiles a project of SQL models (plain PostgreSQL SELECTs with YAML sidecars),
infers their dependencies from the SQL, and builds them incrementally in PostgreSQL with data
tests on every model. With no connection configured it runs on an embedded PostgreSQL cluster
in the project's .flis/ folder.`,
		Version:       compiler.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&f.ProjectDir, "project-dir", "", "project root (default: the nearest folder with a flis.yaml)")
	root.PersistentFlags().StringVar(&f.TargetName, "target", "", "target from flis.yaml (default: default_target, else dev)")
	root.PersistentFlags().StringArrayVar(&f.VarArgs, "vars", nil, "variables: key=value or a YAML mapping '{key: value}' (repeatable)")
	root.PersistentFlags().StringVarP(&f.Output, "output", "o", "text", "output format: text or json")
	root.PersistentFlags().BoolVar(&f.NoColor, "no-color", false, "never colour output")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
			var names []string
			c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
			if h := diag.DidYouMean(name, names); h != "" {
				msg += " (" + strings.Replace(h, `"`, `"--`, 1) + ")"
			}
		}
		return usageErrorf("flis %s: %s\nRun 'flis %s --help' for usage.", c.Name(), msg, c.Name())
	})

	root.AddCommand(
		newCompileCmd(f), newLsCmd(f),
		newBuildCmd(f, "build"), newBuildCmd(f, "run"), newBuildCmd(f, "test"), newBuildCmd(f, "seed"),
		newShowCmd(f), newSourceCmd(f), newDebugCmd(f), newWarehouseCmd(f), newDocsCmd(f), newSampleCmd(f), newCleanCmd(f),
	)
	return root
}

// multiValueFlags take several space-separated values, as in dbt: `--select a b+ tag:x`.
var multiValueFlags = map[string]bool{"--select": true, "-s": true, "--exclude": true, "--models": true, "-m": true}

// expandMultiValue rewrites `--select a b` into `--select a --select b` before cobra sees it:
// values continue until the next flag. `--select=a` takes exactly one value.
func expandMultiValue(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		out = append(out, a)
		if a == "--" {
			return append(out, args[i+1:]...)
		}
		if !multiValueFlags[a] {
			continue
		}
		first := true
		for i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
			if !first {
				out = append(out, a)
			}
			out = append(out, args[i+1])
			first = false
			i++
		}
	}
	return out
}
