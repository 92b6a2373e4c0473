package project

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
	"gopkg.in/yaml.v3"
)

// parseYAML parses src into its document's root node; nil (and no diagnostic) for an empty
// file. Syntax errors are reported at the line yaml.v3 gives, in words a person can act on.
func (d *dec) parseYAML(src []byte) (root *yaml.Node) {
	defer func() {
		// yaml.v3 has panicked on malformed input before; a bad file must not take flis down.
		if r := recover(); r != nil {
			root = nil
			d.errorf(nil, "", "invalid YAML: the parser failed (%v)", r)
		}
	}()
	dc := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dc.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		d.add(syntaxDiag(d.file, src, err))
		return nil
	}
	var next yaml.Node
	if err := dc.Decode(&next); err == nil {
		d.errorf(&next, "remove the '---' separator: each flis YAML file holds one document",
			"a second YAML document in one file")
	} else if !errors.Is(err, io.EOF) {
		d.add(syntaxDiag(d.file, src, err))
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0]
	}
	return nil
}

// syntaxDiag turns a yaml.v3 error ("yaml: line 3: mapping values are not allowed in this
// context") into a diagnostic at that line, with a readable message and a hint.
func syntaxDiag(file string, src []byte, err error) diag.Diag {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	text := lineText(src, line)
	pos := diag.Pos{File: file, Line: line}
	if strings.Contains(msg, "mapping values are not allowed") {
		// yaml.v3 gives no column; the culprit is the second ": " on the line.
		if i := strings.Index(text, ": "); i >= 0 {
			if j := strings.Index(text[i+2:], ": "); j >= 0 {
				pos.Col = 1 + len([]rune(text[:i+2+j]))
			}
		}
	}
	var hint string
	switch {
	case strings.Contains(msg, "cannot start any token") && strings.Contains(text, "\t"):
		msg = "a tab character; YAML indents with spaces"
		pos.Col = 1 + len([]rune(text[:strings.IndexByte(text, '\t')]))
		hint = "replace the tab with spaces"
	case strings.Contains(msg, "cannot start any token"):
		msg = "a value starts with a character YAML reserves (" + msg + ")"
		hint = "quote the value, e.g. \"@home\""
	case strings.Contains(msg, "mapping values are not allowed"):
		msg = "unexpected ':' in a value"
		hint = "quote values that contain \": \", e.g. description: \"a: b\"; or check the indentation"
	case strings.Contains(msg, "did not find expected key"):
		msg = "bad indentation: a key or list item is not aligned with its siblings"
		hint = "check the indentation of this line and the lines around it"
	case strings.Contains(msg, "could not find expected ':'"):
		msg = "a key without ':'"
		hint = "write key: value, or quote a multi-line string"
	case strings.Contains(msg, "did not find expected '-' indicator"):
		msg = "bad indentation in a list"
		hint = "align every '-' of a list at the same column"
	case strings.Contains(msg, "found unexpected end of stream"):
		msg = "the file ends inside a quoted string or a [ ] / { } collection"
		hint = "close the quote or bracket"
	case strings.Contains(msg, "did not find expected node content"):
		msg = "a value is missing"
		hint = "write a value after the key or '-', or quote it"
	default:
		msg = "invalid YAML: " + msg
	}
	x := diag.Errorf(pos, "%s", msg)
	x.Hint = hint
	return x
}

func lineText(src []byte, line int) string {
	if line < 1 {
		return ""
	}
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return string(src)
}
