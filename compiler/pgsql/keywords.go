package pgsql

import (
	"strings"

	"github.com/pingcap/tidb/pkg/parser"
)

// pgReserved are PostgreSQL 15's reserved key words, including those that "can be function or
// type" names (Appendix C of the manual). They can never be bare column or table names, so
// the tokenizer marks them Keyword.
var pgReserved = wordSet(`all analyse analyze and any array as asc asymmetric both case cast
check collate column constraint create current_catalog current_date current_role current_time
current_timestamp current_user default deferrable desc distinct do else end except false fetch
for foreign from grant group having in initially intersect into lateral leading limit localtime
localtimestamp not null offset on only or order placing primary references returning select
session_user some symmetric table then to trailing true union unique user using variadic when
where window with authorization binary collation concurrently cross current_schema freeze full
ilike inner is isnull join left like natural notnull outer overlaps right similar tablesample
verbose`)

// keepBare are words the bridge must pass to TiDB as keywords even where TiDB reserves them:
// PostgreSQL syntax words that mean the same in MySQL. Any other word that TiDB reserves is
// quoted in the bridged text, because in PostgreSQL it is an ordinary name (rank, key, ...).
var keepBare = wordSet(`between bigint by char character convert current_date
current_time current_timestamp div exists extract float int integer
interval localtime localtimestamp mod over partition
position range real recursive row rows smallint substring trim
unbounded values varchar window year day hour minute second month escape asc desc collate
like regexp using natural cross inner outer left right join on where group having order limit
select from as case when then else end and or not null true false in is distinct all union
except intersect with lateral binary system repeatable update share`)

var tidbReserved, tidbKeywords = func() (map[string]bool, map[string]bool) {
	r := make(map[string]bool, 300)
	all := make(map[string]bool, 700)
	for _, k := range parser.Keywords {
		all[strings.ToLower(k.Word)] = true
		if k.Reserved {
			r[strings.ToLower(k.Word)] = true
		}
	}
	return r, all
}()

// tidbUnlisted are words the TiDB grammar reserves that parser.Keywords does not list
// (found by parsing "SELECT 1 AS w" for every MySQL 8 reserved word).
var tidbUnlisted = wordSet(`dec schema schemas`)

// tidbFuncs are function names TiDB parses with grammar of their own (DISTINCT, *, FROM,
// OVER ...): they stay bare. Any other function whose name is a TiDB keyword is quoted,
// which makes it an ordinary function call to TiDB.
var tidbFuncs = wordSet(`count sum avg min max cast extract substring substr trim position
convert char group_concat bit_and bit_or bit_xor std stddev stddev_pop stddev_samp var_pop
var_samp variance row_number rank dense_rank cume_dist percent_rank ntile lead lag
first_value last_value nth_value exists row values interval`)

// windowFuncs are the functions TiDB accepts before OVER.
var windowFuncs = wordSet(`count sum avg min max group_concat bit_and bit_or bit_xor std stddev
stddev_pop stddev_samp var_pop var_samp variance row_number rank dense_rank cume_dist
percent_rank ntile lead lag first_value last_value nth_value`)

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isReserved reports whether an unquoted word is a PostgreSQL reserved keyword.
func isReserved(w string) bool {
	if len(w) < 2 || len(w) > 17 {
		return false
	}
	var buf [17]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return pgReserved[string(buf[:len(w)])] // no allocation: the compiler elides the conversion
}

// needsQuoteForTiDB reports whether the lower-case word w, used as a plain name in PostgreSQL,
// would be read as a keyword by TiDB.
func needsQuoteForTiDB(w string) bool {
	return tidbReserved[w] && !keepBare[w]
}
