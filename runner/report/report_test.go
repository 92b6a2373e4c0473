package report

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flis-dk/flis/runner"
)

var ts = time.Date(2024, 3, 31, 12, 0, 0, 0, time.UTC)

func finish(index, total int, kind, what, rel string, st runner.Status, rows, failures int64, secs float64, msg string) runner.Event {
	return runner.Event{Type: "node_finish", Time: ts, Index: index, Total: total, ID: kind + "." + rel,
		Kind: kind, What: what, Relation: rel, Status: st, Rows: rows, Failures: failures, Seconds: secs, Message: msg}
}

func render(o Options, events ...runner.Event) string {
	var b bytes.Buffer
	p := New(&b, o)
	for _, e := range events {
		p.Event(e)
	}
	return b.String()
}

func scoped(e runner.Event) runner.Event {
	e.Scope = runner.ScopeChange
	return e
}

func shared(e runner.Event, n int) runner.Event {
	e.SharedScan = n
	return e
}

func TestLine(t *testing.T) {
	tests := []struct {
		name string
		e    runner.Event
		want string
	}{
		{"table with rows",
			finish(12, 40, "model", "table", "dm.fact_ky_sager", runner.StatusOK, 18231, 0, 0.42, ""),
			"12 of 40 OK    table             dm.fact_ky_sager .............................. [18,231 rows in 0.42s]"},
		{"index padded to the width of the total",
			finish(3, 40, "model", "view", "stg.ky_sag", runner.StatusOK, -1, 0, 0.01, ""),
			" 3 of 40 OK    view              stg.ky_sag .................................... [in 0.01s]"},
		{"a view reports no rows even when the driver counted some",
			finish(1, 1, "model", "view", "stg.v", runner.StatusOK, 0, 0, 0.05, ""),
			"1 of 1 OK    view              stg.v ........................................... [in 0.05s]"},
		{"incremental with zero new rows",
			finish(7, 9, "model", "incremental merge", "dm.inc", runner.StatusOK, 0, 0, 1.5, ""),
			"7 of 9 OK    incremental merge dm.inc .......................................... [0 rows in 1.50s]"},
		{"passing test",
			finish(2, 9, "test", "test not_null", "not_null_fact_id", runner.StatusPass, 0, 0, 0.02, ""),
			"2 of 9 PASS  test not_null     not_null_fact_id ................................ [PASS in 0.02s]"},
		{"a test the catalog proves says how",
			finish(2, 9, "test", "test unique", "unique_u", runner.StatusPass, 0, 0, 0.01, "proven by primary key u_pkey (id)"),
			"2 of 9 PASS  test unique       unique_u ........................................ [PASS, proven by primary key u_pkey (id), in 0.01s]"},
		{"a test counted in a shared scan says with how many",
			shared(finish(2, 9, "test", "test not_null", "not_null_f_a", runner.StatusPass, 0, 0, 1.25, ""), 6),
			"2 of 9 PASS  test not_null     not_null_f_a .................................... [PASS, scan shared by 6 tests, in 1.25s]"},
		{"a test of an incremental change in a shared scan says both",
			shared(scoped(finish(2, 9, "test", "test not_null", "not_null_f_a", runner.StatusPass, 0, 0, 0.5, "")), 3),
			"2 of 9 PASS  test not_null     not_null_f_a .................................... [PASS on changed rows, scan shared by 3 tests, in 0.50s]"},
		{"a test of an incremental change says so",
			scoped(finish(2, 9, "test", "test unique", "unique_fact_id", runner.StatusPass, 0, 0, 0.02, "")),
			"2 of 9 PASS  test unique       unique_fact_id .................................. [PASS on changed rows in 0.02s]"},
		{"and counts changed rows when they fail",
			scoped(finish(2, 9, "test", "test unique", "unique_fact_id", runner.StatusFail, 0, 7, 0.02, "x")),
			"2 of 9 FAIL  test unique       unique_fact_id .................................. [7 changed rows failing in 0.02s]"},
		{"failing test counts its rows",
			finish(2, 9, "test", "test unique", "unique_fact_id", runner.StatusFail, 0, 1234, 0.02, "x"),
			"2 of 9 FAIL  test unique       unique_fact_id .................................. [1,234 rows failing in 0.02s]"},
		{"warning test",
			finish(2, 9, "test", "test accepted_values", "av", runner.StatusWarn, 0, 3, 0.02, "x"),
			"2 of 9 WARN  test accepted_values av ........................................... [3 rows failing in 0.02s]"},
		{"error",
			finish(5, 9, "model", "table", "dm.bad", runner.StatusError, -1, 0, 0.3, "boom"),
			"5 of 9 ERROR table             dm.bad .......................................... [ERROR in 0.30s]"},
		{"skip says why",
			finish(6, 9, "model", "view", "dm.after", runner.StatusSkip, 0, 0, 0, "upstream model.bad ERROR"),
			"6 of 9 SKIP  view              dm.after ........................................ [SKIP: upstream model.bad ERROR]"},
		{"a long name keeps three dots",
			finish(1, 1, "model", "table", "dm."+strings.Repeat("x", 80), runner.StatusOK, 1, 0, 0.1, ""),
			"1 of 1 OK    table             dm." + strings.Repeat("x", 80) + " ... [1 rows in 0.10s]"},
		{"no relation: the ID",
			runner.Event{Type: "node_finish", Index: 1, Total: 1, ID: "seed.k", Kind: "seed", What: "seed", Status: runner.StatusOK, Rows: 2, Seconds: 0.1},
			"1 of 1 OK    seed              seed.k .......................................... [2 rows in 0.10s]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSuffix(render(Options{}, tt.e), "\n")
			if got != tt.want {
				t.Errorf("\ngot  %q\nwant %q", got, tt.want)
			}
			// Details line up in one column, whatever the name, unless the name is too long.
			if at := strings.Index(got, " ["); len(tt.e.Relation) < 40 && at != 80 {
				t.Errorf("detail starts at column %d, want 80: %q", at, got)
			}
		})
	}
}

