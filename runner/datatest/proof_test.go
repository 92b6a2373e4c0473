package datatest

import (
	"slices"
	"testing"
)

// colSet makes a column set.
func colSet(cols ...string) map[string]bool {
	m := map[string]bool{}
	for _, c := range cols {
		m[c] = true
	}
	return m
}

func TestProof(t *testing.T) {
	uge := Relation{Schema: "dsa", Name: "dream_uge"}
	cols := colSet("borger_id", "uge_start", "ydelse_kode", "kommune")
	pk := UniqueKey{Name: "dream_uge_pkey", Columns: []string{"borger_id", "uge_start"}, Primary: true}
	pkNotNull := colSet("borger_id", "uge_start")
	for _, c := range []struct {
		name   string
		test   Test
		g      Guarantees
		reason string // "" when not proven
	}{
		// not_null
		{"not_null on a NOT NULL column",
			Test{Kind: NotNull, Relation: uge, Column: "borger_id"},
			Guarantees{Columns: cols, NotNull: colSet("borger_id")},
			"proven by NOT NULL on column borger_id"},
		{"not_null with a where is still proven",
			Test{Kind: NotNull, Relation: uge, Column: "borger_id", Where: "kommune = 101"},
			Guarantees{Columns: cols, NotNull: colSet("borger_id")},
			"proven by NOT NULL on column borger_id"},
		{"not_null on a NULL-able column",
			Test{Kind: NotNull, Relation: uge, Column: "ydelse_kode"},
			Guarantees{Columns: cols, NotNull: colSet("borger_id")},
			""},
		{"not_null on a unique column is not proven: unique allows NULLs",
			Test{Kind: NotNull, Relation: uge, Column: "ydelse_kode"},
			Guarantees{Columns: cols, Unique: []UniqueKey{{Name: "u", Columns: []string{"ydelse_kode"}, NullsNotDistinct: true}}},
			""},
		{"not_null on a column the relation lacks",
			Test{Kind: NotNull, Relation: uge, Column: "borger"},
			Guarantees{Columns: cols, NotNull: colSet("borger")},
			""},
		{"no guarantees (a view)",
			Test{Kind: NotNull, Relation: uge, Column: "borger_id"},
			Guarantees{},
			""},

		// unique: the key equals a unique key
		{"unique on the primary key",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "uge_start"}},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{pk}},
			"proven by primary key dream_uge_pkey (borger_id, uge_start)"},
		{"unique on the primary key in another order",
			Test{Kind: Unique, Relation: uge, Columns: []string{"uge_start", "borger_id"}},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{pk}},
			"proven by primary key dream_uge_pkey (borger_id, uge_start)"},
		{"unique key from the columns argument",
			Test{Kind: Unique, Relation: uge, Args: map[string]any{"columns": []any{"borger_id", "uge_start"}}},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{pk}},
			"proven by primary key dream_uge_pkey (borger_id, uge_start)"},
		{"unique with a where is still proven",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "uge_start"}, Where: "kommune = 101"},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{pk}},
			"proven by primary key dream_uge_pkey (borger_id, uge_start)"},
		{"unique on a NOT NULL column with a unique constraint",
			Test{Kind: Unique, Relation: uge, Column: "ydelse_kode"},
			Guarantees{Columns: cols, NotNull: colSet("ydelse_kode"), Unique: []UniqueKey{{Name: "uge_ydelse_key", Columns: []string{"ydelse_kode"}}}},
			"proven by unique index uge_ydelse_key (ydelse_kode)"},

		// unique: NULLs
		{"unique on a NULL-able column: two NULLs pass the index and fail the test",
			Test{Kind: Unique, Relation: uge, Column: "ydelse_kode"},
			Guarantees{Columns: cols, Unique: []UniqueKey{{Name: "uge_ydelse_key", Columns: []string{"ydelse_kode"}}}},
			""},
		{"unique on a NULL-able column NULLS NOT DISTINCT",
			Test{Kind: Unique, Relation: uge, Column: "ydelse_kode"},
			Guarantees{Columns: cols, Unique: []UniqueKey{{Name: "uge_ydelse_key", Columns: []string{"ydelse_kode"}, NullsNotDistinct: true}}},
			"proven by unique index uge_ydelse_key (ydelse_kode) NULLS NOT DISTINCT"},
		{"composite key with one NULL-able column",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "ydelse_kode"}},
			Guarantees{Columns: cols, NotNull: colSet("borger_id"), Unique: []UniqueKey{{Name: "k", Columns: []string{"borger_id", "ydelse_kode"}}}},
			""},
		{"composite key with NULL-able columns NULLS NOT DISTINCT",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "ydelse_kode"}},
			Guarantees{Columns: cols, Unique: []UniqueKey{{Name: "k", Columns: []string{"borger_id", "ydelse_kode"}, NullsNotDistinct: true}}},
			"proven by unique index k (borger_id, ydelse_kode) NULLS NOT DISTINCT"},

		// unique: the tested key is wider than a unique key (K ⊋ U)
		{"a key wider than the primary key",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "uge_start", "ydelse_kode"}},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{pk}},
			"proven by primary key dream_uge_pkey (borger_id, uge_start), a part of the tested key (borger_id, uge_start, ydelse_kode)"},
		{"a wider key whose extra column may be NULL is still proven",
			Test{Kind: Unique, Relation: uge, Columns: []string{"ydelse_kode", "borger_id"}},
			Guarantees{Columns: cols, NotNull: colSet("borger_id"), Unique: []UniqueKey{{Name: "b", Columns: []string{"borger_id"}}}},
			"proven by unique index b (borger_id), a part of the tested key (ydelse_kode, borger_id)"},
		{"a wider key over a NULL-able unique key is not proven",
			Test{Kind: Unique, Relation: uge, Columns: []string{"ydelse_kode", "borger_id"}},
			Guarantees{Columns: cols, NotNull: colSet("borger_id"), Unique: []UniqueKey{{Name: "y", Columns: []string{"ydelse_kode"}}}},
			""},
		{"a wider key naming a column the relation lacks",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "uge_start", "nope"}},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{pk}},
			""},

		// unique: the tested key is narrower than every unique key (K ⊊ U)
		{"a key narrower than the primary key",
			Test{Kind: Unique, Relation: uge, Column: "borger_id"},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{pk}},
			""},
		{"a key overlapping but not containing a unique key",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "ydelse_kode"}},
			Guarantees{Columns: cols, NotNull: colSet("borger_id", "uge_start", "ydelse_kode"), Unique: []UniqueKey{pk}},
			""},

		// unique: choosing among keys
		{"the primary key is named before a narrower unique index",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "uge_start"}},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{
				{Name: "b", Columns: []string{"borger_id"}}, pk}},
			"proven by primary key dream_uge_pkey (borger_id, uge_start)"},
		{"the narrowest of several unique indexes",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "uge_start"}},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{
				{Name: "bu", Columns: []string{"borger_id", "uge_start"}}, {Name: "u", Columns: []string{"uge_start"}}}},
			"proven by unique index u (uge_start), a part of the tested key (borger_id, uge_start)"},
		{"a NULL-able key is skipped for one that proves",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "ydelse_kode"}},
			Guarantees{Columns: cols, NotNull: colSet("borger_id"), Unique: []UniqueKey{
				{Name: "y", Columns: []string{"ydelse_kode"}}, {Name: "b", Columns: []string{"borger_id"}}}},
			"proven by unique index b (borger_id), a part of the tested key (borger_id, ydelse_kode)"},
		{"an empty unique key proves nothing",
			Test{Kind: Unique, Relation: uge, Column: "borger_id"},
			Guarantees{Columns: cols, NotNull: cols, Unique: []UniqueKey{{Name: "e"}}},
			""},

		// other kinds and invalid tests
		{"accepted_values is never proven",
			Test{Kind: AcceptedValues, Relation: uge, Column: "borger_id", Args: map[string]any{"values": []any{"a"}}},
			Guarantees{Columns: cols, NotNull: cols, Unique: []UniqueKey{pk}},
			""},
		{"row_count is never proven",
			Test{Kind: RowCount, Relation: uge, Args: map[string]any{"min": 1}},
			Guarantees{Columns: cols, NotNull: cols, Unique: []UniqueKey{pk}},
			""},
		{"an invalid unique test (column listed twice) is left to fail",
			Test{Kind: Unique, Relation: uge, Columns: []string{"borger_id", "uge_start", "borger_id"}},
			Guarantees{Columns: cols, NotNull: pkNotNull, Unique: []UniqueKey{pk}},
			""},
		{"an invalid not_null test (bad severity) is left to fail",
			Test{Kind: NotNull, Relation: uge, Column: "borger_id", Severity: "fatal"},
			Guarantees{Columns: cols, NotNull: pkNotNull},
			""},
	} {
		t.Run(c.name, func(t *testing.T) {
			reason, ok := Proof(c.test, c.g)
			if ok != (c.reason != "") || reason != c.reason {
				t.Errorf("Proof = %q, %v\nwant    %q, %v", reason, ok, c.reason, c.reason != "")
			}
		})
	}
}

