package runner

import "time"

// Status is a node's outcome, as dbt users know them.
type Status string

const (
	StatusOK    Status = "OK"    // a model or seed was built
	StatusPass  Status = "PASS"  // a test found no failing rows
	StatusWarn  Status = "WARN"  // a warn-severity test failed
	StatusFail  Status = "FAIL"  // an error-severity test failed
	StatusError Status = "ERROR" // a statement failed
	StatusSkip  Status = "SKIP"  // not run: an upstream node failed, or the run was interrupted
)

// ScopeChange: an audit that checked only the rows an incremental change wrote; the rest
// passed the same test before (see auditstate.go).
const ScopeChange = "changed rows"

// ok reports whether dependents may run after this status.
func (s Status) ok() bool { return s == StatusOK || s == StatusPass || s == StatusWarn }

// Event is one thing that happened in a run. The human output is a rendering of it and
// `--output json` prints it as is, one object per line.
type Event struct {
	Type string    `json:"event"` // run_start, node_start, node_finish, waiting, warning, run_finish
	Time time.Time `json:"ts"`

	Index int    `json:"index,omitempty"` // 1-based position among the run's nodes
	Total int    `json:"total,omitempty"`
	ID    string `json:"unique_id,omitempty"`
	Kind  string `json:"resource_type,omitempty"`
	// What describes how the node runs: "table", "view", "incremental range", "seed", "test".
	What     string  `json:"materialization,omitempty"`
	Relation string  `json:"relation,omitempty"`
	Status   Status  `json:"status,omitempty"`
	Rows     int64   `json:"rows,omitempty"`
	Failures int64   `json:"failures,omitempty"`
	Seconds  float64 `json:"execution_time,omitempty"`
	Message  string  `json:"message,omitempty"`
	// Audit marks a test run against a model's staging relation before it was published.
	Audit bool `json:"audit,omitempty"`
	// Scope says what a test checked when it was not every row: ScopeChange.
	Scope string `json:"scope,omitempty"`
	// SharedScan is the number of tests, this one among them, counted in one scan of their
	// relation (sharedscan.go); 0 when the test ran alone. The scan's time is the first
	// one's.
	SharedScan int `json:"shared_scan,omitempty"`

	Summary *Summary `json:"summary,omitempty"`
}

// Summary counts outcomes at the end of a run.
type Summary struct {
	OK, Pass, Warn, Error, Fail, Skip int
	Seconds                           float64
	Interrupted                       bool
	StoredFailures                    string `json:",omitempty"`
}

// Failed reports whether the run must exit non-zero.
func (s *Summary) Failed() bool { return s.Error > 0 || s.Fail > 0 || s.Interrupted }
