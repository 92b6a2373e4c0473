package cli

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/flis-dk/flis/compiler"
)

type showOptions struct {
	f         *Factory
	inline    string
	selectors []string
	limit     int
}

func newShowCmd(f *Factory) *cobra.Command {
	o := &showOptions{f: f}
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Print rows of a model (--select) or of inline SQL (--inline) as a table",
		Example: `  flis show --select fact_ky_sager --limit 20
  flis show --inline "SELECT kommune_kode, count(*) FROM fact_ky_sager GROUP BY 1"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runShow(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.inline, "inline", "", "SQL to run; model, seed and source names resolve as in a model")
	cmd.Flags().StringArrayVarP(&o.selectors, "select", "s", nil, "the model, seed or source to show")
	cmd.Flags().IntVar(&o.limit, "limit", 10, "rows to print (0: all)")
	return cmd
}

func runShow(ctx context.Context, o *showOptions) error {
	if (o.inline == "") == (len(o.selectors) == 0) {
		return usageErrorf("flis show: give either --inline SQL or --select a model")
	}
	c, err := o.f.Compile()
	if err != nil {
		return err
	}
	var sql string
	if o.inline != "" {
		if sql, err = c.Result.CompileInline(o.inline); err != nil {
			return projectErr(err)
		}
	} else {
		ids, err := c.Result.Selected(o.selectors, nil)
		if err != nil {
			return projectErr(err)
		}
		var picked []*compiler.Node
		for _, id := range ids {
			if n := c.Result.Nodes[id]; n.Kind != compiler.KindTest {
				picked = append(picked, n)
			}
		}
		if len(picked) != 1 {
			return usageErrorf("flis show: --select must pick exactly one model, seed or source (it picked %d)", len(picked))
		}
		n := picked[0]
		if n.Relation.IsZero() {
			sql = n.CompiledSQL // an ephemeral model: run its SQL
		} else {
			sql = "SELECT * FROM " + n.Relation.Quoted()
		}
	}
	if o.limit > 0 {
		sql = fmt.Sprintf("SELECT * FROM (\n%s\n) AS flis_show LIMIT %d", strings.TrimRight(strings.TrimSpace(sql), ";"), o.limit)
	}
	s, err := o.f.Connect(ctx, c.Root, c.Result.Project.Config, c.Target)
	if err != nil {
		return err
	}
	defer s.Close()
	rows, err := s.DB.Query(ctx, sql)
	if err != nil {
		return &exitError{ExitFailed, err}
	}
	defer rows.Close()
	cols := rows.Columns()
	var data [][]string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return &exitError{ExitFailed, err}
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = formatValue(v)
		}
		data = append(data, row)
	}
	if err := rows.Err(); err != nil {
		return &exitError{ExitFailed, err}
	}
	if o.f.JSON() {
		enc := json.NewEncoder(o.f.IO.Out)
		for _, row := range data {
			obj := map[string]string{}
			for i, c := range cols {
				obj[c] = row[i]
			}
			enc.Encode(obj)
		}
		return nil
	}
	printTable(o.f.IO.Out, cols, data)
	return nil
}

func formatValue(v any) string {
	if v == nil {
		return "NULL"
	}
	switch x := v.(type) {
	case [16]byte: // uuid
		return fmt.Sprintf("%x-%x-%x-%x-%x", x[0:4], x[4:6], x[6:8], x[8:10], x[10:16])
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05.999999")
	case driver.Valuer: // pgtype.Numeric and friends render exactly as text
		if dv, err := x.Value(); err == nil && dv != nil {
			return fmt.Sprint(dv)
		}
	}
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	if b, err := json.Marshal(v); err == nil && (strings.HasPrefix(string(b), "{") || strings.HasPrefix(string(b), "[")) {
		return string(b)
	}
	return fmt.Sprint(v)
}

// printTable prints rows as a Markdown-style table, the way dbt show does.
func printTable(w io.Writer, cols []string, data [][]string) {
	width := make([]int, len(cols))
	for i, c := range cols {
		width[i] = utf8.RuneCountInString(c)
	}
	for _, row := range data {
		for i, v := range row {
			width[i] = max(width[i], utf8.RuneCountInString(v))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range cells {
			b.WriteString(" " + c + strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)) + " |")
		}
		fmt.Fprintln(w, b.String())
	}
	line(cols)
	sep := make([]string, len(cols))
	for i := range cols {
		sep[i] = strings.Repeat("-", width[i])
	}
	line(sep)
	for _, row := range data {
		line(row)
	}
	fmt.Fprintf(w, "(%d rows)\n", len(data))
}
