package dag

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseSelector(t *testing.T) {
	tests := []struct {
		in   string
		want []Atom // flattened; Terms checked via String
		str  string
	}{
		{"fact_ky_sager", []Atom{{Value: "fact_ky_sager", ParentsDepth: -1, ChildrenDepth: -1}}, "fact_ky_sager"},
		{"+fact_ky_sager", []Atom{{Value: "fact_ky_sager", Parents: true, ParentsDepth: -1, ChildrenDepth: -1}}, "+fact_ky_sager"},
		{"fact_ky_sager+", []Atom{{Value: "fact_ky_sager", Children: true, ParentsDepth: -1, ChildrenDepth: -1}}, "fact_ky_sager+"},
		{"2+fact_ky_sager+1", []Atom{{Value: "fact_ky_sager", Parents: true, ParentsDepth: 2, Children: true, ChildrenDepth: 1}}, "2+fact_ky_sager+1"},
		{"0+x+0", []Atom{{Value: "x", Parents: true, ParentsDepth: 0, Children: true, ChildrenDepth: 0}}, "0+x+0"},
		{"@dim_kommune", []Atom{{Value: "dim_kommune", At: true, ParentsDepth: -1, ChildrenDepth: -1}}, "@dim_kommune"},
		{"2024_rapport+", []Atom{{Value: "2024_rapport", Children: true, ParentsDepth: -1, ChildrenDepth: -1}}, "2024_rapport+"},
		{"tag:monthly", []Atom{{Method: "tag", Value: "monthly", ParentsDepth: -1, ChildrenDepth: -1}}, "tag:monthly"},
		{"config.materialized:incremental", []Atom{{Method: "config", Key: "materialized", Value: "incremental", ParentsDepth: -1, ChildrenDepth: -1}}, "config.materialized:incremental"},
		{"source:dsa.ky_sag+", []Atom{{Method: "source", Value: "dsa.ky_sag", Children: true, ParentsDepth: -1, ChildrenDepth: -1}}, "source:dsa.ky_sag+"},
		{"path:models/ky/*.sql", []Atom{{Method: "path", Value: "models/ky/*.sql", ParentsDepth: -1, ChildrenDepth: -1}}, "path:models/ky/*.sql"},
		{"resource_type:mod*", []Atom{{Method: "resource_type", Value: "mod*", ParentsDepth: -1, ChildrenDepth: -1}}, "resource_type:mod*"},
		{"  tag:monthly,area:ky \t +x ", []Atom{
			{Method: "tag", Value: "monthly", ParentsDepth: -1, ChildrenDepth: -1},
			{Method: "area", Value: "ky", ParentsDepth: -1, ChildrenDepth: -1},
			{Value: "x", Parents: true, ParentsDepth: -1, ChildrenDepth: -1},
		}, "tag:monthly,area:ky +x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := ParseSelector(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []Atom
			for _, term := range s.Terms {
				for _, a := range term {
					a.Text, a.Col = "", 0
					got = append(got, a)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("atoms:\n got %+v\nwant %+v", got, tt.want)
			}
			if s.String() != tt.str {
				t.Errorf("String() = %q, want %q", s.String(), tt.str)
			}
		})
	}
}

func TestParseSelectorColumns(t *testing.T) {
	s, err := ParseSelector("æø tag:x,+y")
	if err != nil {
		t.Fatal(err)
	}
	cols := []int{s.Terms[0][0].Col, s.Terms[1][0].Col, s.Terms[1][1].Col}
	if !reflect.DeepEqual(cols, []int{1, 4, 10}) {
		t.Errorf("columns in runes = %v", cols)
	}
}

func TestParseSelectorErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `empty selector (name what to select, e.g. "fact_ky_sager+" or "tag:monthly")`},
		{"  ", `empty selector (name what to select, e.g. "fact_ky_sager+" or "tag:monthly")`},
		{"2+", `selector "2+", column 3: expected a name after "2+"`},
		{"+", `selector "+", column 2: expected a name after "+"`},
		{"x +", `selector "x +", column 4: expected a name after "+"`},
		{"++x", `selector "++x", column 2: expected a name after "+"`},
		{"tag:", `selector "tag:", column 5: expected a value after "tag:"`},
		{":x", `selector ":x", column 1: expected a method before ":"`},
		{"unknown_method:x", `selector "unknown_method:x", column 1: unknown selector method "unknown_method" (methods are area, config, fqn, path, resource_type, source, tag, test_type)`},
		{"tga:monthly", `selector "tga:monthly", column 1: unknown selector method "tga" (did you mean "tag"?)`},
		{"x source_:dsa", `selector "x source_:dsa", column 3: unknown selector method "source_" (did you mean "source" or "resource_type"?)`},
		{"1x+name", `selector "1x+name", column 1: invalid depth "1x" (a depth is a whole number, as in "2+name")`},
		{"a+b", `selector "a+b", column 3: unexpected "b" after "+" (graph operators go around the whole selector: "+name", "2+name", "name+", "name+1", "@name")`},
		{"a+1b", `selector "a+1b", column 4: unexpected "b" after "+" (graph operators go around the whole selector: "+name", "2+name", "name+", "name+1", "@name")`},
		{"@+x", `selector "@+x", column 1: "@" cannot be combined with "+" ("@" already includes all ancestors)`},
		{"@x+", `selector "@x+", column 1: "@" cannot be combined with "+" ("@" already includes all descendants)`},
		{"x@y", `selector "x@y", column 2: "@" goes at the start of a selector (e.g. "@dim_kommune")`},
		{"a,,b", `selector "a,,b", column 3: expected a selector before ","`},
		{",a", `selector ",a", column 1: expected a selector before ","`},
		{"a,", `selector "a,", column 3: expected a selector after ","`},
		{"config:x", `selector "config:x", column 1: the config method needs a key: "config.<key>:value" (e.g. "config.materialized:incremental")`},
		{"config.:x", `selector "config.:x", column 8: expected a config key after "config." (e.g. "config.materialized:incremental")`},
		{"resource_type:modle", `selector "resource_type:modle", column 15: unknown resource type "modle" (did you mean "model"?)`},
		{"resource_type:snapshot", `selector "resource_type:snapshot", column 15: unknown resource type "snapshot" (one of model, seed, source, test)`},
		{"test_type:unit", `selector "test_type:unit", column 11: unknown test type "unit" (one of generic, singular)`},
		{"tag:[ab", `selector "tag:[ab", column 5: bad pattern "[ab" (wildcards are "*", "?" and "[...]")`},
		{"99999999999999999999+x", `selector "99999999999999999999+x", column 1: depth 99999999999999999999 is too large (leave the number out for "all levels")`},
		{"x+2000000", `selector "x+2000000", column 3: depth 2000000 is too large (leave the number out for "all levels")`},
		{"æø+b", `selector "æø+b", column 4: unexpected "b" after "+" (graph operators go around the whole selector: "+name", "2+name", "name+", "name+1", "@name")`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseSelector(tt.in)
			var se *SelectorError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *SelectorError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{
		"fact_ky_sager", "+fact_ky_sager+", "2+x+3", "@dim_kommune", "tag:monthly,area:ky ky+",
		"config.materialized:incremental", "source:dsa.*", "path:models/ky/*.sql", "1x+name", "2+",
		"a,,b", "tag:", "x@y", "resource_type:seed", "test_type:singular", "fqn:ky.fact_*", "æø+",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSelector(in)
		if err != nil {
			var se *SelectorError
			if !errors.As(err, &se) {
				t.Fatalf("%q: error %T is not a *SelectorError", in, err)
			}
			if se.Col < 0 || se.Col > len([]rune(in))+1 {
				t.Fatalf("%q: column %d out of range", in, se.Col)
			}
			return
		}
		// The canonical form parses back to the same atoms.
		canon := s.String()
		s2, err := ParseSelector(canon)
		if err != nil {
			t.Fatalf("%q: canonical %q does not parse: %v", in, canon, err)
		}
		if len(s.Terms) != len(s2.Terms) {
			t.Fatalf("%q: %d terms, canonical %q has %d", in, len(s.Terms), canon, len(s2.Terms))
		}
		for i := range s.Terms {
			if len(s.Terms[i]) != len(s2.Terms[i]) {
				t.Fatalf("%q: term %d differs from canonical %q", in, i, canon)
			}
			for j := range s.Terms[i] {
				a, b := s.Terms[i][j], s2.Terms[i][j]
				a.Text, a.Col = "", 0
				b.Text, b.Col = "", 0
				if a != b {
					t.Fatalf("%q: atom %+v, canonical %q gives %+v", in, a, canon, b)
				}
			}
		}
		if s2.String() != canon {
			t.Fatalf("%q: String not idempotent: %q then %q", in, canon, s2.String())
		}
	})
}
