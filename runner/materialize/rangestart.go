package materialize

import (
	"fmt"
	"time"
)

// fullRangeStart is ${range_start} when the whole table is built: every date is ≥ it.
const fullRangeStart = "-infinity"

// RangeStart returns the value of ${range_start} for a range incremental model: the first
// day of the first period rebuilt, as YYYY-MM-DD, or "-infinity" when the table is built
// in full (absent, full refresh, a view today, or empty). The runner renders it as a SQL
// literal before handing the SQL to PlanBuild.
//
// The first period rebuilt is the one holding st.RangeMax, moved back Lookback periods, so
// late-arriving rows of recent periods are picked up. Weeks start on Monday, as
// date_trunc('week', ...) does.
func RangeStart(m Model, st State) (string, error) {
	m.Strategy = resolveStrategy(m)
	if m.Materialized != KindIncremental || m.Strategy != StrategyRange || m.Range == nil {
		return "", fmt.Errorf("model %s: ${range_start} is only defined for range incremental models", m.ID)
	}
	if st.Kind != KindTable || st.FullRefresh || st.RangeMax == "" {
		return fullRangeStart, nil
	}
	last, err := parseRangeMax(st.RangeMax)
	if err != nil {
		return "", fmt.Errorf("model %s: max(%s) of %s is %q: %v", m.ID, m.Range.Column, m.Relation, st.RangeMax, err)
	}
	start, err := periodStart(last, m.Range.Granularity, m.Range.Lookback)
	if err != nil {
		return "", fmt.Errorf("model %s: %v", m.ID, err)
	}
	if first, err := parseRangeMax(st.RangeMin); err == nil && !first.Before(start) {
		// The range holds every row: rebuild the table instead (see RebuildsAll).
		return fullRangeStart, nil
	}
	return start.Format(time.DateOnly), nil
}

// RebuildsAll reports whether a build of incremental model m replaces its whole table
// rather than applying a change: the table is absent, a view, or full-refreshed, or the
// range to rebuild starts at or before the table's first row. Deleting and inserting every
// row of a table costs about twice building it anew (3.3M rows of komme/gå: 139 s against
// 77 s), and the result is the same. ${is_incremental} is FALSE then.
func RebuildsAll(m Model, st State) bool {
	if st.Kind != KindTable || st.FullRefresh || st.NoPrevious || !partitioningMatches(m, st) {
		return true
	}
	if resolveStrategy(m) != StrategyRange || m.Range == nil {
		return false
	}
	start, err := RangeStart(m, st)
	return err == nil && start == fullRangeStart
}

// parseRangeMax reads the date part of a date or timestamp as PostgreSQL prints it (ISO
// DateStyle): "2024-03-31", "2024-03-31 17:00:00", "2024-03-31 17:00:00+02",
// "2024-03-31T17:00:00Z". All granularities are whole days, so the time is not needed.
func parseRangeMax(s string) (time.Time, error) {
	if len(s) < len(time.DateOnly) {
		return time.Time{}, fmt.Errorf("not a date")
	}
	if len(s) > len(time.DateOnly) {
		switch s[len(time.DateOnly)] {
		case ' ', 'T':
		default:
			return time.Time{}, fmt.Errorf("not a date")
		}
	}
	d, err := time.Parse(time.DateOnly, s[:len(time.DateOnly)])
	if err != nil {
		return time.Time{}, fmt.Errorf("not a date (want YYYY-MM-DD)")
	}
	return d, nil
}

// periodStart truncates d to the start of its period and moves back lookback periods.
func periodStart(d time.Time, granularity string, lookback int) (time.Time, error) {
	y, mo, day := d.Date()
	switch granularity {
	case "day":
		return time.Date(y, mo, day-lookback, 0, 0, 0, 0, time.UTC), nil
	case "week":
		back := (int(d.Weekday()) + 6) % 7 // days since Monday
		return time.Date(y, mo, day-back-7*lookback, 0, 0, 0, 0, time.UTC), nil
	case "month":
		return time.Date(y, mo-time.Month(lookback), 1, 0, 0, 0, 0, time.UTC), nil
	case "quarter":
		q := (mo-1)/3*3 + 1
		return time.Date(y, q-time.Month(3*lookback), 1, 0, 0, 0, 0, time.UTC), nil
	case "year":
		return time.Date(y-lookback, 1, 1, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, fmt.Errorf("unknown granularity %q", granularity)
}
