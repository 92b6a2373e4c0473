package compiler

import (
	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/internal/gobcache"
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

func openCache(dir string) *gobcache.Map[cacheEntry] {
	return gobcache.Open[cacheEntry](dir, cacheFile)
}
