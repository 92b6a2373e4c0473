package project

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/flis-dk/flis/compiler/diag"
	"gopkg.in/yaml.v3"
)

// fileKind says what a file under the project's folders is.
type fileKind int

const (
	kindModelSQL fileKind = iota
	kindModelYAML
	kindSources
	kindSeedCSV
	kindSeedYAML
	kindTestSQL
	kindTestYAML
)

// maxHeaderBytes is how much of a seed is kept for reading its header; the rows are read by
// runner/seed when the seed is loaded.
const maxHeaderBytes = 1 << 20

// file is one project file after it has been read and decoded (by a worker).
type file struct {
	path  string // relative to the root, forward slashes
	kind  fileKind
	hash  string
	text  string // .sql files
	head  []byte // the start of a seed
	diags diag.List

	model   *modelSidecar
	seed    *seedSidecar
	test    *testSidecar
	sources []*SourceTable
}

// loader holds the state of one Load.
type loader struct {
	root       string
	cfg        *Config
	modelTree  *folderTree
	seedTree   *folderTree
	diags      diag.List
	files      []*file
	dirs       map[string]map[string]bool // folder path → its sub-folders (relative to it)
	configHash string
	yaml       *yamlCache
	fcache     *fileCache
}

// Load reads the project at root. It returns nil and the diagnostics when root holds no
// readable flis.yaml; otherwise a Project (possibly incomplete) and every diagnostic found,
// sorted by position. Callers must not use the Project when the list HasErrors.
func Load(root string, opts Options) (*Project, diag.List) {
	l := &loader{root: root, dirs: map[string]map[string]bool{}}
	if !l.loadConfig() {
		l.diags.Sort()
		return nil, l.diags
	}
	l.walk("models", l.cfg.Paths.Models, map[string]fileKind{".sql": kindModelSQL, ".yml": kindModelYAML})
	l.walk("seeds", l.cfg.Paths.Seeds, map[string]fileKind{".csv": kindSeedCSV, ".yml": kindSeedYAML})
	l.walk("tests", l.cfg.Paths.Tests, map[string]fileKind{".sql": kindTestSQL, ".yml": kindTestYAML})
	l.yaml = openYAMLCache(opts.CacheDir)
	l.fcache = openFileCache(opts.CacheDir)
	l.readAll(opts.Workers)
	l.yaml.save()
	l.fcache.save()
	p := l.assemble()
	l.diags.Sort()
	return p, l.diags
}

func (l *loader) loadConfig() bool {
	src, err := os.ReadFile(filepath.Join(l.root, ConfigFile))
	if err != nil {
		pos := diag.Pos{File: ConfigFile}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if _, err2 := os.Stat(filepath.Join(l.root, "flis.yml")); err2 == nil {
				l.diags.Add(diag.Errorf(pos, "no flis.yaml in %s", l.root).
					WithHint("rename flis.yml to flis.yaml"))
			} else {
				l.diags.Add(diag.Errorf(pos, "%s is not a flis project: it has no flis.yaml", displayRoot(l.root)).
					WithHint("run flis in the project's folder, or start a project by writing flis.yaml with `name: myproject` and a models/ folder"))
			}
		default:
			l.diags.Add(diag.Errorf(pos, "cannot read flis.yaml: %v", err))
		}
		return false
	}
	sum := sha256.Sum256(src)
	l.configHash = hex.EncodeToString(sum[:])
	d := newDec(ConfigFile)
	node := d.parseYAML(src)
	if node == nil && d.diags.HasErrors() {
		l.diags.Append(d.diags)
		return false
	}
	l.cfg, l.modelTree, l.seedTree = decodeConfig(d, node)
	l.diags.Append(d.diags)
	return true
}

// displayRoot names the project folder in messages: as given, unless it is the current
// folder, which is clearer by its absolute path.
func displayRoot(root string) string {
	if root != "" && root != "." {
		return root
	}
	if abs, err := filepath.Abs("."); err == nil {
		return abs
	}
	return "."
}

// walk lists the files of one project folder by extension; hidden files and folders are
// skipped. A folder named explicitly in paths: must exist.
func (l *loader) walk(key, rel string, kinds map[string]fileKind) {
	dir := filepath.Join(l.root, filepath.FromSlash(rel))
	subdirs := map[string]bool{}
	l.dirs[rel] = subdirs
	if _, err := os.Stat(dir); err != nil {
		if p, explicit := l.cfg.Pos["paths."+key]; explicit && errors.Is(err, fs.ErrNotExist) {
			l.diags.Add(diag.Errorf(p, "paths.%s: folder %s does not exist", key, rel).
				WithHint("create it, or fix the path"))
		}
		return
	}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			l.diags.Add(diag.Errorf(diag.Pos{File: l.relPath(p)}, "cannot read: %v", err))
			return nil
		}
		name := e.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		relp := l.relPath(p)
		if e.IsDir() {
			if p != dir {
				subdirs[strings.TrimPrefix(relp, rel+"/")] = true
			}
			return nil
		}
		ext := path.Ext(name)
		if ext == ".yaml" {
			l.diags.Add(diag.Errorf(diag.Pos{File: relp}, "flis reads .yml files, not .yaml").
				WithHint("rename the file to %s", strings.TrimSuffix(name, ext)+".yml"))
			return nil
		}
		k, ok := kinds[ext]
		if !ok {
			return nil // README.md and the like
		}
		if k == kindModelYAML && strings.HasPrefix(name, "_") {
			k = kindSources
		}
		l.files = append(l.files, &file{path: relp, kind: k})
		return nil
	})
	if err != nil {
		l.diags.Add(diag.Errorf(diag.Pos{File: rel}, "cannot read: %v", err))
	}
}