func TestProbeSQL(t *testing.T) {
	rel := Relation{Schema: "dsa", Name: "dream_uge"}
	if q, ok := ProbeSQL(Test{Kind: Unique, Relation: rel, Column: "borger_id"}); ok {
		t.Errorf("no Where, yet a probe: %q", q)
	}
	if q, ok := ProbeSQL(Test{Kind: Unique, Relation: rel, Column: "borger_id", Where: "  \n"}); ok {
		t.Errorf("a blank Where, yet a probe: %q", q)
	}
	q, ok := ProbeSQL(Test{Kind: NotNull, Relation: rel, Column: "borger_id", Where: "kommune = 101"})
	want := "SELECT\nFROM (SELECT * FROM \"dsa\".\"dream_uge\" WHERE kommune = 101\n) AS flis_t\nLIMIT 0"
	if !ok || q != want {
		t.Errorf("ProbeSQL = %q, %v\nwant %q", q, ok, want)
	}
}

func TestChangeProof(t *testing.T) {
	fakta := Relation{Schema: "dm", Name: "fact_dream"}
	cols := colSet("borger_id", "uge_start", "status")
	uidx := UniqueKey{Name: "fact_dream__uidx", Columns: []string{"borger_id", "uge_start"}}
	for _, c := range []struct {
		name   string
		test   Test
		g      Guarantees
		reason string
	}{
		{"a unique index on NULL-able columns proves the written keys",
			Test{Kind: Unique, Relation: fakta, Columns: []string{"borger_id", "uge_start"}},
			Guarantees{Columns: cols, Unique: []UniqueKey{uidx}},
			"proven by unique index fact_dream__uidx (borger_id, uge_start), for changed rows without a NULL key"},
		{"an index on a part of the key proves it too",
			Test{Kind: Unique, Relation: fakta, Columns: []string{"borger_id", "uge_start", "status"}},
			Guarantees{Columns: cols, Unique: []UniqueKey{uidx}},
			"proven by unique index fact_dream__uidx (borger_id, uge_start), a part of the tested key (borger_id, uge_start, status), for changed rows without a NULL key"},
		{"an index wider than the key proves nothing",
			Test{Kind: Unique, Relation: fakta, Column: "borger_id"},
			Guarantees{Columns: cols, Unique: []UniqueKey{uidx}},
			""},
		{"no index, no proof",
			Test{Kind: Unique, Relation: fakta, Columns: []string{"borger_id", "uge_start"}},
			Guarantees{Columns: cols},
			""},
		{"not_null: as Proof, NULL-able is not proven",
			Test{Kind: NotNull, Relation: fakta, Column: "status"},
			Guarantees{Columns: cols, Unique: []UniqueKey{uidx}},
			""},
		{"not_null: as Proof, NOT NULL is",
			Test{Kind: NotNull, Relation: fakta, Column: "status"},
			Guarantees{Columns: cols, NotNull: colSet("status")},
			"proven by NOT NULL on column status"},
	} {
		t.Run(c.name, func(t *testing.T) {
			reason, ok := ChangeProof(c.test, c.g)
			if ok != (c.reason != "") || reason != c.reason {
				t.Errorf("ChangeProof = %q, %t; want %q", reason, ok, c.reason)
			}
			// Whole-table proofs never rely on the change's missing NULLs.
			if c.test.Kind == Unique && c.reason != "" {
				if _, ok := Proof(c.test, c.g); ok {
					t.Errorf("Proof proved it too: the index alone allows NULL duplicates")
				}
			}
		})
	}
}

