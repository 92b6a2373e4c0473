package project

import (
	"fmt"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
	"gopkg.in/yaml.v3"
)

// ParseVars parses the values of repeated --vars flags. Each is either key=value, the value
// read as a YAML scalar (1 is a number, true a boolean, 2024-03-31 stays the string
// "2024-03-31", 'a b' a quoted string, an empty value the empty string), or a YAML mapping
// such as '{data_tom: 2024-03-31, x: 1}' (braces optional). Later flags win. Values are
// string, int, float64, bool or nil, as project vars are.
func ParseVars(args []string) (map[string]any, error) {
	out := map[string]any{}
	for _, arg := range args {
		s := strings.TrimSpace(arg)
		if s == "" {
			continue
		}
		if key, val, ok := strings.Cut(s, "="); ok && !strings.HasPrefix(s, "{") && checkVarName(strings.TrimSpace(key)) == "" {
			v, err := parseVarValue(strings.TrimSpace(val))
			if err != nil {
				return nil, fmt.Errorf("%q: %w", arg, err)
			}
			out[strings.TrimSpace(key)] = v
			continue
		}
		if err := parseVarMapping(s, out); err != nil {
			return nil, fmt.Errorf("%q: %w", arg, err)
		}
	}
	return out, nil
}

func parseVarValue(s string) (any, error) {
	if s == "" {
		return "", nil
	}
	if s[0] == '[' || s[0] == '{' {
		return nil, fmt.Errorf("a variable is one value (string, number, boolean or null), not a list or mapping")
	}
	n, err := parseScalarNode(s)
	if err != nil || n == nil {
		// Not valid YAML on its own (say "a: b"): the text is meant literally.
		return s, nil
	}
	return scalar(n)
}

func parseScalarNode(s string) (n *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, err = nil, fmt.Errorf("%v", r)
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(s), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.ScalarNode {
		return nil, nil
	}
	return doc.Content[0], nil
}

func parseVarMapping(s string, out map[string]any) error {
	d := newDec("--vars")
	root := d.parseYAML([]byte(s))
	if d.diags.HasErrors() {
		return fmt.Errorf("%s", d.diags[0].Msg)
	}
	if root == nil || root.Kind != yaml.MappingNode {
		return fmt.Errorf("expected key=value or a mapping such as '{data_tom: 2024-03-31}'")
	}
	d.mapping(root, "--vars", nil, func(key string, k, v *yaml.Node) {
		if why := checkVarName(key); why != "" {
			d.errorf(k, "", "invalid variable name %q: %s", key, why)
			return
		}
		if vn := d.deref(v); vn != nil && vn.Kind != yaml.ScalarNode {
			d.errorf(vn, "", "var %s: expected a string, number, boolean or null, got %s", key, describe(vn))
			return
		}
		if val, ok := d.value("var "+key, v); ok {
			out[key] = val
		}
	})
	if d.diags.HasErrors() {
		return fmt.Errorf("%s", d.diags[0].Msg)
	}
	return nil
}

// ResolveTarget chooses the target to build into: name (from --target), else the project's
// default_target, else "dev". A project without a dev target still has one: the embedded
// default. ${env:NAME} in the DSN is replaced by the variable's value; FLIS_DSN, when set,
// overrides the DSN of any target. An empty DSN means the embedded default cluster. env is
// os.Getenv in production and a map in tests.
func ResolveTarget(cfg *Config, name string, env func(string) string) (Target, error) {
	if env == nil {
		env = func(string) string { return "" }
	}
	explicit := name != ""
	if name == "" && cfg != nil {
		name = cfg.DefaultTarget
	}
	if name == "" {
		name = DefaultTarget
	}
	var targets map[string]Target
	if cfg != nil {
		targets = cfg.Targets
	}
	t, ok := targets[name]
	if !ok {
		if name != DefaultTarget || (explicit && len(targets) > 0) {
			names := sortedKeys(targets)
			hint := didYouMeanOr(name, names, "")
			if hint == "" && len(names) > 0 {
				hint = "targets: " + strings.Join(names, ", ")
			} else if hint == "" {
				hint = "declare it under targets: in flis.yaml"
			}
			pos := diag.Pos{File: ConfigFile}
			if cfg != nil && cfg.Pos["targets"].Line != 0 {
				pos = cfg.Pos["targets"]
			}
			return Target{}, diag.Errorf(pos, "unknown target %q", name).WithHint("%s", hint)
		}
		t = Target{Name: DefaultTarget}
	}
	t.Name = name
	if dsn := env("FLIS_DSN"); dsn != "" {
		t.DSN = dsn
		return t, nil
	}
	dsn, err := expandEnv(t.DSN, env)
	if err != nil {
		return Target{}, diag.Errorf(t.Pos, "target %s: %v", name, err).
			WithHint("set the variable, or FLIS_DSN to override the target's connection")
	}
	t.DSN = dsn
	return t, nil
}

// expandEnv replaces ${env:NAME} with the variable's value; an unset or empty variable is an
// error (connecting somewhere else than meant is worse than not connecting). Other ${...}
// forms are errors too, so a typo is not sent to the server as part of a DSN.
func expandEnv(s string, env func(string) string) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("unclosed ${ in dsn")
		}
		ref := s[i+2 : i+j]
		name, ok := strings.CutPrefix(ref, "env:")
		if !ok {
			return "", fmt.Errorf("dsn: ${%s} is not supported; write ${env:NAME}", ref)
		}
		val := env(name)
		if val == "" {
			return "", fmt.Errorf("dsn uses ${env:%s}, but %s is not set", name, name)
		}
		b.WriteString(s[:i])
		b.WriteString(val)
		s = s[i+j+1:]
	}
}
