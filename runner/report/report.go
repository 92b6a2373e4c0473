// Package report renders run events for people and for programs: one line per node as it
// finishes (with START lines and colour only on a terminal), a summary at the end, or one JSON
// object per event for `--output json`.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/flis-dk/flis/runner"
)

// Printer writes events. It is safe for concurrent use: the scheduler reports from several
// goroutines.
type Printer struct {
	mu       sync.Mutex
	w        io.Writer
	json     bool
	color    bool
	starts   bool
	failures []runner.Event
}

// Options choose the rendering.
type Options struct {
	JSON bool
	// Terminal turns on colour and START lines; set it only when w is a terminal.
	Terminal bool
	// NoColor keeps START lines on a terminal but drops colour (NO_COLOR).
	NoColor bool
}

// New makes a printer over w.
func New(w io.Writer, o Options) *Printer {
	return &Printer{w: w, json: o.JSON, color: o.Terminal && !o.NoColor, starts: o.Terminal}
}

// Event renders one event.
func (p *Printer) Event(e runner.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.json {
		b, _ := json.Marshal(e)
		p.w.Write(append(b, '\n'))
		return
	}
	switch e.Type {
	case "run_start", "waiting", "warning":
		if e.Message != "" {
			fmt.Fprintln(p.w, e.Message)
		}
	case "node_start":
		if p.starts {
			fmt.Fprintln(p.w, p.line(e, "START", ""))
		}
	case "node_finish":
		fmt.Fprintln(p.w, p.line(e, string(e.Status), detail(e)))
		if e.Status == runner.StatusError || e.Status == runner.StatusFail || e.Status == runner.StatusWarn {
			p.failures = append(p.failures, e)
		}
	case "run_finish":
		p.summary(e.Summary)
	}
}

// line renders "12 of 40 OK    table        dm.fact_ky_sager ........ [18,231 rows in 0.42s]".
func (p *Printer) line(e runner.Event, status, detail string) string {
	name := e.Relation
	if name == "" {
		name = e.ID
	}
	head := fmt.Sprintf("%*d of %d %-5s %-17s %s ", len(fmt.Sprint(e.Total)), e.Index, e.Total,
		status, e.What, name)
	if detail == "" {
		return strings.TrimRight(p.paint(status, head), " ")
	}
	dots := 80 - len([]rune(head))
	if dots < 3 {
		dots = 3
	}
	return p.paint(status, head) + strings.Repeat(".", dots) + " [" + detail + "]"
}

func detail(e runner.Event) string {
	t := fmt.Sprintf("%.2fs", e.Seconds)
	switch {
	case e.Status == runner.StatusSkip:
		return "SKIP: " + e.Message
	case e.Status == runner.StatusError:
		return "ERROR in " + t
	case e.Kind == "test" && e.Status == runner.StatusPass && strings.HasPrefix(e.Message, "proven by "):
		return "PASS, " + e.Message + ", in " + t
	case e.Kind == "test" && e.Status == runner.StatusPass:
		// "PASS", "PASS on changed rows", either with ", scan shared by 6 tests,", then the time.
		d := "PASS"
		if e.Scope != "" {
			d += " on " + e.Scope
		}
		if e.SharedScan > 1 {
			d += fmt.Sprintf(", scan shared by %d tests,", e.SharedScan)
		}
		return d + " in " + t
	case e.Kind == "test" && e.Scope != "":
		return fmt.Sprintf("%s %s failing in %s", Thousands(e.Failures), e.Scope, t)
	case e.Kind == "test":
		return fmt.Sprintf("%s rows failing in %s", Thousands(e.Failures), t)
	case e.Rows >= 0 && e.What != "view":
		return fmt.Sprintf("%s rows in %s", Thousands(e.Rows), t)
	}
	return "in " + t
}

func (p *Printer) paint(status, s string) string {
	if !p.color {
		return s
	}
	code := ""
	switch status {
	case "OK", "PASS":
		code = "32"
	case "WARN", "SKIP":
		code = "33"
	case "ERROR", "FAIL":
		code = "31"
	default:
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p *Printer) summary(s *runner.Summary) {
	if s == nil {
		return
	}
	if len(p.failures) > 0 {
		fmt.Fprintln(p.w)
		for _, f := range p.failures {
			label := string(f.Status)
			fmt.Fprintf(p.w, "%s %s\n", p.paint(label, label), f.ID)
			if f.Message != "" {
				for _, l := range strings.Split(strings.TrimRight(f.Message, "\n"), "\n") {
					fmt.Fprintln(p.w, "  "+l)
				}
			}
		}
	}
	fmt.Fprintln(p.w)
	status := "Completed successfully"
	switch {
	case s.Interrupted:
		status = "Interrupted"
	case s.Failed():
		status = "Completed with errors"
	case s.Warn > 0:
		status = "Completed with warnings"
	}
	fmt.Fprintf(p.w, "%s in %.2fs: OK=%d PASS=%d WARN=%d ERROR=%d FAIL=%d SKIP=%d TOTAL=%d\n", status, s.Seconds,
		s.OK, s.Pass, s.Warn, s.Error, s.Fail, s.Skip, s.OK+s.Pass+s.Warn+s.Error+s.Fail+s.Skip)
	if s.StoredFailures != "" {
		fmt.Fprintf(p.w, "Failing rows stored in schema %s\n", s.StoredFailures)
	}
}

// Thousands formats n with comma separators: 18231 → "18,231".
func Thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
