package gobcache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRoundTripKeepsOnlyUsed(t *testing.T) {
	dir := t.TempDir()
	m := Open[string](dir, "c-v1.gob")
	m.Put("a", "1")
	m.Put("b", "2")
	m.Save()

	m = Open[string](dir, "c-v1.gob")
	if v, ok := m.Peek("b"); !ok || v != "2" {
		t.Fatalf("Peek(b) = %q, %v", v, ok)
	}
	if v, ok := m.Get("a"); !ok || v != "1" {
		t.Fatalf("Get(a) = %q, %v", v, ok)
	}
	m.Save() // b was only peeked: dropped

	m = Open[string](dir, "c-v1.gob")
	if _, ok := m.Peek("b"); ok {
		t.Error("an entry that was not used survived Save")
	}
	if _, ok := m.Peek("a"); !ok {
		t.Error("a used entry was dropped")
	}
}

func TestCorruptAndDisabled(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "c-v1.gob"), []byte("not gob"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := Open[int](dir, "c-v1.gob")
	if _, ok := m.Get("x"); ok {
		t.Error("a corrupt file gave entries")
	}
	off := Open[int]("", "c-v1.gob")
	off.Put("x", 1)
	if _, ok := off.Get("x"); ok || off.Enabled() {
		t.Error("a disabled cache stored an entry")
	}
	off.Save()
}
