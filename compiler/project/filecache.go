package project

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"time"

	"github.com/flis-dk/flis/internal/gobcache"
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

type fileCache struct{ m *gobcache.Map[fileEntry] }

func openFileCache(dir string) *fileCache {
	return &fileCache{m: gobcache.Open[fileEntry](dir, fileCacheFile)}
}

// lookup returns the cached entry of the file at rel (full on disk) when its stat data
// still match.
func (c *fileCache) lookup(rel, full string) (fileEntry, bool) {
	if !c.m.Enabled() {
		return fileEntry{}, false
	}
	e, ok := c.m.Peek(rel)
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
	c.m.Use(rel)
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
	if !c.m.Enabled() {
		return src, hash, nil
	}
	st, ok := statKey(fi)
	now := time.Now().UnixNano()
	if ok && now-st.MtimeNs > int64(racyWindow) && now-st.CtimeNs > int64(racyWindow) {
		e := fileEntry{Stat: st, Hash: hash}
		if keepText {
			e.Text = string(src)
		}
		c.m.Put(rel, e)
	}
	return src, hash, nil
}

func (c *fileCache) save() { c.m.Save() }
