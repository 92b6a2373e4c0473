package project

import (
	"path"
	"sort"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
)

// assemble pairs files with their sidecars, resolves configuration and runs the checks that
// span files. It runs on one goroutine, over the files in path order.
func (l *loader) assemble() *Project {
	sortFiles(l.files)
	p := &Project{Root: l.root, Config: l.cfg, Files: map[string]string{},
		Models: []*Model{}, Seeds: []*Seed{}, Sources: []*SourceTable{}, Tests: []*SingularTest{}}
	p.Files[ConfigFile] = l.configHash
	byPath := map[string]*file{}
	for _, f := range l.files {
		byPath[f.path] = f
		if f.hash != "" {
			p.Files[f.path] = f.hash
		}
	}
	sidecar := func(f *file, ext string) *file {
		return byPath[strings.TrimSuffix(f.path, path.Ext(f.path))+ext]
	}
	for _, f := range l.files {
		switch f.kind {
		case kindModelSQL:
			p.Models = append(p.Models, l.model(f, sidecar(f, ".yml")))
		case kindSeedCSV:
			if s := l.seed(f, sidecar(f, ".yml")); s != nil {
				p.Seeds = append(p.Seeds, s)
			}
		case kindTestSQL:
			p.Tests = append(p.Tests, l.singular(f, sidecar(f, ".yml")))
		case kindSources:
			p.Sources = append(p.Sources, f.sources...)
		case kindModelYAML, kindSeedYAML, kindTestYAML:
			if f.model != nil && f.model.declaresSources {
				break
			}
			if sidecar(f, map[fileKind]string{kindModelYAML: ".sql", kindSeedYAML: ".csv", kindTestYAML: ".sql"}[f.kind]) == nil {
				l.orphan(f)
			}
		}
	}
	l.checkNames(p)
	l.checkTree()
	l.checkSuffixes(p)
	l.checkAllTestNames(p)
	return p
}

func (l *loader) orphan(f *file) {
	base := strings.TrimSuffix(path.Base(f.path), ".yml")
	pos := diag.Pos{File: f.path}
	switch f.kind {
	case kindModelYAML:
		l.diags.Add(diag.Errorf(pos, "model without SQL: there is no %s.sql next to this file", base).
			WithHint("create %s.sql, or rename the file to _%s.yml if it declares sources", base, base))
	case kindSeedYAML:
		l.diags.Add(diag.Errorf(pos, "seed config without data: there is no %s.csv next to this file", base).
			WithHint("create %s.csv, or remove the file", base))
	case kindTestYAML:
		l.diags.Add(diag.Errorf(pos, "test config without SQL: there is no %s.sql next to this file", base).
			WithHint("create %s.sql, or remove the file", base))
	}
}

// folderOf is the folder of p relative to the tree root ("" at the top).
func folderOf(p, root string) string {
	dir := path.Dir(p)
	if dir == root {
		return ""
	}
	return strings.TrimPrefix(dir, root+"/")
}

// treeLayers returns the tree's layers for a folder, the root first and the deepest last.
func treeLayers[L any](t *folderTree, folder string, pick func(*folderTree) *L) []*L {
	out := []*L{pick(t)}
	if folder == "" {
		return out
	}
	for _, seg := range strings.Split(folder, "/") {
		if t = t.children[seg]; t == nil {
			break
		}
		out = append(out, pick(t))
	}
	return out
}

func (l *loader) model(f *file, yml *file) *Model {
	name := strings.TrimSuffix(path.Base(f.path), ".sql")
	m := &Model{Name: name, Area: l.area(f.path), Path: f.path, SQL: f.text, Hash: f.hash,
		Pos: diag.Pos{File: f.path}}
	if why := checkIdent(name); why != "" {
		l.diags.Add(diag.Errorf(m.Pos, "invalid model name %q: %s", name, why).
			WithHint("a model is named by its file; rename it to a lower-case name of letters, digits and _"))
	}
	layers := treeLayers(l.modelTree, folderOf(f.path, l.cfg.Paths.Models), func(t *folderTree) *modelLayer { return t.model })
	if yml != nil && yml.model != nil {
		m.YAMLPath = yml.path
		s := yml.model
		m.Description, m.Columns, m.Tests, m.DependsOn = s.description, s.columns, s.tests, s.dependsOn
		layers = append(layers, s.layer)
	}
	m.Config = resolveModelConfig(layers)
	ds := checkModelConfig(m)
	if yml != nil && yml.diags.HasErrors() {
		// A mistyped materialized falls back to the default; warnings reasoning from that
		// fallback ("unique_key has no effect on a view") would only confuse.
		ds = ds.Errors()
	}
	l.diags.Append(ds)
	return m
}

