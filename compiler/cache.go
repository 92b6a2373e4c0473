package compiler

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"sync"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// The analysis cache maps a SQL file's content hash to what the analysis found. It is one gob
// file: reading 10,000 entries costs milliseconds, parsing them costs most of a second. The
// version is part of the file name, so a flis with a different analyser never reads stale
// entries.
const cacheFile = "analysis-v1.gob"

type cacheEntry struct {
	Analysis *pgsql.Analysis
	Err      *pgsql.Error
}

type analysisCache struct {
	dir     string
	mu      sync.Mutex
	entries map[string]cacheEntry
	used    map[string]bool
	dirty   bool
}

func openCache(dir string) *analysisCache {
	c := &analysisCache{dir: dir, entries: map[string]cacheEntry{}, used: map[string]bool{}}
	if dir == "" {
		return c
	}
	data, err := os.ReadFile(filepath.Join(dir, cacheFile))
	if err != nil {
		return c
	}
	// A corrupt or foreign cache is ignored, never an error: it only costs a cold compile.
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&c.entries) != nil {
		c.entries = map[string]cacheEntry{}
	}
	return c
}

func (c *analysisCache) get(hash string) (cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[hash]
	if ok {
		c.used[hash] = true
	}
	return e, ok
}

func (c *analysisCache) put(hash string, e cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[hash] = e
	c.used[hash] = true
	c.dirty = true
}

// save writes the cache when it changed, keeping only entries used in this compile so that it
// does not grow without bound. It writes a temporary file and renames it, so a concurrent
// flis never reads half a cache.
func (c *analysisCache) save() {
	if c.dir == "" || (!c.dirty && len(c.used) == len(c.entries)) {
		return
	}
	keep := make(map[string]cacheEntry, len(c.used))
	for h := range c.used {
		keep[h] = c.entries[h]
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(keep) != nil {
		return
	}
	if os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(c.dir, cacheFile+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), filepath.Join(c.dir, cacheFile)) != nil {
		os.Remove(tmp.Name())
	}
}
