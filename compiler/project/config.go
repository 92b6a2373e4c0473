package project

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
	"gopkg.in/yaml.v3"
)

// ConfigFile is the name of the project file at the root.
const ConfigFile = "flis.yaml"

var (
	configKeys = []string{"name", "version", "paths", "vars", "targets", "default_target",
		"secrets", "on_run_start", "sample_data", "models", "seeds"}
	pathKeys       = []string{"models", "seeds", "tests"}
	targetKeys     = []string{"dsn", "schema_suffix", "threads"}
	secretKeys     = []string{"env", "embedded"}
	sampleDataKeys = []string{"generator", "citizens"}
)

// folderTree is the `models:` or `seeds:` tree of flis.yaml: the config set at one folder
// and its sub-folders. Folders are checked against the disk once the tree is walked.
type folderTree struct {
	model    *modelLayer // for models:
	seed     *seedLayer  // for seeds:
	children map[string]*folderTree
	keys     map[string]*yaml.Node // folder name → its key, for "no such folder"
}

// decodeConfig decodes flis.yaml. The folder trees come back separately: they are resolved
// into every model and seed and are not part of Config.
func decodeConfig(d *dec, root *yaml.Node) (*Config, *folderTree, *folderTree) {
	cfg := &Config{Paths: Paths{Models: "models", Seeds: "seeds", Tests: "tests"},
		Pos: map[string]diag.Pos{}}
	models, seeds := &folderTree{model: &modelLayer{}}, &folderTree{seed: &seedLayer{}}
	if root == nil {
		d.errorf(nil, "write at least `name: <project>`", "%s is empty", d.file)
		return cfg, models, seeds
	}
	var nameNode *yaml.Node
	pathPos := map[string]diag.Pos{}
	d.mapping(root, d.file, configKeys, func(key string, k, v *yaml.Node) {
		cfg.Pos[key] = d.pos(k)
		switch key {
		case "name":
			nameNode = k
			cfg.Name, _ = d.name(key, v)
		case "version":
			cfg.Version, _ = d.str(key, v)
		case "paths":
			d.decodePaths(v, &cfg.Paths, pathPos)
		case "vars":
			cfg.Vars = d.decodeVars(v)
		case "targets":
			cfg.Targets = d.decodeTargets(v)
		case "default_target":
			cfg.DefaultTarget, _ = d.name(key, v)
		case "secrets":
			cfg.Secrets = d.decodeSecrets(v)
		case "on_run_start":
			cfg.OnRunStart, _, _ = d.strOrList(key, v)
		case "sample_data":
			cfg.SampleData = d.decodeSampleData(v)
		case "models":
			d.decodeTree(v, "models", models)
		case "seeds":
			d.decodeTree(v, "seeds", seeds)
		}
	})
	for k, p := range pathPos {
		cfg.Pos["paths."+k] = p
	}
	if nameNode == nil && root.Kind == yaml.MappingNode {
		d.errorf(root, "add `name: <project>` at the top", "%s has no name", d.file)
	}
	if cfg.DefaultTarget != "" && cfg.Targets[cfg.DefaultTarget].Name == "" &&
		!(cfg.DefaultTarget == DefaultTarget && len(cfg.Targets) == 0) {
		names := sortedKeys(cfg.Targets)
		d.add(diag.Errorf(cfg.Pos["default_target"], "default_target %q names no target", cfg.DefaultTarget).
			WithHint("%s", didYouMeanOr(cfg.DefaultTarget, names, "targets: "+strings.Join(names, ", "))))
	}
	return cfg, models, seeds
}

func (d *dec) decodePaths(n *yaml.Node, p *Paths, pos map[string]diag.Pos) {
	d.mapping(n, "paths", pathKeys, func(key string, k, v *yaml.Node) {
		s, ok := d.name("paths."+key, v)
		if !ok {
			return
		}
		clean := path.Clean(strings.ReplaceAll(s, "\\", "/"))
		if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || clean == "." {
			d.errorf(v, "give a folder inside the project, e.g. "+key, "paths.%s: %q is not a folder inside the project", key, s)
			return
		}
		pos[key] = d.pos(d.deref(v))
		switch key {
		case "models":
			p.Models = clean
		case "seeds":
			p.Seeds = clean
		case "tests":
			p.Tests = clean
		}
	})
}

func (d *dec) decodeVars(n *yaml.Node) map[string]Var {
	vars := map[string]Var{}
	d.mapping(n, "vars", nil, func(key string, k, v *yaml.Node) {
		if why := checkVarName(key); why != "" {
			d.errorf(k, "variable names are letters, digits and _, used as ${name} in SQL", "invalid variable name %q: %s", key, why)
			return
		}
		vn := d.deref(v)
		if vn != nil && vn.Kind != yaml.ScalarNode {
			d.errorf(vn, "a variable becomes one SQL literal: a string, number, boolean or null",
				"var %s: expected a string, number, boolean or null, got %s", key, describe(vn))
			return
		}
		val, ok := d.value("var "+key, vn)
		if ok {
			vars[key] = Var{Value: val, Pos: d.pos(k)}
		}
	})
	return vars
}

func (d *dec) decodeTargets(n *yaml.Node) map[string]Target {
	targets := map[string]Target{}
	d.mapping(n, "targets", nil, func(name string, k, v *yaml.Node) {
		t := Target{Name: name, Pos: d.pos(k)}
		what := "target " + name
		d.mapping(v, what, targetKeys, func(key string, _, v *yaml.Node) {
			switch key {
			case "dsn":
				t.DSN, _ = d.str(what+" dsn", v)
			case "schema_suffix":
				s, ok := d.str(what+" schema_suffix", v)
				if ok && s != "" {
					if why := checkSuffix(s); why != "" {
						d.errorf(v, `use lower-case letters, digits and _, e.g. "_ci"`, "%s: invalid schema_suffix %q: %s", what, s, why)
					}
				}
				t.SchemaSuffix = s
			case "threads":
				if i, ok := d.integer(what+" threads", v); ok {
					if i < 1 {
						d.errorf(d.deref(v), "", "%s: threads must be at least 1", what)
					}
					t.Threads = i
				}
			}
		})
		targets[name] = t
	})
	return targets
}

