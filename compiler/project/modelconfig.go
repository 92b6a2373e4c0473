package project

import (
	"sort"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
	"gopkg.in/yaml.v3"
)

var (
	modelConfigKeys = []string{"materialized", "schema", "alias", "tags", "unique_key",
		"incremental_strategy", "range", "partition_by", "on_schema_change", "indexes", "grants"}
	// A folder cannot set alias: every model under it would get the same relation name.
	treeModelKeys = plusKeys(without(modelConfigKeys, "alias"))
	rangeKeys     = []string{"column", "granularity", "lookback"}
	partitionKeys = []string{"column", "granularity"}
	indexKeys     = []string{"columns", "unique"}
	grantKeys     = []string{"role", "except"}
)

func plusKeys(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = "+" + k
	}
	return out
}

func without(keys []string, drop string) []string {
	var out []string
	for _, k := range keys {
		if k != drop {
			out = append(out, k)
		}
	}
	return out
}

// modelLayer is the model config set at one place (a folder of the tree, or a sidecar); a nil
// field was not set there. Layers are applied in order onto the defaults.
type modelLayer struct {
	materialized, schema, alias, strategy, onSchemaChange *string
	tags                                                  []string
	uniqueKey                                             []string
	rng                                                   *RangeConfig
	partition                                             *PartitionConfig
	indexes                                               []IndexConfig
	grants                                                []GrantConfig
	set                                                   map[string]diag.Pos
}

func (l *modelLayer) mark(key string, p diag.Pos) {
	if l.set == nil {
		l.set = map[string]diag.Pos{}
	}
	l.set[key] = p
}

// modelConfigKey decodes one config key into l. allowed is the key set of the place (with
// "+" in the tree); key comes without the "+".
func (d *dec) modelConfigKey(key string, k, v *yaml.Node, l *modelLayer, allowed []string) {
	written := key
	if strings.HasPrefix(allowed[0], "+") {
		written = "+" + key
	}
	if !contains(allowed, written) {
		hint := keyHint(written, allowed)
		if key == "alias" {
			hint = "set alias in the model's sidecar: a folder-wide alias would give every model the same name"
		}
		d.errorf(k, hint, "unknown model config key %q", written)
		return
	}
	vn := d.deref(v)
	switch key {
	case "materialized", "incremental_strategy", "on_schema_change":
		s, ok := d.name(key, v)
		if !ok {
			return
		}
		var allowedVals []string
		var dst **string
		switch key {
		case "materialized":
			allowedVals, dst = Materializations, &l.materialized
		case "incremental_strategy":
			allowedVals, dst = IncrementalStrategies, &l.strategy
		default:
			allowedVals, dst = OnSchemaChanges, &l.onSchemaChange
		}
		if !contains(allowedVals, s) {
			d.errorf(vn, didYouMeanOr(s, allowedVals, "one of: "+strings.Join(allowedVals, ", ")),
				"unknown %s %q", key, s)
			return
		}
		*dst = &s
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
	case "unique_key":
		cols, _, ok := d.strOrList(key, v)
		if !ok {
			return
		}
		if len(cols) == 0 {
			d.errorf(vn, "", "unique_key: give at least one column")
			return
		}
		l.uniqueKey = cols
	case "range":
		r, ok := d.decodeRange(v)
		if !ok {
			return
		}
		l.rng = r
	case "partition_by":
		p, ok := d.decodePartition(k, v)
		if !ok {
			return
		}
		l.partition = p
	case "indexes":
		var idx []IndexConfig
		ok := d.seq(key, v, func(it *yaml.Node) {
			var ix IndexConfig
			var colsSeen bool
			d.mapping(it, "index", indexKeys, func(key string, _, v *yaml.Node) {
				switch key {
				case "columns":
					colsSeen = true
					ix.Columns, _, _ = d.strOrList("index columns", v)
				case "unique":
					ix.Unique, _ = d.boolean("index unique", v)
				}
			})
			if it.Kind == yaml.MappingNode && (!colsSeen || len(ix.Columns) == 0) {
				d.errorf(it, "write {columns: [a, b]}", "an index needs columns")
				return
			}
			if it.Kind == yaml.MappingNode {
				idx = append(idx, ix)
			}
		})
		if ok {
			l.indexes = idx
		}
	case "grants":
		var grants []GrantConfig
		ok := d.seq(key, v, func(it *yaml.Node) {
			var g GrantConfig
			d.mapping(it, "grant", grantKeys, func(key string, _, v *yaml.Node) {
				switch key {
				case "role":
					g.Role, _ = d.name("grant role", v)
				case "except":
					g.Except, _, _ = d.strList("grant except", v)
				}
			})
			if it.Kind == yaml.MappingNode && g.Role == "" {
				d.errorf(it, "write {role: name} or {role: name, except: [column]}", "a grant needs a role")
				return
			}
			if it.Kind == yaml.MappingNode {
				grants = append(grants, g)
			}
		})
		if ok {
			l.grants = grants
		}
	}
	l.mark(key, d.pos(k))
}

