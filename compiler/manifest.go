package compiler

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
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
// SQL under target/compiled/, mirroring the project's paths. The manifest is written to a
// temporary name and renamed, so a reader never sees half a manifest. The compiled files are
// written while the manifest is being encoded: one is file-system bound, the other CPU bound.
func (r *Result) WriteArtifacts(targetDir string) error {
	if err := os.MkdirAll(targetDir, 0o755); err != nil {
		return err
	}
	compiledErr := make(chan error, 1)
	go func() { compiledErr <- r.writeCompiled(filepath.Join(targetDir, "compiled")) }()
	m := r.Manifest()
	err := writeAtomic(filepath.Join(targetDir, "manifest.json"), func(w io.Writer) error { return encodeManifest(w, m) })
	if cerr := <-compiledErr; err == nil {
		err = cerr
	}
	return err
}

// writeCompiled writes the compiled SQL files. Each folder is made once, before the workers
// start; a folder that did not exist holds no old file, so its files are written without
// first being read.
func (r *Result) writeCompiled(compiled string) error {
	type job struct {
		path, sql string
		fresh     bool
	}
	var jobs []job
	for _, n := range r.Nodes {
		if n.CompiledSQL != "" {
			jobs = append(jobs, job{path: filepath.Join(compiled, filepath.FromSlash(n.Path)), sql: n.CompiledSQL})
		}
	}
	// Sorted by path, neighbouring jobs share a folder: the folders are made in one pass and
	// the workers below take contiguous runs.
	slices.SortFunc(jobs, func(a, b job) int { return strings.Compare(a.path, b.path) })
	fresh := map[string]bool{}
	for i := range jobs {
		dir := filepath.Dir(jobs[i].path)
		isFresh, seen := fresh[dir]
		if !seen {
			_, statErr := os.Stat(dir)
			isFresh = errors.Is(statErr, fs.ErrNotExist)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			fresh[dir] = isFresh
		}
		jobs[i].fresh = isFresh
	}

	workers := min(2*runtime.GOMAXPROCS(0), len(jobs))
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			lo, hi := w*len(jobs)/workers, (w+1)*len(jobs)/workers
			for _, j := range jobs[lo:hi] {
				var err error
				if j.fresh {
					err = os.WriteFile(j.path, []byte(j.sql), 0o644)
				} else {
					buf, err = writeIfChanged(j.path, j.sql, buf)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// writeIfChanged skips files whose content is already right: on a warm project most compiled
// files do not change, and reading is cheaper than writing. buf is reused between calls for
// the old content; the (possibly grown) buffer is returned.
func writeIfChanged(path, content string, buf []byte) ([]byte, error) {
	if f, err := os.Open(path); err == nil {
		same := false
		if st, err := f.Stat(); err == nil && st.Size() == int64(len(content)) {
			// One byte more than expected, so that a file that grew meanwhile is noticed.
			if cap(buf) < len(content)+1 {
				buf = make([]byte, len(content)+1)
			}
			n, _ := io.ReadFull(f, buf[:len(content)+1])
			same = n == len(content) && string(buf[:n]) == content
		}
		f.Close()
		if same {
			return buf, nil
		}
	}
	return buf, os.WriteFile(path, []byte(content), 0o644)
}

// writeJSON writes v as indented JSON atomically.
func writeJSON(path string, v any) error {
	return writeAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", " ")
		return enc.Encode(v)
	})
}

// writeAtomic writes a file through write, under a temporary name renamed into place once
// complete, so a reader never sees half a file.
func writeAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	if err := write(w); err != nil {
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
