package project

import (
	"io/fs"
	"syscall"
)

// statKey extracts the stat data the file cache compares; see filecache.go.
func statKey(fi fs.FileInfo) (fileStat, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStat{}, false
	}
	return fileStat{Size: fi.Size(), MtimeNs: fi.ModTime().UnixNano(), CtimeNs: st.Ctim.Nano(), Ino: st.Ino}, true
}
