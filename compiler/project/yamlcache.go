package project

import (
	"encoding/binary"
	"errors"

	"gopkg.in/yaml.v3"

	"github.com/flis-dk/flis/internal/gobcache"
)

// The YAML cache maps a YAML file's content hash to its parsed node tree, so that a compile
// over unchanged files does not run yaml.v3's parser again: parsing the ~3,300 sidecars of
// the 10,000-model benchmark project took a quarter of a warm compile; rebuilding the trees
// from this cache takes a few milliseconds. Only the parse is cached: the strict decoding of
// the tree into configuration (unknown keys, did-you-mean, positions) runs on every load, so
// its diagnostics are always those of the current flis. A tree is cached only when parsing
// gave no diagnostic and it holds no alias (an alias points across the tree, which the flat
// encoding below does not keep); such files are simply parsed every time.
//
// The file is a gob map from hash to one encoded tree. The version is part of its name: a
// flis with another encoding never reads it.
const yamlCacheFile = "yaml-v1.gob"

type yamlCache struct{ m *gobcache.Map[[]byte] }

func openYAMLCache(dir string) *yamlCache {
	return &yamlCache{m: gobcache.Open[[]byte](dir, yamlCacheFile)}
}

// get returns the tree cached for hash, rebuilt afresh (the decoders may keep pointers
// into it), or nil.
func (c *yamlCache) get(hash string) *yaml.Node {
	blob, ok := c.m.Get(hash)
	if !ok {
		return nil
	}
	n, err := decodeNode(blob)
	if err != nil {
		return nil
	}
	return n
}

// put caches the tree parsed from the file with the given hash, when it can be encoded.
func (c *yamlCache) put(hash string, n *yaml.Node) {
	if !c.m.Enabled() || n == nil {
		return
	}
	blob, ok := encodeNode(nil, n)
	if !ok {
		return
	}
	c.m.Put(hash, blob)
}

func (c *yamlCache) save() { c.m.Save() }

// encodeNode appends n and its content, depth first: kind, style, line, column, the number
// of children as unsigned varints, then tag, value, anchor and the three comments as
// length-prefixed strings. It reports false for a tree holding an alias.
func encodeNode(dst []byte, n *yaml.Node) ([]byte, bool) {
	if n.Kind == yaml.AliasNode || n.Alias != nil {
		return dst, false
	}
	for _, v := range []uint64{uint64(n.Kind), uint64(n.Style), uint64(n.Line), uint64(n.Column), uint64(len(n.Content))} {
		dst = binary.AppendUvarint(dst, v)
	}
	for _, s := range []string{n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment} {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	for _, c := range n.Content {
		var ok bool
		if dst, ok = encodeNode(dst, c); !ok {
			return dst, false
		}
	}
	return dst, true
}

var errBadNode = errors.New("yaml cache: malformed entry")

// decodeNode rebuilds a tree written by encodeNode. The strings of the tree share one copy
// of the blob, so a tree costs one allocation per node and one for its text.
func decodeNode(blob []byte) (*yaml.Node, error) {
	r := nodeReader{s: string(blob)}
	n := r.node(0)
	if r.err == nil && r.off != len(r.s) {
		r.err = errBadNode
	}
	if r.err != nil {
		return nil, r.err
	}
	return n, nil
}

type nodeReader struct {
	s   string
	off int
	err error
}

// maxNodeDepth bounds the recursion on a corrupt entry; real sidecars nest a few levels.
const maxNodeDepth = 1000

func (r *nodeReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	var x uint64
	for shift := uint(0); ; shift += 7 {
		if r.off >= len(r.s) || shift > 63 {
			r.err = errBadNode
			return 0
		}
		b := r.s[r.off]
		r.off++
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x
		}
	}
}

func (r *nodeReader) str() string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.s)-r.off) {
		r.err = errBadNode
		return ""
	}
	s := r.s[r.off : r.off+int(n)]
	r.off += int(n)
	return s
}

func (r *nodeReader) node(depth int) *yaml.Node {
	if depth > maxNodeDepth {
		r.err = errBadNode
		return nil
	}
	n := &yaml.Node{Kind: yaml.Kind(r.uvarint()), Style: yaml.Style(r.uvarint()), Line: int(r.uvarint()),
		Column: int(r.uvarint())}
	count := r.uvarint()
	n.Tag, n.Value, n.Anchor = r.str(), r.str(), r.str()
	n.HeadComment, n.LineComment, n.FootComment = r.str(), r.str(), r.str()
	if r.err != nil || count > uint64(len(r.s)-r.off) { // every child takes at least a byte
		r.err = errBadNode
		return nil
	}
	if count > 0 {
		n.Content = make([]*yaml.Node, count)
		for i := range n.Content {
			if n.Content[i] = r.node(depth + 1); r.err != nil {
				return nil
			}
		}
	}
	return n
}
