package project

import (
	"sort"
	"unicode/utf8"

	"github.com/flis-dk/flis/compiler/diag"
	"gopkg.in/yaml.v3"
)

var (
	seedConfigKeys = []string{"schema", "alias", "tags", "delimiter", "quote_columns", "column_types"}
	treeSeedKeys   = plusKeys(without(without(seedConfigKeys, "alias"), "column_types"))
)

// seedLayer is the seed config set at one place; nil fields were not set there.
type seedLayer struct {
	schema, alias, delimiter *string
	quoteColumns             *bool
	tags                     []string
	columnTypes              map[string]string
	set                      map[string]diag.Pos
}

func (d *dec) seedConfigKey(key string, k, v *yaml.Node, l *seedLayer, allowed []string) {
	written := key
	if allowed[0][0] == '+' {
		written = "+" + key
	}
	if !contains(allowed, written) {
		d.errorf(k, keyHint(written, allowed), "unknown seed config key %q", written)
		return
	}
	vn := d.deref(v)
	switch key {
	case "schema", "alias":
		s, ok := d.identName(key, v)
		if !ok {
			return
		}
		if key == "schema" {
			l.schema = &s
		} else {
			l.alias = &s
		}
	case "tags":
		tags, _, ok := d.strOrList(key, v)
		if !ok {
			return
		}
		l.tags = append(l.tags, tags...)
	case "delimiter":
		s, ok := d.name(key, v)
		if !ok {
			return
		}
		if r, size := utf8.DecodeRuneInString(s); size != len(s) || r == '"' || r == '\n' || r == '\r' || r == utf8.RuneError {
			d.errorf(vn, `write one character, e.g. ";" or "\t"`, "delimiter %q: expected one character other than a quote or newline", s)
			return
		}
		l.delimiter = &s
	case "quote_columns":
		b, ok := d.boolean(key, v)
		if !ok {
			return
		}
		l.quoteColumns = &b
	case "column_types":
		types := map[string]string{}
		d.mapping(v, "column_types", nil, func(col string, _, v *yaml.Node) {
			if t, ok := d.name("column_types."+col, v); ok {
				types[col] = t
			}
		})
		l.columnTypes = types
	}
	if l.set == nil {
		l.set = map[string]diag.Pos{}
	}
	l.set[key] = d.pos(k)
}

func resolveSeedConfig(layers []*seedLayer) (SeedConfig, map[string]string) {
	c := SeedConfig{Schema: DefaultSchema, Delimiter: ",", Pos: map[string]diag.Pos{}}
	tags := map[string]bool{}
	var types map[string]string
	for _, l := range layers {
		if l == nil {
			continue
		}
		setStr(&c.Schema, l.schema)
		setStr(&c.Alias, l.alias)
		setStr(&c.Delimiter, l.delimiter)
		if l.quoteColumns != nil {
			c.QuoteColumns = *l.quoteColumns
		}
		for _, t := range l.tags {
			tags[t] = true
		}
		if l.columnTypes != nil {
			types = l.columnTypes
		}
		for k, p := range l.set {
			c.Pos[k] = p
		}
	}
	for t := range tags {
		c.Tags = append(c.Tags, t)
	}
	sort.Strings(c.Tags)
	return c, types
}