func (l *loader) relPath(p string) string {
	r, err := filepath.Rel(l.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// readAll reads, hashes and decodes every file with a bounded pool of workers. Each worker
// writes only its own file's fields and diagnostics, so no locking is needed.
func (l *loader) readAll(workers int) {
	if workers <= 0 {
		workers = 4 * runtime.GOMAXPROCS(0)
	}
	if workers > len(l.files) {
		workers = len(l.files)
	}
	jobs := make(chan *file)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				l.read(f)
			}
		}()
	}
	for _, f := range l.files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	for _, f := range l.files {
		l.diags.Append(f.diags)
	}
}

func (l *loader) read(f *file) {
	full := filepath.Join(l.root, filepath.FromSlash(f.path))
	isSQL := f.kind == kindModelSQL || f.kind == kindTestSQL
	// src is the file's content; it stays nil when the file cache vouched for an unchanged
	// file, whose hash and (for SQL) text then come from the cache.
	var src []byte
	var cached fileEntry
	hit := false
	var err error
	switch {
	case f.kind == kindSeedCSV:
		src, f.hash, err = readSeed(full)
	default:
		if cached, hit = l.fcache.lookup(f.path, full); hit {
			f.hash = cached.Hash
		} else {
			src, f.hash, err = l.fcache.read(f.path, full, isSQL)
		}
	}
	if err != nil {
		f.diags.Add(diag.Errorf(diag.Pos{File: f.path}, "cannot read: %v", err))
		return
	}
	// source returns the content of a YAML file whose tree the YAML cache did not have after
	// all, reading it now; the hash is taken again from what was read.
	source := func() []byte {
		if src == nil {
			if b, err := os.ReadFile(full); err == nil {
				sum := sha256.Sum256(b)
				src, f.hash = b, hex.EncodeToString(sum[:])
			} else {
				f.diags.Add(diag.Errorf(diag.Pos{File: f.path}, "cannot read: %v", err))
				src = []byte{}
			}
		}
		return src
	}
	d := newDec(f.path)
	switch f.kind {
	case kindModelSQL, kindTestSQL:
		if hit {
			f.text = cached.Text
		} else {
			f.text = string(src)
		}
		if onlyComments(f.text) {
			what, hint := "model", "write one SELECT statement, or delete the file"
			if f.kind == kindTestSQL {
				what, hint = "test", "write a SELECT returning the failing rows, or delete the file"
			}
			d.add(diag.Errorf(diag.Pos{File: f.path}, "%s has no SQL: the file is empty", what).WithHint("%s", hint))
		}
	case kindSeedCSV:
		f.head = src
	case kindModelYAML:
		if n := l.parseYAML(d, source, &f.hash); n != nil {
			f.model = d.decodeModelSidecar(n)
		} else {
			f.model = &modelSidecar{layer: &modelLayer{}}
		}
	case kindSeedYAML:
		if n := l.parseYAML(d, source, &f.hash); n != nil {
			f.seed = d.decodeSeedSidecar(n)
		} else {
			f.seed = &seedSidecar{layer: &seedLayer{}}
		}
	case kindTestYAML:
		if n := l.parseYAML(d, source, &f.hash); n != nil {
			f.test = d.decodeTestSidecar(n)
		} else {
			f.test = &testSidecar{}
		}
	case kindSources:
		if n := l.parseYAML(d, source, &f.hash); n != nil {
			f.sources = d.decodeSources(n, l.area(f.path))
		}
	}
	f.diags.Append(d.diags)
}

// parseYAML is dec.parseYAML through the YAML cache: a file whose content was parsed before
// without a diagnostic gets its tree from the cache, and is not read at all when the file
// cache vouched for it. source returns the file's content, reading it if need be; hash
// points at the file's hash, which source may update.
func (l *loader) parseYAML(d *dec, source func() []byte, hash *string) *yaml.Node {
	if n := l.yaml.get(*hash); n != nil {
		return n
	}
	src := source()
	before := len(d.diags)
	n := d.parseYAML(src)
	if n != nil && len(d.diags) == before {
		l.yaml.put(*hash, n)
	}
	return n
}

// readSeed hashes a whole CSV file while keeping only its start, for the header.
func readSeed(full string) ([]byte, string, error) {
	fh, err := os.Open(full)
	if err != nil {
		return nil, "", err
	}
	defer fh.Close()
	h := sha256.New()
	head := make([]byte, maxHeaderBytes)
	n, err := io.ReadFull(fh, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, "", err
	}
	head = head[:n]
	h.Write(head)
	if _, err := io.Copy(h, fh); err != nil {
		return nil, "", err
	}
	return head, hex.EncodeToString(h.Sum(nil)), nil
}

// area is the first folder of a models file under the models path ("" at its top).
func (l *loader) area(p string) string {
	rest := strings.TrimPrefix(p, l.cfg.Paths.Models+"/")
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		return rest[:i]
	}
	return ""
}

// onlyComments reports whether s holds nothing but white space and -- or /* */ comments
// (nested, as PostgreSQL allows), so a file holding only comments counts as empty. It stops
// at the first other character, which for a real model is almost always at once.
func onlyComments(s string) bool {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(s[i:], "--"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return true
			}
			i += j
		case strings.HasPrefix(s[i:], "/*"):
			depth := 0
			for i < len(s) {
				if strings.HasPrefix(s[i:], "/*") {
					depth++
					i += 2
				} else if strings.HasPrefix(s[i:], "*/") {
					depth--
					i += 2
					if depth == 0 {
						break
					}
				} else {
					i++
				}
			}
		default:
			return false
		}
	}
	return true
}

// sortFiles orders files by path, so assembly (and generated test names) never depend on the
// order the file system or the workers produced them in.
func sortFiles(fs []*file) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].path < fs[j].path })
}