func (l *loader) seed(f *file, yml *file) *Seed {
	name := strings.TrimSuffix(path.Base(f.path), ".csv")
	s := &Seed{Name: name, Path: f.path, Hash: f.hash, Pos: diag.Pos{File: f.path}}
	if why := checkIdent(name); why != "" {
		l.diags.Add(diag.Errorf(s.Pos, "invalid seed name %q: %s", name, why).
			WithHint("a seed is named by its file; rename it to a lower-case name of letters, digits and _"))
	}
	layers := treeLayers(l.seedTree, folderOf(f.path, l.cfg.Paths.Seeds), func(t *folderTree) *seedLayer { return t.seed })
	if yml != nil && yml.seed != nil {
		s.YAMLPath = yml.path
		s.Description, s.Columns, s.Tests = yml.seed.description, yml.seed.columns, yml.seed.tests
		layers = append(layers, yml.seed.layer)
	}
	var types map[string]string
	s.Config, types = resolveSeedConfig(layers)
	header, ds := parseHeader(f.path, f.head, []rune(s.Config.Delimiter)[0], s.Config.QuoteColumns)
	f.head = nil
	l.diags.Append(ds)
	s.Header = header
	if len(types) > 0 || len(s.Columns) > 0 {
		s.ColumnTypes = map[string]string{}
	}
	for k, v := range types {
		s.ColumnTypes[k] = v
	}
	for _, c := range s.Columns {
		if c.Type != "" {
			s.ColumnTypes[c.Name] = c.Type
		}
	}
	if len(s.ColumnTypes) == 0 {
		s.ColumnTypes = nil
	}
	// A typed or documented column the CSV does not have is a typo waiting to become NULLs.
	if header != nil {
		have := map[string]bool{}
		for _, h := range header {
			have[h] = true
		}
		for _, c := range s.Columns {
			if !have[c.Name] {
				l.diags.Add(diag.Errorf(c.Pos, "seed %s has no column %q", name, c.Name).
					WithHint("%s", didYouMeanOr(c.Name, header, "the header has: "+strings.Join(header, ", "))))
			}
		}
		for _, col := range sortedKeys(types) {
			if !have[col] {
				l.diags.Add(diag.Errorf(s.Config.Pos["column_types"], "column_types: seed %s has no column %q", name, col).
					WithHint("%s", didYouMeanOr(col, header, "the header has: "+strings.Join(header, ", "))))
			}
		}
	}
	return s
}

func (l *loader) singular(f *file, yml *file) *SingularTest {
	t := &SingularTest{Name: strings.TrimSuffix(path.Base(f.path), ".sql"), Path: f.path, SQL: f.text,
		Hash: f.hash, Severity: DefaultSeverity, Pos: diag.Pos{File: f.path}}
	if yml != nil && yml.test != nil {
		t.YAMLPath = yml.path
		if yml.test.severity != "" {
			t.Severity = yml.test.severity
		}
		t.Tags = yml.test.tags
	}
	return t
}

