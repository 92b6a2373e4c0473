package pgsql

import (
	"fmt"
	"testing"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/mysql"
	_ "github.com/pingcap/tidb/pkg/parser/test_driver"
)

func TestExp(t *testing.T) {
	p := parser.New()
	p.SetSQLMode(mysql.ModeANSIQuotes | mysql.ModePipesAsConcat | mysql.ModeNoBackslashEscapes)
	for _, s := range []string{
		"SELECT * FROM (SELECT generate_series(1,3))",
		"SELECT * FROM t LEFT JOIN LATERAL (SELECT 1) x ON TRUE",
		"SELECT * FROM t CROSS JOIN LATERAL (SELECT 1) x",
		"SELECT * FROM t, LATERAL (SELECT 1)",
		"SELECT grouping(a,b), antal_børn FROM t GROUP BY (a,b), (NULL)",
		"SELECT \"a\"\"b\" FROM t",
		"SELECT a FROM t WHERE x = ('a','b')",
		"SELECT a + 'x' = 'y' FROM t WHERE a COLLATE \"C\" = 'x'",
		"SELECT 'x' * 3, d + '1 month' FROM t",
		"WITH x(a,b) AS (SELECT 1,2) SELECT 1 FROM x",
		"SELECT f(a, b) , count(distinct a), sum(x) over w FROM t WINDOW w AS (ORDER BY a)",
		"SELECT * FROM t WHERE a IS NOT TRUE",
		"SELECT 1 UNION ALL SELECT 2",
		"SELECT substring(a FROM 1 FOR 2), trim(both 'x' from y), position('a' in b) FROM t",
		"SELECT * FROM t ORDER BY a LIMIT 1 OFFSET 2",
		"SELECT case when a then b else c end COLLATE binary + 1 FROM t",
		"SELECT (a, b) COLLATE binary FROM t",
		"SELECT max(x) COLLATE binary, -1 COLLATE binary, NULL COLLATE binary FROM t",
	} {
		_, err := p.ParseOneStmt(s, "", "")
		fmt.Printf("%q\n   -> %v\n", s, err)
	}
}
