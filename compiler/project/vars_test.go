package project

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseVars(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    map[string]any
		wantErr string
	}{
		{"date stays a string", []string{"data_tom=2024-03-31"}, map[string]any{"data_tom": "2024-03-31"}, ""},
		{"int", []string{"x=1"}, map[string]any{"x": 1}, ""},
		{"float", []string{"x=0.25"}, map[string]any{"x": 0.25}, ""},
		{"bool", []string{"flag=true"}, map[string]any{"flag": true}, ""},
		{"null", []string{"x=null"}, map[string]any{"x": nil}, ""},
		{"empty is the empty string", []string{"x="}, map[string]any{"x": ""}, ""},
		{"quoted number stays a string", []string{"x='007'"}, map[string]any{"x": "007"}, ""},
		{"text with spaces", []string{"x=hej med dig"}, map[string]any{"x": "hej med dig"}, ""},
		{"text with colon is literal", []string{"x=a: b"}, map[string]any{"x": "a: b"}, ""},
		{"equals in value", []string{"x=a=b"}, map[string]any{"x": "a=b"}, ""},
		{"mapping", []string{"{data_tom: 2024-03-31, x: 1}"}, map[string]any{"data_tom": "2024-03-31", "x": 1}, ""},
		{"mapping without braces", []string{"data_tom: 2024-03-31"}, map[string]any{"data_tom": "2024-03-31"}, ""},
		{"mapping with = in a value", []string{"{dsn: a=b}"}, map[string]any{"dsn": "a=b"}, ""},
		{"later wins", []string{"x=1", "{x: 2}", "y=3"}, map[string]any{"x": 2, "y": 3}, ""},
		{"list value", []string{"x=[1, 2]"}, nil, "not a list or mapping"},
		{"list in mapping", []string{"{x: [1]}"}, nil, "expected a string, number, boolean or null"},
		{"bad name in mapping", []string{"{data-tom: 1}"}, nil, `invalid variable name "data-tom"`},
		{"not a mapping", []string{"just text"}, nil, "expected key=value"},
		{"broken yaml", []string{"{x: 1"}, nil, `"{x: 1": `},
		{"infinity", []string{"x=.inf"}, nil, "not a finite number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseVars(tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestResolveTarget(t *testing.T) {
	cfg := &Config{
		DefaultTarget: "ci",
		Targets: map[string]Target{
			"dev":  {Name: "dev"},
			"ci":   {Name: "ci", DSN: "${env:CI_DSN}", SchemaSuffix: "_ci"},
			"prod": {Name: "prod", DSN: "host=${env:PGHOST} dbname=flis password=a$b"},
			"bad":  {Name: "bad", DSN: "${PGHOST}"},
		},
	}
	env := func(vals map[string]string) func(string) string {
		return func(k string) string { return vals[k] }
	}
	tests := []struct {
		name    string
		cfg     *Config
		target  string
		env     map[string]string
		want    Target
		wantErr string
	}{
		{"default target", cfg, "", map[string]string{"CI_DSN": "postgres://ci"},
			Target{Name: "ci", DSN: "postgres://ci", SchemaSuffix: "_ci"}, ""},
		{"explicit", cfg, "dev", nil, Target{Name: "dev"}, ""},
		{"expansion in the middle", cfg, "prod", map[string]string{"PGHOST": "db1"},
			Target{Name: "prod", DSN: "host=db1 dbname=flis password=a$b"}, ""},
		{"FLIS_DSN overrides", cfg, "prod", map[string]string{"FLIS_DSN": "postgres://x"},
			Target{Name: "prod", DSN: "postgres://x"}, ""},
		{"FLIS_DSN overrides the embedded default", cfg, "dev", map[string]string{"FLIS_DSN": "postgres://x"},
			Target{Name: "dev", DSN: "postgres://x"}, ""},
		{"unset variable", cfg, "ci", nil, Target{}, "CI_DSN is not set"},
		{"unsupported reference", cfg, "bad", map[string]string{"PGHOST": "x"}, Target{}, "write ${env:NAME}"},
		{"unknown target", cfg, "prd", nil, Target{}, `unknown target "prd" (did you mean "prod"`},
		{"dev without targets", &Config{}, "", nil, Target{Name: "dev"}, ""},
		{"nil config", nil, "", nil, Target{Name: "dev"}, ""},
		{"dev named explicitly but not declared", &Config{Targets: map[string]Target{"prod": {}}}, "dev", nil,
			Target{}, `unknown target "dev"`},
		{"implicit dev when not declared", &Config{Targets: map[string]Target{"prod": {}}}, "", nil,
			Target{Name: "dev"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveTarget(tt.cfg, tt.target, env(tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
