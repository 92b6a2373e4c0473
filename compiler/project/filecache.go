package project

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// The file cache lets a load over unchanged files skip reading them, as git's index does:
// it records, per project file, the stat data seen when the file was read (size, mtime,
// ctime, inode), the content hash and, for SQL, the text. A file whose stat data still match
// is not opened: its hash comes from the cache, its text too, and a YAML file's tree from the
// YAML cache by that hash. Opening and reading 13,000 small files cost a fifth of a warm
// 10,000-model compile; one stat each costs a fraction of that.
//
// The ctime is the guard: no program can set it, and every write to a file moves it. A file
// changed within the clock tick in which it was read could still keep its stat data, so a
// file whose mtime or ctime is less than racyWindow old when it is read is not recorded
// (git calls such entries "racily clean") and is read again next time. Where stat data lack
// a ctime and an inode (statKey reports false) nothing is recorded and every file is read.
const fileCacheFile = "files-v1.gob"

// racyWindow is how old a file's timestamps must be for it to be recorded (a variable for
// the tests).
var racyWindow = 2 * time.Second

// fileStat is what must not have changed for a cached file to be trusted.
type fileStat struct {
	Size, MtimeNs, CtimeNs int64
	Ino                    uint64
}

type fileEntry struct {
	Stat fileStat
	Hash string
	Text string // .sql files only
}

type fileCache struct {
	dir     string
	mu      sync.Mutex
	entries map[string]fileEntry
	used    map[string]bool
	dirty   bool
}

func openFileCache(dir string) *fileCache {
	c := &fileCache{dir: dir, entries: map[string]fileEntry{}, used: map[string]bool{}}
	if dir == "" {
		return c
	}
	data, err := os.ReadFile(filepath.Join(dir, fileCacheFile))
	if err != nil {
		return c
	}
	// A corrupt or foreign cache is ignored, never an error: it only costs reading the files.
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&c.entries) != nil {
		c.entries = map[string]fileEntry{}
	}
	return c
}

// lookup returns the cached entry of the file at rel (full on disk) when its stat data
// still match.
func (c *fileCache) lookup(rel, full string) (fileEntry, bool) {
	if c.dir == "" {
		return fileEntry{}, false
	}
	c.mu.Lock()
	e, ok := c.entries[rel]
	c.mu.Unlock()
	if !ok {
		return fileEntry{}, false
	}
	fi, err := os.Stat(full)
	if err != nil {
		return fileEntry{}, false
	}
	st, ok := statKey(fi)
	if !ok || st != e.Stat {
		return fileEntry{}, false
	}
	c.mu.Lock()
	c.used[rel] = true
	c.mu.Unlock()
	return e, true
}

// read reads the file at full, hashes it and records it under rel when its stat data can be
// trusted next time. The stat data are taken from the open file before it is read, so a
// write racing with the read leaves data that will not match on the next load.
func (c *fileCache) read(rel, full string, keepText bool) ([]byte, string, error) {
	fh, err := os.Open(full)
	if err != nil {
		return nil, "", err
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return nil, "", err
	}
	// One byte more than the size, so that the read that finds the end needs no new buffer;
	// a file that grew meanwhile is read to its end all the same.
	src := make([]byte, 0, fi.Size()+1)
	for {
		if len(src) == cap(src) {
			src = append(src, 0)[:len(src)]
		}
		n, err := fh.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", err
		}
	}
	sum := sha256.Sum256(src)
	hash := hex.EncodeToString(sum[:])
	if c.dir == "" {
		return src, hash, nil
	}
	st, ok := statKey(fi)
	now := time.Now().UnixNano()
	if ok && now-st.MtimeNs > int64(racyWindow) && now-st.CtimeNs > int64(racyWindow) {
		e := fileEntry{Stat: st, Hash: hash}
		if keepText {
			e.Text = string(src)
		}
		c.mu.Lock()
		c.entries[rel] = e
		c.used[rel] = true
		c.dirty = true
		c.mu.Unlock()
	}
	return src, hash, nil
}

// save writes the cache when it changed, keeping only the files this load saw, through a
// temporary file renamed into place so that a concurrent flis never reads half a cache.
func (c *fileCache) save() {
	if c.dir == "" || (!c.dirty && len(c.used) == len(c.entries)) {
		return
	}
	keep := make(map[string]fileEntry, len(c.used))
	for p := range c.used {
		keep[p] = c.entries[p]
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(keep) != nil || os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(c.dir, fileCacheFile+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), filepath.Join(c.dir, fileCacheFile)) != nil {
		os.Remove(tmp.Name())
	}
}
