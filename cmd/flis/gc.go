package main

import (
	"os"
	"runtime/debug"
)

// gcPercent replaces Go's default GOGC of 100. A compile keeps the whole project live (every
// model's text, analysis and compiled SQL) while parsing allocates many short-lived trees, so
// at 100 the collector runs some forty times over a heap that is mostly live. At 400 the
// cold 10,000-model compile spent 0.3-0.5 s less CPU (of about 3.5 s) for some 100 MB more
// peak memory (scripts/bench_compile.sh). A GOGC set in the environment wins.
const gcPercent = 400

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
