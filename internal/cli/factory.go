package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/term"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/compiler/project"
)

// IOStreams are the command's standard streams; tests inject buffers.
type IOStreams struct {
	In         io.Reader
	Out, Err   io.Writer
	IsTerminal bool // Out is a terminal: colour and START lines
}

func newIO(in io.Reader, out, err io.Writer) *IOStreams {
	s := &IOStreams{In: in, Out: out, Err: err}
	if f, ok := out.(*os.File); ok {
		s.IsTerminal = term.IsTerminal(int(f.Fd()))
	}
	return s
}

// Factory holds what every command needs: the streams, the environment and the global flags.
type Factory struct {
	IO     *IOStreams
	Getenv func(string) string

	ProjectDir string
	TargetName string
	VarArgs    []string
	Output     string
	NoColor    bool
	StateDir   string // flis warehouse --state-dir
}

// JSON reports whether --output json was asked for.
func (f *Factory) JSON() bool { return f.Output == "json" }

func (f *Factory) checkOutput() error {
	if f.Output != "text" && f.Output != "json" {
		return usageErrorf("--output must be text or json, not %q", f.Output)
	}
	return nil
}

// Root finds the project: --project-dir, else the nearest folder upwards with a flis.yaml.
func (f *Factory) Root() (string, error) {
	if f.ProjectDir != "" {
		abs, err := filepath.Abs(f.ProjectDir)
		if err != nil {
			return "", projectErr(err)
		}
		return abs, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", projectErr(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "flis.yaml")); err == nil {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", usageErrorf("flis.yaml: not found in %s or any parent folder (this is not a flis project; run flis in a project folder or pass --project-dir)", wd)
		}
	}
}

// Compiled is a compiled project with the context it was compiled in.
type Compiled struct {
	Root   string
	Result *compiler.Result
	Target project.Target
}

// Compile runs the compiler for the current project and target, prints its warnings and
// writes target/manifest.json and target/compiled/.
func (f *Factory) Compile() (*Compiled, error) {
	if err := f.checkOutput(); err != nil {
		return nil, err
	}
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	vars, err := project.ParseVars(f.VarArgs)
	if err != nil {
		return nil, usageErrorf("--vars: %v", err)
	}
	res, err := compiler.Compile(compiler.Options{
		Root: root, Vars: vars, TargetName: f.TargetName, Getenv: f.Getenv,
		CacheDir: filepath.Join(root, ".flis", "cache"),
	})
	if err != nil {
		return nil, projectErr(err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(f.IO.Err, w.Error())
	}
	if err := res.WriteArtifacts(filepath.Join(root, "target")); err != nil {
		return nil, projectErr(fmt.Errorf("writing target/: %w", err))
	}
	return &Compiled{Root: root, Result: res, Target: res.Target}, nil
}