func (d *dec) decodeRange(v *yaml.Node) (*RangeConfig, bool) {
	r := &RangeConfig{}
	ok := d.mapping(v, "range", rangeKeys, func(key string, _, v *yaml.Node) {
		switch key {
		case "column":
			r.Column, _ = d.name("range column", v)
		case "granularity":
			s, good := d.name("range granularity", v)
			if good && !contains(Granularities, s) {
				d.errorf(d.deref(v), didYouMeanOr(s, Granularities, "one of: "+strings.Join(Granularities, ", ")),
					"unknown range granularity %q", s)
				return
			}
			r.Granularity = s
		case "lookback":
			if i, good := d.integer("range lookback", v); good {
				if i < 0 {
					d.errorf(d.deref(v), "", "range lookback must not be negative")
					return
				}
				r.Lookback = i
			}
		}
	})
	return r, ok
}

// decodePartition decodes partition_by. The column is checked here rather than in
// checkModelConfig because, unlike range.column, it is needed whatever else is set: one error
// at the place it was written, not one per model a folder-wide partition_by reaches.
func (d *dec) decodePartition(k, v *yaml.Node) (*PartitionConfig, bool) {
	p := &PartitionConfig{}
	good, colSeen := true, false
	ok := d.mapping(v, "partition_by", partitionKeys, func(key string, _, v *yaml.Node) {
		switch key {
		case "column":
			var named bool
			colSeen = true
			p.Column, named = d.name("partition_by column", v)
			good = good && named
		case "granularity":
			s, named := d.name("partition_by granularity", v)
			if named && !contains(Granularities, s) {
				d.errorf(d.deref(v), didYouMeanOr(s, Granularities, "one of: "+strings.Join(Granularities, ", ")),
					"unknown partition_by granularity %q", s)
				named = false
			}
			good = good && named
			p.Granularity = s
		}
	})
	if !ok {
		return nil, false
	}
	if !colSeen {
		// A column given but empty or not a string has had its own error, at the value.
		d.errorf(k, "write partition_by: {column: uge_start, granularity: month}", "partition_by needs a column")
		return nil, false
	}
	if !good || p.Column == "" {
		return nil, false
	}
	if p.Granularity == "" {
		p.Granularity = DefaultGranularity
	}
	return p, true
}

// resolveModelConfig applies the layers (folder tree, root first, then the sidecar) onto the
// built-in defaults and fills the defaults that depend on other keys.
func resolveModelConfig(layers []*modelLayer) ModelConfig {
	c := ModelConfig{Materialized: DefaultMaterialized, Schema: DefaultSchema, Pos: map[string]diag.Pos{}}
	tags := map[string]bool{}
	for _, l := range layers {
		if l == nil {
			continue
		}
		setStr(&c.Materialized, l.materialized)
		setStr(&c.Schema, l.schema)
		setStr(&c.Alias, l.alias)
		setStr(&c.IncrementalStrategy, l.strategy)
		setStr(&c.OnSchemaChange, l.onSchemaChange)
		for _, t := range l.tags {
			tags[t] = true
		}
		if l.uniqueKey != nil {
			c.UniqueKey = l.uniqueKey
		}
		if l.rng != nil {
			rc := *l.rng
			c.Range = &rc
		}
		if l.partition != nil {
			pc := *l.partition
			c.PartitionBy = &pc
		}
		if l.indexes != nil {
			c.Indexes = l.indexes
		}
		if l.grants != nil {
			c.Grants = l.grants
		}
		for k, p := range l.set {
			c.Pos[k] = p
		}
	}
	for t := range tags {
		c.Tags = append(c.Tags, t)
	}
	sort.Strings(c.Tags)
	if c.Materialized == "incremental" {
		if c.IncrementalStrategy == "" {
			c.IncrementalStrategy = "append"
			if len(c.UniqueKey) > 0 {
				c.IncrementalStrategy = "delete+insert"
			}
		}
		if c.OnSchemaChange == "" {
			c.OnSchemaChange = DefaultOnSchemaChange
		}
		if c.Range != nil && c.Range.Granularity == "" {
			c.Range.Granularity = DefaultGranularity
		}
	}
	return c
}

