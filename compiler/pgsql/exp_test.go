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
		"SELECT a, FROM t",
		"SELECT a FROM",
		"SELECT a +\n FROM t",
		"SELECT x COLLATE binary, (select 1) collate binary, case when a then b end collate binary FROM t",
		"SELECT * FROM t1, LATERAL (SELECT t1.a) AS dt(c)",
		"SELECT * FROM (SELECT 1) AS g(d)",
		"SELECT CAST(a AS CHAR) FROM t",
		"SELECT a <=> b, not (a <=> b) FROM t FULL JOIN u ON 1",
		"SELECT 1 FROM t WHERE a REGEXP 'x'",
		"SELECT a FROM t GROUP BY a, b WITH ROLLUP",
		"SELECT count(*) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t",
		"SELECT DATE '2020-01-01' + INTERVAL 1 MONTH FROM t",
		"SELECT \"My Col\" FROM \"dm\".\"Fact\"",
		"SELECT a FROM t1 UNION ALL SELECT b FROM t2 ORDER BY 1 LIMIT 1",
		"WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM x WHERE n < 3) SELECT n FROM x",
		"SELECT * FROM t ORDER BY a DESC",
		"SELECT group_concat(a ORDER BY b SEPARATOR ',') FROM t",
		"SELECT year, month, date, type, value, name, rank, row_number() over () FROM t",
		"SELECT 1 FROM t WHERE EXISTS (SELECT 1 FROM u) AND a IN (SELECT b FROM v)",
		"SELECT * FROM (a JOIN b ON a.x=b.x)",
		"SELECT extract(year FROM x) FROM t",
		"SELECT 1 FROM t WINDOW w AS (PARTITION BY a)",
		"SELECT t.* FROM t",
		"(SELECT 1 FROM t) UNION (SELECT 2 FROM u)",
		"SELECT a FROM t INTERSECT SELECT a FROM u EXCEPT SELECT a FROM v",
		"SELECT 1 FROM t NATURAL JOIN u",
		"SELECT 1 FROM t JOIN u USING (a)",
		"SELECT 1 FROM t CROSS JOIN u",
		"SELECT a FROM t1 x, t2 AS y",
		"SELECT a FROM t WHERE a > ALL (SELECT 1) and b = ANY (SELECT 2)",
	} {
		_, err := p.ParseOneStmt(s, "", "")
		fmt.Printf("%q\n   -> %v\n", s, err)
	}
}