// checkNames reports names used twice: two models, a model and a seed, two seeds, two
// declarations of one source table. One diagnostic per clash, at the later file, naming the
// earlier one.
func (l *loader) checkNames(p *Project) {
	models := map[string]*Model{}
	for _, m := range p.Models {
		if prev, dup := models[m.Name]; dup {
			l.diags.Add(diag.Errorf(m.Pos, "two models are named %q", m.Name).
				WithHint("the other is %s; model names are unique across folders", prev.Path))
			continue
		}
		models[m.Name] = m
	}
	seeds := map[string]*Seed{}
	for _, s := range p.Seeds {
		if prev, dup := seeds[s.Name]; dup {
			l.diags.Add(diag.Errorf(s.Pos, "two seeds are named %q", s.Name).
				WithHint("the other is %s; seed names are unique across folders", prev.Path))
			continue
		}
		seeds[s.Name] = s
		if m, clash := models[s.Name]; clash {
			l.diags.Add(diag.Errorf(m.Pos, "model %q has the same name as the seed %s", m.Name, s.Path).
				WithHint("rename one of them: names are unique across models and seeds"))
		}
	}
	tables := map[string]*SourceTable{}
	for _, t := range p.Sources {
		key := t.Source + "." + t.Name
		if prev, dup := tables[key]; dup {
			l.diags.Add(diag.Errorf(t.Pos, "source table %s is declared twice", key).
				WithHint("the other is at %s", prev.Pos))
			continue
		}
		tables[key] = t
	}
	tests := map[string]*SingularTest{}
	for _, t := range p.Tests {
		if prev, dup := tests[t.Name]; dup {
			l.diags.Add(diag.Errorf(t.Pos, "two tests are named %q", t.Name).
				WithHint("the other is %s", prev.Path))
			continue
		}
		tests[t.Name] = t
	}
}

// checkTree reports folder keys of the models:/seeds: trees that name no folder.
func (l *loader) checkTree() {
	d := newDec(ConfigFile)
	for _, tr := range []struct {
		t    *folderTree
		root string
	}{{l.modelTree, l.cfg.Paths.Models}, {l.seedTree, l.cfg.Paths.Seeds}} {
		dirs := l.dirs[tr.root]
		siblings := func(prefix string) []string {
			var out []string
			for dir := range dirs {
				if path.Dir(dir) == prefix || (prefix == "" && !strings.Contains(dir, "/")) {
					out = append(out, path.Base(dir))
				}
			}
			sort.Strings(out)
			return out
		}
		checkFolders(d, tr.t, "", tr.root, l.cfg.Name, dirs, siblings)
	}
	l.diags.Append(d.diags)
}

// checkSuffixes reports a target whose schema_suffix would push a schema name past
// PostgreSQL's 63 bytes (the server would truncate it, silently merging schemas).
func (l *loader) checkSuffixes(p *Project) {
	longest := ""
	for _, m := range p.Models {
		if len(m.Config.Schema) > len(longest) {
			longest = m.Config.Schema
		}
	}
	for _, s := range p.Seeds {
		if len(s.Config.Schema) > len(longest) {
			longest = s.Config.Schema
		}
	}
	for _, name := range sortedKeys(l.cfg.Targets) {
		t := l.cfg.Targets[name]
		if t.SchemaSuffix != "" && len(longest)+len(t.SchemaSuffix) > maxIdentBytes {
			l.diags.Add(diag.Errorf(t.Pos, "target %s: schema %s%s would be longer than %d bytes",
				name, longest, t.SchemaSuffix, maxIdentBytes).WithHint("use a shorter schema_suffix"))
		}
	}
}

// checkAllTestNames checks user-given test names in a fixed order: models, seeds, sources
// (each by path), node-level tests before column tests.
func (l *loader) checkAllTestNames(p *Project) {
	var tests []*TestSpec
	add := func(ts []*TestSpec, cols []*Column) {
		tests = append(tests, ts...)
		for _, c := range cols {
			tests = append(tests, c.Tests...)
		}
	}
	for _, m := range p.Models {
		add(m.Tests, m.Columns)
	}
	for _, s := range p.Seeds {
		add(s.Tests, s.Columns)
	}
	for _, s := range p.Sources {
		add(s.Tests, s.Columns)
	}
	singular := map[string]diag.Pos{}
	for _, t := range p.Tests {
		singular[t.Name] = t.Pos
	}
	l.diags.Append(checkTestNames(tests, singular))
}
