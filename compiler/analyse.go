package compiler

import (
	"errors"
	"sync"

	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/compiler/pgsql"
)

// analysis is the result of analysing one SQL file: either res or a syntax error.
type analysis struct {
	path string
	src  string
	res  *pgsql.Analysis
	err  *pgsql.Error
}

type sqlFile struct{ path, src, hash string }

// analyseAll parses every model and singular test in parallel. Files whose content hash is in
// the cache are not parsed again: on a warm cache only edited files cost parser time.
func (c *compilation) analyseAll(opts Options, stats *Stats) map[string]*analysis {
	var files []sqlFile
	for _, m := range c.proj.Models {
		files = append(files, sqlFile{m.Path, m.SQL, m.Hash})
	}
	for _, t := range c.proj.Tests {
		files = append(files, sqlFile{t.Path, t.SQL, t.Hash})
	}
	cache := openCache(opts.CacheDir)

	out := make([]*analysis, len(files))
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	var hits, parsed int
	for w := 0; w < opts.Parallelism; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(files) {
					return
				}
				f := files[i]
				a := &analysis{path: f.path, src: f.src}
				if e, ok := cache.Get(f.hash); ok {
					a.res, a.err = e.Analysis, e.Err
					mu.Lock()
					hits++
					mu.Unlock()
				} else {
					res, err := pgsql.Analyze(f.src)
					a.res = res
					var perr *pgsql.Error
					if errors.As(err, &perr) {
						a.res, a.err = nil, perr
					} else if err != nil {
						a.res, a.err = nil, &pgsql.Error{Msg: err.Error()}
					}
					cache.Put(f.hash, cacheEntry{Analysis: a.res, Err: a.err})
					mu.Lock()
					parsed++
					mu.Unlock()
				}
				out[i] = a
			}
		}()
	}
	wg.Wait()
	cache.Save()
	stats.CacheHits, stats.Analysed = hits, parsed

	res := make(map[string]*analysis, len(out))
	for _, a := range out {
		res[a.path] = a
		if a.err != nil {
			d := diag.Errorf(posAt(a.path, a.src, a.err.Off), "%s", a.err.Msg)
			d.Hint = a.err.Hint
			c.diags.Add(d)
		} else if a.res.Fallback {
			d := diag.Warnf(diag.Pos{File: a.path}, "could not fully analyse this SQL; dependencies were read from its tokens")
			if a.res.Warning != "" {
				d.Msg += ": " + a.res.Warning
			}
			d.Hint = "if a dependency is missing, list it under depends_on in the model's .yml"
			c.diags.Add(d)
		}
	}
	return res
}

// posAt turns a byte offset in a file's source into a position.
func posAt(path, src string, off int) diag.Pos {
	line, col := diag.LineCol(src, off)
	return diag.Pos{File: path, Line: line, Col: col}
}
