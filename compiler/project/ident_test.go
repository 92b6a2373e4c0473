package project

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestCheckIdent(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = valid, else a substring of the reason
	}{
		{"fact_ky_sager", ""},
		{"_private", ""},
		{"fravær_2024", ""},
		{"a$b", ""},
		{strings.Repeat("a", 63), ""},
		{strings.Repeat("a", 64), "64 bytes"},
		{strings.Repeat("æ", 32), "64 bytes"},
		{"", "empty"},
		{"Fact", "upper-case"},
		{"2fact", "starts with a digit"},
		{"fact-ky", "contains '-'"},
		{"fact ky", "contains ' '"},
		{"select", "reserved"},
		{"user", "reserved"},
		{"name", ""}, // non-reserved key words are fine
	}
	for _, tt := range tests {
		got := checkIdent(tt.in)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("checkIdent(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckInterval(t *testing.T) {
	for _, ok := range []string{"35 days", "1 day", "1 day 12 hours", "2.5 hours", "1 MONTH", "62 days"} {
		if msg, _ := checkInterval(ok); msg != "" {
			t.Errorf("checkInterval(%q) = %q, want ok", ok, msg)
		}
	}
	for in, want := range map[string]string{"": "empty", "35": "not a duration", "35 dayz": `unknown unit "dayz"`,
		"x days": `"x" is not a number`, "1 day 2": "not a duration"} {
		if msg, _ := checkInterval(in); !strings.Contains(msg, want) {
			t.Errorf("checkInterval(%q) = %q, want %q", in, msg, want)
		}
	}
}

func TestOnlyComments(t *testing.T) {
	tests := map[string]bool{
		"":                           true,
		"  \n\t":                     true,
		"-- x\n-- y":                 true,
		"/* a /* nested */ b */\n":   true,
		"/* unterminated":            true,
		"SELECT 1":                   false,
		"-- x\nSELECT 1":             false,
		"/* a */ SELECT 1":           false,
		"/* a /* b */ still */ x":    false,
		"/* a /* b */ still */ -- c": true,
	}
	for in, want := range tests {
		if got := onlyComments(in); got != want {
			t.Errorf("onlyComments(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestSyntaxDiag(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"a: 1\nb: c: d\n", "f.yml:2:5: unexpected ':' in a value"},
		{"a:\n\tb: 1\n", "f.yml:2:1: a tab character; YAML indents with spaces"},
		{"a: [1, 2\n", "f.yml:"},
		{"a: \"x\n", "f.yml:"},
		{"- a\nb: 1\n", "f.yml:1: bad indentation in a list"},
	}
	for _, tt := range tests {
		d := newDec("f.yml")
		if n := d.parseYAML([]byte(tt.src)); n != nil || len(d.diags) != 1 {
			t.Errorf("parseYAML(%q): node %v, diags %v", tt.src, n, d.diags)
			continue
		}
		if got := d.diags[0].Error(); !strings.HasPrefix(got, tt.want) {
			t.Errorf("parseYAML(%q) = %q, want prefix %q", tt.src, got, tt.want)
		}
	}
}

func TestAliasesAndMergeKeys(t *testing.T) {
	src := `
base: &base {materialized: table, tags: [a]}
config:
  <<: *base
  tags: [b]
`
	d := newDec("m.yml")
	root := d.parseYAML([]byte(src))
	l := &modelLayer{}
	d.mapping(root, "m.yml", nil, func(key string, k, v *yaml.Node) {
		if key == "config" {
			d.mapping(v, "config", modelConfigKeys, func(key string, k, v *yaml.Node) {
				d.modelConfigKey(key, k, v, l, modelConfigKeys)
			})
		}
	})
	if len(d.diags) > 0 {
		t.Fatal(d.diags)
	}
	c := resolveModelConfig([]*modelLayer{l})
	if c.Materialized != "table" || strings.Join(c.Tags, ",") != "b" {
		t.Errorf("got %+v; want table with the explicit tags winning over the merged ones", c)
	}
}

func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	d := newDec("bomb.yml")
	root := d.parseYAML([]byte(b.String()))
	if root == nil {
		return // yaml.v3 refused it itself: fine
	}
	d.value("bomb", root)
	if !d.diags.HasErrors() {
		t.Fatal("expanding 10^9 aliases should have hit the budget")
	}
}

// TestColumnsAreCharacters checks that positions count characters, not bytes, after
// non-ASCII text on the same line.
func TestColumnsAreCharacters(t *testing.T) {
	d := newDec("m.yml")
	root := d.parseYAML([]byte("config: {æøå: 1, materalized: x}\n"))
	d.mapping(root, "m.yml", nil, func(key string, k, v *yaml.Node) {
		d.mapping(v, "config", modelConfigKeys, func(string, *yaml.Node, *yaml.Node) {})
	})
	var got []string
	for _, x := range d.diags {
		got = append(got, x.Pos.String())
	}
	want := "m.yml:1:10 m.yml:1:18"
	if strings.Join(got, " ") != want {
		t.Errorf("positions %v, want %s", got, want)
	}
}
