package compiler

import (
	"bufio"
	"encoding/json"
	"io"
	"runtime"
	"slices"
	"sync"
)

// The manifest of a 10,000-model project is tens of megabytes of indented JSON, nearly all of
// it the nodes. encoding/json marshals the whole value into one buffer and then indents it in
// a second pass, on one core. encodeManifest writes the same bytes (the test holds it to
// json.Encoder with SetIndent("", " ")) but marshals the nodes in chunks on every core and
// streams them out in order, so neither the CPU time nor the memory grows with one buffer.

// manifestChunk is how many nodes one worker marshals at a time: enough to amortise the
// hand-off, few enough that the writer is not left waiting at the end.
const manifestChunk = 128

// encodeManifest writes m to w exactly as json.Encoder with SetIndent("", " ") would.
func encodeManifest(w io.Writer, m *Manifest) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	field := func(first bool, key string, v any) error {
		if !first {
			bw.WriteString(",")
		}
		bw.WriteString("\n " + key + ": ")
		b, err := json.MarshalIndent(v, " ", " ")
		if err != nil {
			return err
		}
		_, err = bw.Write(b)
		return err
	}
	bw.WriteString("{")
	if err := field(true, `"metadata"`, m.Metadata); err != nil {
		return err
	}
	bw.WriteString(",\n \"nodes\": ")
	if err := encodeNodes(bw, m.Nodes); err != nil {
		return err
	}
	for _, f := range []struct {
		key string
		v   any
	}{{`"parent_map"`, m.ParentMap}, {`"child_map"`, m.ChildMap}, {`"order"`, m.Order}, {`"vars"`, m.Vars}} {
		if err := field(false, f.key, f.v); err != nil {
			return err
		}
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// encodeNodes writes the nodes object, keys sorted as encoding/json sorts map keys, each
// value marshalled at the nesting depth it has in the manifest (two levels down).
func encodeNodes(w *bufio.Writer, nodes map[string]*Node) error {
	if nodes == nil {
		_, err := w.WriteString("null")
		return err
	}
	if len(nodes) == 0 {
		_, err := w.WriteString("{}")
		return err
	}
	ids := make([]string, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	type chunk struct {
		ids  []string
		out  []byte
		err  error
		done chan struct{}
	}
	chunks := make([]*chunk, 0, len(ids)/manifestChunk+1)
	for i := 0; i < len(ids); i += manifestChunk {
		chunks = append(chunks, &chunk{ids: ids[i:min(i+manifestChunk, len(ids))], done: make(chan struct{})})
	}
	work := make(chan *chunk)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				c.out, c.err = marshalNodes(c.ids, nodes)
				close(c.done)
			}
		}()
	}
	// Feed the workers from their own goroutine, so the writer below can drain finished chunks
	// while later ones are being marshalled.
	stop := make(chan struct{})
	go func() {
		defer close(work)
		for _, c := range chunks {
			select {
			case work <- c:
			case <-stop:
				return
			}
		}
	}()
	w.WriteString("{")
	var err error
	for i, c := range chunks {
		<-c.done
		if err = c.err; err != nil {
			break
		}
		out := c.out
		if i == 0 {
			out = out[1:] // the first member has no separator
		}
		if _, err = w.Write(out); err != nil {
			break
		}
		c.out = nil
	}
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	_, err = w.WriteString("\n }")
	return err
}

// marshalNodes renders the `"id": {...}` members for ids, each preceded by "," and its line
// break; the caller drops the comma before the first member.
func marshalNodes(ids []string, nodes map[string]*Node) ([]byte, error) {
	var out []byte
	for _, id := range ids {
		key, err := json.Marshal(id)
		if err != nil {
			return nil, err
		}
		val, err := json.Marshal(nodes[id])
		if err != nil {
			return nil, err
		}
		if out == nil {
			// Indenting roughly doubles a node; one allocation for the chunk, as a rule.
			out = make([]byte, 0, 2*len(ids)*(len(val)+len(key)+8))
		}
		out = append(out, ",\n  "...)
		out = append(out, key...)
		out = append(out, ": "...)
		out = appendIndented(out, val, "  ", " ")
	}
	return out, nil
}

// appendIndented appends src, compact JSON as json.Marshal writes it, indented as
// json.Indent would indent it. json.Indent runs its general validating scanner over every
// byte and costs twice what marshalling does; input from json.Marshal is valid and has no
// white space, so knowing where strings start and end is enough.
func appendIndented(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			// Copy the whole string; a backslash escapes the byte after it.
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:min(j+1, len(src))]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1]) // empty: {} and [] stay on one line
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