// checkSuffix says why a schema suffix would make schema names that need quoting.
func checkSuffix(s string) string {
	if len(s) > maxIdentBytes-1 {
		return "it is too long"
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return fmt.Sprintf("it contains %q", r)
		}
	}
	return ""
}

func (d *dec) decodeSecrets(n *yaml.Node) map[string]Secret {
	secrets := map[string]Secret{}
	d.mapping(n, "secrets", nil, func(name string, k, v *yaml.Node) {
		if why := checkVarName(name); why != "" || strings.ToLower(name) != name {
			if why == "" {
				why = "setting names are lower case"
			}
			d.errorf(k, "secrets are read as current_setting('flis.<name>'); use lower-case letters, digits and _",
				"invalid secret name %q: %s", name, why)
		}
		s := Secret{Pos: d.pos(k)}
		what := "secret " + name
		d.mapping(v, what, secretKeys, func(key string, _, v *yaml.Node) {
			switch key {
			case "env":
				if s.Env, _ = d.name(what+" env", v); s.Env != "" && checkVarName(s.Env) != "" {
					d.errorf(d.deref(v), "", "%s: %q is not an environment variable name", what, s.Env)
				}
			case "embedded":
				if s.Embedded, _ = d.str(what+" embedded", v); s.Embedded != "" && s.Embedded != "generate" {
					d.errorf(d.deref(v), `the only value is "generate": a random value kept in .flis/secrets/`,
						"%s: unknown embedded value %q", what, s.Embedded)
				}
			}
		})
		if s.Env == "" && s.Embedded == "" {
			d.errorf(k, "add env: NAME_OF_ENV_VAR, or embedded: generate", "secret %s has no source", name)
		}
		secrets[name] = s
	})
	return secrets
}

func (d *dec) decodeSampleData(n *yaml.Node) *SampleData {
	sd := &SampleData{}
	d.mapping(n, "sample_data", sampleDataKeys, func(key string, _, v *yaml.Node) {
		switch key {
		case "generator":
			sd.Generator, _ = d.name("sample_data generator", v)
		case "citizens":
			if i, ok := d.integer("sample_data citizens", v); ok {
				if i < 1 {
					d.errorf(d.deref(v), "", "sample_data citizens must be at least 1")
				}
				sd.Citizens = i
			}
		}
	})
	return sd
}

// decodeTree decodes a models:/seeds: tree: "+key" entries are config for the folder,
// other keys are sub-folders.
func (d *dec) decodeTree(n *yaml.Node, folder string, t *folderTree) {
	d.mapping(n, folder, nil, func(key string, k, v *yaml.Node) {
		if cfgKey, ok := strings.CutPrefix(key, "+"); ok {
			if t.model != nil {
				d.modelConfigKey(cfgKey, k, v, t.model, treeModelKeys)
			} else {
				d.seedConfigKey(cfgKey, k, v, t.seed, treeSeedKeys)
			}
			return
		}
		if vn := d.deref(v); vn != nil && !isNull(vn) && vn.Kind != yaml.MappingNode {
			// A folder holds a mapping; a value here is a config key that lost its "+".
			hint := "config keys start with '+'; folders hold a mapping"
			if isConfigKeyName(key, t) {
				hint = fmt.Sprintf("config keys start with '+': did you mean \"+%s\"?", key)
			}
			d.errorf(k, hint, "%s: %q is neither a config key nor a folder", folder, key)
			return
		}
		if t.children == nil {
			t.children, t.keys = map[string]*folderTree{}, map[string]*yaml.Node{}
		}
		c := &folderTree{}
		if t.model != nil {
			c.model = &modelLayer{}
		} else {
			c.seed = &seedLayer{}
		}
		t.children[key], t.keys[key] = c, k
		d.decodeTree(v, folder+"/"+key, c)
	})
}

// checkFolders reports tree keys that name no folder on disk. dirs holds every folder under
// the tree's root, relative to it ("ky", "ky/sub").
func checkFolders(d *dec, t *folderTree, prefix, rootPath, projectName string, dirs map[string]bool, sibling func(string) []string) {
	for name, k := range t.keys {
		rel := name
		if prefix != "" {
			rel = prefix + "/" + name
		}
		if dirs[rel] {
			checkFolders(d, t.children[name], rel, rootPath, projectName, dirs, sibling)
			continue
		}
		var hint string
		switch {
		case isConfigKeyName(name, t):
			hint = fmt.Sprintf("config keys start with '+': did you mean \"+%s\"?", name)
		case name == projectName && prefix == "":
			hint = "folder keys are relative to " + rootPath + "/; do not nest them under the project name"
		default:
			hint = didYouMeanOr(name, sibling(prefix), "create the folder, or remove this key")
		}
		d.add(diag.Errorf(d.pos(k), "no folder %s/%s for this config", rootPath, rel).WithHint("%s", hint))
	}
}

func isConfigKeyName(name string, t *folderTree) bool {
	if t.model != nil {
		return contains(modelConfigKeys, name)
	}
	return contains(seedConfigKeys, name)
}

// didYouMeanOr is diag.DidYouMean, or otherwise when nothing is close.
func didYouMeanOr(name string, candidates []string, otherwise string) string {
	if h := diag.DidYouMean(name, candidates); h != "" {
		return h
	}
	return otherwise
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
