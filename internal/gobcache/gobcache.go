// Package gobcache is a string-keyed map kept in one gob file between flis runs: the
// compiler's caches (SQL analyses, YAML trees, file stat data) are all this shape. It is
// loaded whole, entries used in a run are marked, and Save writes it back only when it
// changed, keeping only what was used (so it never grows without bound), through a temporary
// file renamed into place (so a concurrent flis never reads half a cache). A missing,
// corrupt or foreign file reads as empty: a cache can only cost time, never fail a run.
package gobcache

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"sync"
)

// Map is the cache. With an empty dir it is disabled: always empty, Save does nothing.
// Its methods are safe for concurrent use.
type Map[V any] struct {
	dir, file string
	mu        sync.Mutex
	entries   map[string]V
	used      map[string]bool
	dirty     bool
}

// Open reads dir/file. The file name should carry a version, so that a flis with another
// encoding never reads it.
func Open[V any](dir, file string) *Map[V] {
	m := &Map[V]{dir: dir, file: file, entries: map[string]V{}, used: map[string]bool{}}
	if dir == "" {
		return m
	}
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		return m
	}
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&m.entries) != nil {
		m.entries = map[string]V{}
	}
	return m
}

// Enabled reports whether the cache has a folder.
func (m *Map[V]) Enabled() bool { return m.dir != "" }

// Peek returns an entry without marking it used: for entries that must be checked first.
func (m *Map[V]) Peek(key string) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.entries[key]
	return v, ok
}

// Use marks an entry as used in this run, so Save keeps it.
func (m *Map[V]) Use(key string) {
	m.mu.Lock()
	m.used[key] = true
	m.mu.Unlock()
}

// Get returns an entry and marks it used.
func (m *Map[V]) Get(key string) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.entries[key]
	if ok {
		m.used[key] = true
	}
	return v, ok
}

// Put stores an entry, marked used.
func (m *Map[V]) Put(key string, v V) {
	if m.dir == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[key] = v
	m.used[key] = true
	m.dirty = true
}

// Save writes the used entries when anything changed: an entry was put, or some entry went
// unused.
func (m *Map[V]) Save() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dir == "" || (!m.dirty && len(m.used) == len(m.entries)) {
		return
	}
	keep := make(map[string]V, len(m.used))
	for k := range m.used {
		keep[k] = m.entries[k]
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(keep) != nil || os.MkdirAll(m.dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(m.dir, m.file+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), filepath.Join(m.dir, m.file)) != nil {
		os.Remove(tmp.Name())
	}
}