func TestStartLinesAndColourOnlyOnATerminal(t *testing.T) {
	start := runner.Event{Type: "node_start", Index: 1, Total: 2, ID: "model.a", Kind: "model", What: "table", Relation: "dm.a"}
	ok := finish(1, 2, "model", "table", "dm.a", runner.StatusOK, 5, 0, 0.1, "")
	bad := finish(2, 2, "model", "table", "dm.b", runner.StatusError, -1, 0, 0.1, "boom")
	tests := []struct {
		name       string
		o          Options
		wantStart  bool
		wantColour bool
	}{
		{"pipe", Options{}, false, false},
		{"terminal", Options{Terminal: true}, true, true},
		{"terminal with NO_COLOR", Options{Terminal: true, NoColor: true}, true, false},
		{"NoColor off a terminal", Options{NoColor: true}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(tt.o, start, ok, bad, runner.Event{Type: "run_finish", Summary: &runner.Summary{OK: 1, Error: 1}})
			if got := strings.Contains(out, "START"); got != tt.wantStart {
				t.Errorf("START line printed: %v, want %v\n%s", got, tt.wantStart, out)
			}
			if got := strings.Contains(out, "\x1b["); got != tt.wantColour {
				t.Errorf("colour codes: %v, want %v\n%q", got, tt.wantColour, out)
			}
			if tt.wantColour {
				for _, want := range []string{"\x1b[32m1 of 2 OK ", "\x1b[31m2 of 2 ERROR ", "\x1b[0m"} {
					if !strings.Contains(out, want) {
						t.Errorf("missing %q in %q", want, out)
					}
				}
			}
			if tt.wantStart && !strings.Contains(out, "1 of 2 START table             dm.a\n") {
				t.Errorf("START line malformed (no dots, no detail, no trailing space):\n%q", out)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name string
		s    runner.Summary
		want string
	}{
		{"success", runner.Summary{OK: 3, Pass: 4, Seconds: 1.234},
			"\nCompleted successfully in 1.23s: OK=3 PASS=4 WARN=0 ERROR=0 FAIL=0 SKIP=0 TOTAL=7\n"},
		{"warnings", runner.Summary{OK: 1, Warn: 2},
			"\nCompleted with warnings in 0.00s: OK=1 PASS=0 WARN=2 ERROR=0 FAIL=0 SKIP=0 TOTAL=3\n"},
		{"errors", runner.Summary{OK: 1, Error: 1, Skip: 2, Warn: 1},
			"\nCompleted with errors in 0.00s: OK=1 PASS=0 WARN=1 ERROR=1 FAIL=0 SKIP=2 TOTAL=5\n"},
		{"failed test", runner.Summary{Fail: 1},
			"\nCompleted with errors in 0.00s: OK=0 PASS=0 WARN=0 ERROR=0 FAIL=1 SKIP=0 TOTAL=1\n"},
		{"interrupted wins", runner.Summary{OK: 1, Error: 1, Skip: 5, Interrupted: true},
			"\nInterrupted in 0.00s: OK=1 PASS=0 WARN=0 ERROR=1 FAIL=0 SKIP=5 TOTAL=7\n"},
		{"stored failures", runner.Summary{Fail: 1, StoredFailures: "flis_audit"},
			"\nCompleted with errors in 0.00s: OK=0 PASS=0 WARN=0 ERROR=0 FAIL=1 SKIP=0 TOTAL=1\nFailing rows stored in schema flis_audit\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s
			got := render(Options{}, runner.Event{Type: "run_finish", Summary: &s})
			if got != tt.want {
				t.Errorf("\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSummaryRepeatsFailuresWithTheirMessages(t *testing.T) {
	out := render(Options{},
		finish(1, 3, "model", "table", "dm.bad", runner.StatusError, -1, 0, 0.1,
			"models/ky/bad.sql:3:8: column \"nope\" does not exist (SQLSTATE 42703)\n  nope AS x\n  ^"),
		finish(2, 3, "test", "test unique", "unique_a", runner.StatusWarn, 0, 2, 0.1, "2 failing rows"),
		finish(3, 3, "model", "view", "dm.after", runner.StatusSkip, 0, 0, 0, "upstream model.bad ERROR"),
		runner.Event{Type: "run_finish", Summary: &runner.Summary{Error: 1, Warn: 1, Skip: 1}})
	want := `
ERROR model.dm.bad
  models/ky/bad.sql:3:8: column "nope" does not exist (SQLSTATE 42703)
    nope AS x
    ^
WARN test.unique_a
  2 failing rows

Completed with errors`
	if !strings.Contains(out, want) {
		t.Errorf("summary block:\n%s\nwant it to contain:\n%s", out, want)
	}
	if strings.Contains(out, "SKIP model.dm.after") {
		t.Errorf("skipped nodes are not repeated in the summary:\n%s", out)
	}
}

func TestMessagesOfWaitingAndRunStart(t *testing.T) {
	out := render(Options{},
		runner.Event{Type: "waiting", Message: "Waiting for another flis run on target dev to finish..."},
		runner.Event{Type: "run_start", Message: "Running build on target dev"},
		runner.Event{Type: "run_start"})
	want := "Waiting for another flis run on target dev to finish...\nRunning build on target dev\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestJSON(t *testing.T) {
	events := []runner.Event{
		{Type: "run_start", Time: ts, Message: "Running build"},
		{Type: "node_start", Time: ts, Index: 1, Total: 2, ID: "model.a", Kind: "model", What: "table", Relation: "dm.a"},
		finish(1, 2, "model", "table", "dm.a", runner.StatusOK, 18231, 0, 0.42, ""),
		{Type: "node_finish", Time: ts, Index: 2, Total: 2, ID: "test.u", Kind: "test", What: "test unique",
			Relation: "u", Status: runner.StatusFail, Failures: 3, Message: "3 failing rows", Audit: true},
		{Type: "run_finish", Time: ts, Summary: &runner.Summary{OK: 1, Fail: 1, Seconds: 0.5}},
	}
	// JSON output is for programs: no colour and no layout, even on a terminal.
	out := render(Options{JSON: true, Terminal: true}, events...)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(events) {
		t.Fatalf("%d lines for %d events:\n%s", len(lines), len(events), out)
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("colour in JSON output: %q", out)
	}
	for i, l := range lines {
		var got runner.Event
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("line %d is not one event: %v\n%s", i+1, err, l)
		}
		if got.Type != events[i].Type || got.ID != events[i].ID || got.Status != events[i].Status ||
			got.Rows != events[i].Rows || got.Failures != events[i].Failures || !got.Time.Equal(events[i].Time) {
			t.Errorf("line %d round-trips to %+v, want %+v", i+1, got, events[i])
		}
	}
	// The field names are an interface for programs (dbt's where they exist): pin them.
	want := `{"event":"node_finish","ts":"2024-03-31T12:00:00Z","index":1,"total":2,"unique_id":"model.dm.a",` +
		`"resource_type":"model","materialization":"table","relation":"dm.a","status":"OK","rows":18231,"execution_time":0.42}`
	if lines[2] != want {
		t.Errorf("node_finish JSON:\ngot  %s\nwant %s", lines[2], want)
	}
	var last map[string]any
	json.Unmarshal([]byte(lines[4]), &last)
	sum, _ := last["summary"].(map[string]any)
	if sum["OK"] != 1.0 || sum["Fail"] != 1.0 {
		t.Errorf("run_finish summary: %v", last)
	}
	if !strings.Contains(lines[3], `"audit":true`) {
		t.Errorf("audit flag missing: %s", lines[3])
	}
}

func TestConcurrentEventsDoNotInterleave(t *testing.T) {
	var b bytes.Buffer
	p := New(&b, Options{})
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.Event(finish(i+1, 50, "model", "view", "stg.v", runner.StatusOK, -1, 0, 0.01, ""))
		}()
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 50 {
		t.Fatalf("%d lines, want 50", len(lines))
	}
	for _, l := range lines {
		if !strings.HasSuffix(l, "[in 0.01s]") || strings.Count(l, " of 50 ") != 1 {
			t.Errorf("garbled line %q", l)
		}
	}
}

func TestThousands(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {18231, "18,231"}, {100000, "100,000"},
		{1234567, "1,234,567"}, {-1, "-1"}, {-1000, "-1,000"}, {-123456, "-123,456"},
		{9223372036854775807, "9,223,372,036,854,775,807"},
	}
	for _, tt := range tests {
		if got := Thousands(tt.n); got != tt.want {
			t.Errorf("Thousands(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func FuzzThousands(f *testing.F) {
	for _, n := range []int64{0, 1, 999, 1000, -1000, 1 << 62} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		got := Thousands(n)
		digits := strings.ReplaceAll(strings.TrimPrefix(got, "-"), ",", "")
		if want := strings.TrimPrefix(strconv.FormatInt(n, 10), "-"); digits != want || strings.HasPrefix(got, "-") != (n < 0) {
			t.Fatalf("Thousands(%d) = %q loses digits", n, got)
		}
		groups := strings.Split(strings.TrimPrefix(got, "-"), ",")
		for i, g := range groups {
			if len(g) == 0 || len(g) > 3 || (i > 0 && len(g) != 3) {
				t.Fatalf("Thousands(%d) = %q: bad group %q", n, got, g)
			}
		}
	})
}
