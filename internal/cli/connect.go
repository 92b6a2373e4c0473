package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/compiler/project"
	"github.com/flis-dk/flis/runner/embedded"
	"github.com/flis-dk/flis/runner/report"
	"github.com/flis-dk/flis/runner/warehouse"
	"github.com/flis-dk/flis/sampledata"
)

// embeddedDB is the database flis uses inside its embedded cluster.
const embeddedDB = "flis"

// Session is an open connection to the target's warehouse.
type Session struct {
	DB       *warehouse.DB
	DSN      string // with secrets nowhere in it; may hold a password for a non-embedded target
	Embedded *embedded.Cluster
	Params   map[string]string // runtime parameters (secrets), for dedicated connections
}

// Close releases the pool. The embedded cluster keeps running for the next command.
func (s *Session) Close() { s.DB.Close() }

// Describe names the warehouse for people, without secrets.
func (s *Session) Describe() string {
	if s.Embedded != nil {
		return "embedded PostgreSQL in " + s.Embedded.StateDir() + " (socket " + s.Embedded.SocketDir() + ")"
	}
	return warehouse.Redact(s.DSN)
}

// cluster opens the project's embedded cluster handle (without starting it).
func (f *Factory) cluster(root string) (*embedded.Cluster, error) {
	if f.StateDir != "" {
		return embedded.Open(f.StateDir)
	}
	return embedded.Open(filepath.Join(root, ".flis", "pg"))
}

// Connect opens the target's warehouse: FLIS_DSN or the target's dsn, else the embedded
// default, started on demand.
func (f *Factory) Connect(ctx context.Context, root string, cfg *project.Config, target project.Target) (*Session, error) {
	s := &Session{DSN: target.DSN}
	if target.DSN == "" {
		c, err := f.cluster(root)
		if err != nil {
			return nil, warehouseErr(err)
		}
		if err := c.Start(ctx); err != nil {
			return nil, warehouseErr(fmt.Errorf("starting the embedded warehouse: %w", err))
		}
		if err := c.EnsureDatabase(ctx, embeddedDB); err != nil {
			return nil, warehouseErr(err)
		}
		s.Embedded, s.DSN = c, c.DSN(embeddedDB)
	}
	params, err := secrets(root, cfg, s.Embedded != nil, f.Getenv)
	if err != nil {
		return nil, projectErr(err)
	}
	s.Params = params
	db, err := warehouse.Open(ctx, warehouse.Config{DSN: s.DSN, RuntimeParams: params, AppName: "flis",
		MaxConns: 2 + max(4, target.Threads)})
	if err != nil {
		return nil, warehouseErr(err)
	}
	s.DB = db
	return s, nil
}

// Conn opens a dedicated connection with the session's settings (COPY needs one).
func (s *Session) Conn(ctx context.Context) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(s.DSN)
	if err != nil {
		return nil, err
	}
	for k, v := range s.Params {
		cfg.RuntimeParams[k] = v
	}
	cfg.RuntimeParams["application_name"] = "flis"
	return pgx.ConnectConfig(ctx, cfg)
}

// secrets resolves the project's secrets into runtime parameters flis.<name>. A secret comes
// from its environment variable; on the embedded default a secret marked "generate" is
// created once and kept in .flis/secrets/ (mode 0600) — never in the repository or the
// warehouse.
func secrets(root string, cfg *project.Config, embeddedTarget bool, getenv func(string) string) (map[string]string, error) {
	params := map[string]string{}
	names := make([]string, 0, len(cfg.Secrets))
	for name := range cfg.Secrets {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		sec := cfg.Secrets[name]
		if sec.Env != "" {
			if v := getenv(sec.Env); v != "" {
				params["flis."+name] = v
				continue
			}
		}
		if embeddedTarget && sec.Embedded == "generate" {
			v, err := generatedSecret(root, name)
			if err != nil {
				return nil, err
			}
			params["flis."+name] = v
			continue
		}
		return nil, fmt.Errorf("%s: secret %q is not set (hint: export %s=<secret>; only the embedded default generates one)", sec.Pos, name, sec.Env)
	}
	return params, nil
}

func generatedSecret(root, name string) (string, error) {
	dir := filepath.Join(root, ".flis", "secrets")
	path := filepath.Join(dir, name)
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) > 0 {
		return strings.TrimSpace(string(b)), nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	v := hex.EncodeToString(buf)
	// O_EXCL: when two runs race, one writes and the other reads what it wrote.
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return generatedSecret(root, name)
	}
	if err != nil {
		return "", err
	}
	defer fh.Close()
	if _, err := fh.WriteString(v + "\n"); err != nil {
		return "", err
	}
	return v, nil
}

// generators are the sample-data generators flis.yaml's sample_data can name.
var generators = map[string]func(ctx context.Context, conn *pgx.Conn, citizens int, replace bool, progress func(string)) error{
	"flis7": func(ctx context.Context, conn *pgx.Conn, citizens int, replace bool, progress func(string)) error {
		_, err := sampledata.Generate(ctx, conn, sampledata.Options{Citizens: citizens, Replace: replace,
			Progress: lineWriter(progress)})
		return err
	},
}

// ensureSampleData fills the dsa schema of the embedded default from the project's generator
// when its tables do not exist yet. On any other warehouse flis never writes source schemas.
func (f *Factory) ensureSampleData(ctx context.Context, s *Session, cfg *project.Config, citizens int, force, replace bool) error {
	if s.Embedded == nil || cfg.SampleData == nil {
		return nil
	}
	gen, ok := generators[cfg.SampleData.Generator]
	if !ok {
		return projectErr(fmt.Errorf("flis.yaml: sample_data: unknown generator %q (known: flis7)", cfg.SampleData.Generator))
	}
	if citizens == 0 {
		citizens = cfg.SampleData.Citizens
	}
	if !force {
		v, _, err := s.DB.ScalarString(ctx, `SELECT count(*)::text FROM pg_tables WHERE schemaname = 'dsa'`)
		if err != nil {
			return warehouseErr(err)
		}
		if v != "0" {
			return nil
		}
	}
	conn, err := s.Conn(ctx)
	if err != nil {
		return warehouseErr(err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	fmt.Fprintf(f.IO.Err, "Loading sample data into the embedded warehouse (%s citizens, generator %s)\n", report.Thousands(int64(citizens)), cfg.SampleData.Generator)
	return gen(ctx, conn, citizens, replace, func(l string) { fmt.Fprintln(f.IO.Err, "  "+l) })
}

// lineWriter adapts a line callback to an io.Writer.
type lineWriter func(string)

func (w lineWriter) Write(p []byte) (int, error) {
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		w(l)
	}
	return len(p), nil
}
