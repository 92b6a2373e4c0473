package project

import (
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// configOf decodes a flis.yaml folder layer (tree, "+key" mapping, may be "") and a sidecar
// config mapping (sidecar, may be ""), resolves and checks the model config of a model m, and
// returns it with every diagnostic, one string each, decode diagnostics first.
func configOf(t *testing.T, tree, sidecar string) (ModelConfig, []string) {
	t.Helper()
	var layers []*modelLayer
	var diags []string
	decode := func(file, src string, allowed []string) {
		d := newDec(file)
		root := d.parseYAML([]byte(src))
		if root == nil {
			t.Fatalf("%s does not parse: %v", file, d.diags)
		}
		l := &modelLayer{}
		d.mapping(root, file, allowed, func(key string, k, v *yaml.Node) {
			d.modelConfigKey(strings.TrimPrefix(key, "+"), k, v, l, allowed)
		})
		for _, x := range d.diags {
			diags = append(diags, x.Error())
		}
		layers = append(layers, l)
	}
	if tree != "" {
		decode("flis.yaml", tree, treeModelKeys)
	}
	if sidecar != "" {
		decode("m.yml", sidecar, modelConfigKeys)
	}
	m := &Model{Name: "m", Path: "m.sql", YAMLPath: "m.yml"}
	m.Config = resolveModelConfig(layers)
	for _, x := range checkModelConfig(m) {
		diags = append(diags, x.Error())
	}
	return m.Config, diags
}

func TestPartitionBy(t *testing.T) {
	const inc = "materialized: incremental\n"
	tests := []struct {
		name          string
		tree, sidecar string
		want          *PartitionConfig
		diags         []string
	}{
		{
			name:    "granularity defaults to month",
			sidecar: inc + "partition_by: {column: uge_start}\n",
			want:    &PartitionConfig{Column: "uge_start", Granularity: "month"},
		},
		{
			name:    "every granularity",
			sidecar: inc + "partition_by: {column: dag, granularity: day}\n",
			want:    &PartitionConfig{Column: "dag", Granularity: "day"},
		},
		{
			name:    "block mapping, year",
			sidecar: inc + "partition_by:\n  column: aar\n  granularity: year\n",
			want:    &PartitionConfig{Column: "aar", Granularity: "year"},
		},
		{
			name:    "partition column in the unique key and in every unique index",
			sidecar: inc + "unique_key: [borger_id, uge_start]\nindexes: [{columns: [borger_id, uge_start], unique: true}, {columns: [borger_id]}]\npartition_by: {column: uge_start, granularity: week}\n",
			want:    &PartitionConfig{Column: "uge_start", Granularity: "week"},
		},
		{
			name:    "inherited from the folder tree",
			tree:    "+materialized: incremental\n+partition_by: {column: maaned, granularity: quarter}\n",
			sidecar: "unique_key: [sag_id, maaned]\n",
			want:    &PartitionConfig{Column: "maaned", Granularity: "quarter"},
		},
		{
			name:    "the sidecar wins over the folder",
			tree:    "+partition_by: {column: maaned}\n",
			sidecar: inc + "partition_by: {column: uge_start, granularity: week}\n",
			want:    &PartitionConfig{Column: "uge_start", Granularity: "week"},
		},
		{
			name: "a folder's partition_by is dropped by a view",
			tree: "+partition_by: {column: maaned}\n",
		},
		{
			name:    "a folder's partition_by is dropped by a table whose sidecar says so",
			tree:    "+materialized: incremental\n+partition_by: {column: maaned}\n",
			sidecar: "materialized: table\nindexes: [{columns: [id], unique: true}]\n",
		},
		{
			name:    "in the sidecar of a table",
			sidecar: "materialized: table\npartition_by: {column: maaned}\n",
			diags:   []string{"m.yml:2:1: model m: partition_by needs an incremental model, not table (set materialized: incremental, or remove partition_by)"},
		},
		{
			name:    "in the sidecar of a default view",
			sidecar: "partition_by: {column: maaned}\n",
			diags:   []string{"m.yml:1:1: model m: partition_by needs an incremental model, not view (set materialized: incremental, or remove partition_by)"},
		},
		{
			name:    "column missing",
			sidecar: inc + "partition_by: {granularity: month}\n",
			diags:   []string{"m.yml:2:1: partition_by needs a column (write partition_by: {column: uge_start, granularity: month})"},
		},
		{
			name:    "null mapping",
			sidecar: inc + "partition_by:\n",
			diags:   []string{"m.yml:2:1: partition_by needs a column (write partition_by: {column: uge_start, granularity: month})"},
		},
		{
			name:    "column empty",
			sidecar: inc + "partition_by: {column: ''}\n",
			diags:   []string{"m.yml:2:24: partition_by column: must not be empty"},
		},
		{
			name:    "unknown granularity and no column",
			sidecar: inc + "partition_by: {granularity: mnth}\n",
			diags: []string{
				`m.yml:2:29: unknown partition_by granularity "mnth" (did you mean "month"?)`,
				"m.yml:2:1: partition_by needs a column (write partition_by: {column: uge_start, granularity: month})",
			},
		},
		{
			name:    "unknown key inside",
			sidecar: inc + "partition_by: {column: maaned, granulariti: month}\n",
			diags:   []string{`m.yml:2:32: unknown key "granulariti" in partition_by (did you mean "granularity"?)`},
			want:    &PartitionConfig{Column: "maaned", Granularity: "month"},
		},
		{
			name:    "not a mapping",
			sidecar: inc + "partition_by: maaned\n",
			diags:   []string{"m.yml:2:15: partition_by: expected a mapping, got a string"},
		},
		{
			name:    "misspelled key",
			sidecar: inc + "partition: {column: maaned}\n",
			diags:   []string{`m.yml:2:1: unknown key "partition" in m.yml (did you mean "partition_by"?)`},
		},
		{
			name:    "not in the unique key",
			sidecar: inc + "unique_key: [borger_id, uge]\npartition_by: {column: uge_start}\n",
			want:    &PartitionConfig{Column: "uge_start", Granularity: "month"},
			diags: []string{"m.yml:3:1: model m: partition_by column uge_start is not in unique_key [borger_id, uge] " +
				"(PostgreSQL requires the partition column in every unique key of a partitioned table: add uge_start to unique_key)"},
		},
		{
			name:    "names compare exactly",
			sidecar: inc + "unique_key: Uge_start\npartition_by: {column: uge_start}\n",
			want:    &PartitionConfig{Column: "uge_start", Granularity: "month"},
			diags: []string{"m.yml:3:1: model m: partition_by column uge_start is not in unique_key [Uge_start] " +
				"(PostgreSQL requires the partition column in every unique key of a partitioned table: add uge_start to unique_key)"},
		},
		{
			name:    "not in a unique index",
			sidecar: inc + "indexes: [{columns: [borger_id], unique: true}, {columns: [sag_id]}]\npartition_by: {column: uge_start}\n",
			want:    &PartitionConfig{Column: "uge_start", Granularity: "month"},
			diags: []string{"m.yml:3:1: model m: partition_by column uge_start is not in unique index [borger_id] " +
				"(PostgreSQL requires the partition column in every unique key of a partitioned table: add uge_start to the index's columns)"},
		},
		{
			name:    "a folder's partition_by against a sidecar's unique key, reported at the folder",
			tree:    "+materialized: incremental\n+partition_by: {column: maaned}\n",
			sidecar: "unique_key: [sag_id]\n",
			want:    &PartitionConfig{Column: "maaned", Granularity: "month"},
			diags: []string{"flis.yaml:2:1: model m: partition_by column maaned is not in unique_key [sag_id] " +
				"(PostgreSQL requires the partition column in every unique key of a partitioned table: add maaned to unique_key)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := configOf(t, tt.tree, tt.sidecar)
			if !reflect.DeepEqual(c.PartitionBy, tt.want) {
				t.Errorf("PartitionBy = %+v, want %+v", c.PartitionBy, tt.want)
			}
			if strings.Join(diags, "\n") != strings.Join(tt.diags, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}
