package runner

import (
	"time"

	"github.com/flis-dk/flis/compiler"
)

// RunResults is target/run_results.json: what happened to every node of a run.
type RunResults struct {
	Metadata struct {
		FlisVersion string    `json:"flis_version"`
		GeneratedAt time.Time `json:"generated_at"`
		Target      string    `json:"target"`
	} `json:"metadata"`
	Command string   `json:"command"`
	Args    []string `json:"args,omitempty"`
	Results []Result `json:"results"`
	Summary *Summary `json:"summary"`
	Elapsed float64  `json:"elapsed_time"`
}

// Result is one node's outcome.
type Result struct {
	ID            string    `json:"unique_id"`
	Index         int       `json:"index"`
	Status        Status    `json:"status"`
	Relation      string    `json:"relation,omitempty"`
	Materialized  string    `json:"materialization,omitempty"`
	RowsAffected  int64     `json:"rows_affected"`
	Failures      int64     `json:"failures,omitempty"`
	ExecutionTime float64   `json:"execution_time"`
	CompletedAt   time.Time `json:"completed_at"`
	Message       string    `json:"message,omitempty"`
	Audit         bool      `json:"audit,omitempty"`
	SharedScan    int       `json:"shared_scan,omitempty"`
	CompiledPath  string    `json:"compiled_path,omitempty"`
}

func resultOf(e Event, n *compiler.Node) Result {
	res := Result{ID: e.ID, Index: e.Index, Status: e.Status, Relation: e.Relation, Materialized: e.What,
		RowsAffected: e.Rows, Failures: e.Failures, ExecutionTime: e.Seconds, CompletedAt: e.Time,
		Message: e.Message, Audit: e.Audit, SharedScan: e.SharedScan}
	if n != nil && n.CompiledSQL != "" {
		res.CompiledPath = "target/compiled/" + n.Path
	}
	return res
}