func TestNullFreeProof(t *testing.T) {
	fakta := Relation{Schema: "dm", Name: "fact_dream"}
	cols := colSet("borger_id", "uge_start", "status")
	uidx := UniqueKey{Name: "fact_dream__uidx", Columns: []string{"uge_start", "borger_id"}}
	for _, c := range []struct {
		name     string
		test     Test
		g        Guarantees
		nullable []string
		reason   string
	}{
		{"NULL-able columns of the index are to be checked",
			Test{Kind: Unique, Relation: fakta, Columns: []string{"borger_id", "uge_start"}},
			Guarantees{Columns: cols, Unique: []UniqueKey{uidx}},
			[]string{"uge_start", "borger_id"},
			"proven by unique index fact_dream__uidx (uge_start, borger_id), with no NULL in it"},
		{"only those without NOT NULL",
			Test{Kind: Unique, Relation: fakta, Columns: []string{"borger_id", "uge_start", "status"}},
			Guarantees{Columns: cols, NotNull: colSet("uge_start"), Unique: []UniqueKey{uidx}},
			[]string{"borger_id"},
			"proven by unique index fact_dream__uidx (uge_start, borger_id), a part of the tested key (borger_id, uge_start, status), with no NULL in it"},
		{"an index wider than the key proves nothing",
			Test{Kind: Unique, Relation: fakta, Column: "borger_id"},
			Guarantees{Columns: cols, Unique: []UniqueKey{uidx}},
			nil, ""},
		{"not_null is not its business",
			Test{Kind: NotNull, Relation: fakta, Column: "borger_id"},
			Guarantees{Columns: cols, Unique: []UniqueKey{uidx}},
			nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			nullable, reason, ok := NullFreeProof(c.test, c.g)
			if ok != (c.reason != "") || reason != c.reason || !slices.Equal(nullable, c.nullable) {
				t.Errorf("NullFreeProof = %q, %q, %t; want %q, %q", nullable, reason, ok, c.nullable, c.reason)
			}
		})
	}
	got := NullCheckSQL(Test{Kind: Unique, Relation: fakta, Columns: []string{"borger_id", "uge_start"}, Where: "status IS NOT NULL"}, []string{"uge_start", "borger_id"})
	want := "SELECT EXISTS (SELECT FROM (SELECT * FROM \"dm\".\"fact_dream\" WHERE status IS NOT NULL\n) AS flis_t WHERE flis_t.\"uge_start\" IS NULL OR flis_t.\"borger_id\" IS NULL)"
	if got != want {
		t.Errorf("NullCheckSQL:\n got %q\nwant %q", got, want)
	}
}