func setStr(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

// checkModelConfig reports combinations no single key can catch, at the key that makes them
// wrong (or the model's file).
func checkModelConfig(m *Model) diag.List {
	var ds diag.List
	c := &m.Config
	at := func(keys ...string) diag.Pos {
		for _, k := range keys {
			if p, ok := c.Pos[k]; ok {
				return p
			}
		}
		return m.Pos
	}
	if c.Materialized == "incremental" {
		switch c.IncrementalStrategy {
		case "merge", "delete+insert":
			if len(c.UniqueKey) == 0 {
				ds.Add(diag.Errorf(at("incremental_strategy", "materialized"),
					"model %s: incremental strategy %s needs a unique_key", m.Name, c.IncrementalStrategy).
					WithHint("add unique_key: [column, ...] to the model's config"))
			}
		case "range":
			if c.Range == nil || c.Range.Column == "" {
				ds.Add(diag.Errorf(at("range", "incremental_strategy"),
					"model %s: the range strategy needs range.column", m.Name).
					WithHint("add range: {column: maaned, granularity: month} to the model's config"))
			}
		}
	}
	// Indexes and grants set for a whole folder are skipped by the models they do not fit;
	// set in a sidecar, they are a mistake.
	inSidecar := func(key string) bool { p, ok := c.Pos[key]; return ok && p.File == m.YAMLPath }
	if len(c.Indexes) > 0 && c.Materialized != "table" && c.Materialized != "incremental" && inSidecar("indexes") {
		ds.Add(diag.Errorf(at("indexes"), "model %s: indexes need a table or incremental model, not %s",
			m.Name, c.Materialized).WithHint("remove indexes or set materialized: table"))
	}
	if c.Materialized == "ephemeral" && len(c.Grants) > 0 && inSidecar("grants") {
		ds.Add(diag.Errorf(at("grants"), "model %s: an ephemeral model has no relation to grant on", m.Name).
			WithHint("remove grants or materialize the model"))
	}
	if c.Materialized != "incremental" {
		// dbt ignores these silently; a sidecar that sets them most likely forgot
		// materialized: incremental, so say so (once per key, as a warning).
		for _, key := range []string{"incremental_strategy", "unique_key", "range", "on_schema_change"} {
			if inSidecar(key) {
				ds.Add(diag.Warnf(c.Pos[key], "model %s: %s has no effect on a %s model", m.Name, key, c.Materialized).
					WithHint("set materialized: incremental, or remove %s", key))
			}
		}
	}
	ds.Append(checkPartition(m, inSidecar("partition_by")))
	if c.Materialized != "table" && c.Materialized != "incremental" {
		c.Indexes = nil
	}
	if c.Materialized == "ephemeral" {
		c.Grants = nil
	}
	return ds
}

// checkPartition checks partition_by against the rest of the config. PostgreSQL refuses a
// unique constraint or index on a partitioned table that lacks the partition column, so a
// unique_key or unique index without it would fail at the first build; say so now, at
// partition_by. A folder-wide partition_by is dropped by the models that are not incremental,
// like indexes; written in a sidecar it is a mistake. Names compare exactly: the runner quotes
// them, so Uge_start and uge_start are different columns.
func checkPartition(m *Model, inSidecar bool) diag.List {
	var ds diag.List
	c := &m.Config
	if c.PartitionBy == nil {
		return nil
	}
	at := c.Pos["partition_by"]
	if c.Materialized != "incremental" {
		if inSidecar {
			ds.Add(diag.Errorf(at, "model %s: partition_by needs an incremental model, not %s", m.Name, c.Materialized).
				WithHint("set materialized: incremental, or remove partition_by"))
		}
		c.PartitionBy = nil
		return ds
	}
	col := c.PartitionBy.Column
	if len(c.UniqueKey) > 0 && !contains(c.UniqueKey, col) {
		ds.Add(diag.Errorf(at, "model %s: partition_by column %s is not in unique_key [%s]",
			m.Name, col, strings.Join(c.UniqueKey, ", ")).
			WithHint("PostgreSQL requires the partition column in every unique key of a partitioned table: add %s to unique_key", col))
	}
	for _, ix := range c.Indexes {
		if ix.Unique && !contains(ix.Columns, col) {
			ds.Add(diag.Errorf(at, "model %s: partition_by column %s is not in unique index [%s]",
				m.Name, col, strings.Join(ix.Columns, ", ")).
				WithHint("PostgreSQL requires the partition column in every unique key of a partitioned table: add %s to the index's columns", col))
		}
	}
	return ds
}
