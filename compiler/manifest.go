package compiler

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"
)

// Version is flis's version, written into artifacts.
var Version = "0.1.0"

// Manifest is the serialised Result: what `target/manifest.json` holds.
type Manifest struct {
	Metadata  ManifestMeta        `json:"metadata"`
	Nodes     map[string]*Node    `json:"nodes"`
	ParentMap map[string][]string `json:"parent_map"`
	ChildMap  map[string][]string `json:"child_map"`
	Order     []string            `json:"order"`
	Vars      map[string]any      `json:"vars"`
}

// ManifestMeta identifies the run that wrote a manifest.
type ManifestMeta struct {
	FlisVersion string    `json:"flis_version"`
	Project     string    `json:"project"`
	Target      string    `json:"target"`
	GeneratedAt time.Time `json:"generated_at"`
}

// Manifest builds the serialisable view of the result.
func (r *Result) Manifest() *Manifest {
	m := &Manifest{
		Metadata: ManifestMeta{FlisVersion: Version, Project: r.Project.Config.Name, Target: r.Target.Name,
			GeneratedAt: time.Now().UTC()},
		Nodes: r.Nodes, ParentMap: map[string][]string{}, ChildMap: map[string][]string{},
		Order: r.Order, Vars: r.Vars,
	}
	for id, n := range r.Nodes {
		m.ParentMap[id] = append([]string{}, n.DependsOn...)
		if _, ok := m.ChildMap[id]; !ok {
			m.ChildMap[id] = []string{}
		}
		for _, d := range n.DependsOn {
			m.ChildMap[d] = append(m.ChildMap[d], id)
		}
	}
	for _, c := range m.ChildMap {
		sort.Strings(c)
	}
	return m
}

// WriteArtifacts writes target/manifest.json and every model's and singular test's compiled
// SQL under target/compiled/, mirroring the project's paths. Files are written to a temporary
// name and renamed, so a reader never sees half a manifest.
func (r *Result) WriteArtifacts(targetDir string) error {
	if err := os.MkdirAll(targetDir, 0o755); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(targetDir, "manifest.json"), r.Manifest()); err != nil {
		return err
	}
	var paths []*Node
	for _, n := range r.Nodes {
		if n.CompiledSQL != "" {
			paths = append(paths, n)
		}
	}
	compiled := filepath.Join(targetDir, "compiled")
	errs := make(chan error, 1)
	work := make(chan *Node)
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0)*2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range work {
				if err := writeIfChanged(filepath.Join(compiled, filepath.FromSlash(n.Path)), n.CompiledSQL); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, n := range paths {
		work <- n
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// writeIfChanged skips files whose content is already right: on a warm project most compiled
// files do not change, and reading is cheaper than writing.
func writeIfChanged(path, content string) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == content {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}

// writeJSON writes v as indented JSON atomically.
func writeJSON(path string, v any) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteJSON is writeJSON for other packages' artifacts (run_results.json).
func WriteJSON(path string, v any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return writeJSON(path, v)
}
