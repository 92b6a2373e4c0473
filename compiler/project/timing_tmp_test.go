package project

import (
	"os"
	"syscall"
	"testing"
	"time"
)

func TestTimingTmp(t *testing.T) {
	dir := "/tmp/proj-gen10k"
	if _, err := os.Stat(dir); err != nil {
		genProject(t, dir, 10000)
	}
	for i := 0; i < 5; i++ {
		var r0, r1 syscall.Rusage
		syscall.Getrusage(0, &r0)
		s := time.Now()
		p, _ := Load(dir, Options{})
		w := time.Since(s)
		syscall.Getrusage(0, &r1)
		u := time.Duration(r1.Utime.Nano() - r0.Utime.Nano())
		sy := time.Duration(r1.Stime.Nano() - r0.Stime.Nano())
		t.Logf("wall %v user %v sys %v models %d", w, u, sy, len(p.Models))
	}
}
