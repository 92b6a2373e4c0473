package sampledata

import "sort"

// The population model. Every attribute of a citizen is a pure function of (seed, index), and
// an address is a pure function of (seed, address number), so any table can recompute the
// people it needs in O(1) memory instead of keeping the population around.
//
// Citizens are numbered in birth order: index i is born at the (i+0.5)/N quantile of an age
// pyramid. That makes "someone born 18–42 years before me" an index range computed in O(1),
// which is how parents are found without any lookup table. Addresses take citizens in an
// affine permutation of that order, so a household does not consist of people born the same day.

const (
	origDansk uint8 = iota
	origIndvandrer
	origEfterkommer
)

// birthModel is the age pyramid: a weight per birth year (1930 → data_tom), uniform within the
// year. The weights follow the Danish shape: thin oldest cohorts, the post-war and 1960s
// cohorts largest, somewhat smaller cohorts since 2000.
type birthModel struct {
	start []date    // first day of each year
	days  []int     // days of each year in range (the last year ends at data_tom)
	w     []float64 // weight per day in each year
	cum   []float64 // mass before each year
	total float64
}

func newBirthModel(first, last date) birthModel {
	var m birthModel
	for y := first.year(); y <= last.year(); y++ {
		s := mkDate(y, 1, 1)
		e := min(mkDate(y+1, 1, 1)-1, last)
		var wt float64
		switch {
		case y < 1940:
			wt = 0.25 + 0.05*float64(y-1930)
		case y < 1950:
			wt = 0.85
		case y < 1980:
			wt = 1.0
		case y < 2000:
			wt = 0.95
		default:
			wt = 0.85
		}
		m.start = append(m.start, s)
		m.days = append(m.days, int(e-s)+1)
		m.w = append(m.w, wt)
		m.cum = append(m.cum, m.total)
		m.total += wt * float64(int(e-s)+1)
	}
	return m
}

// at returns the birth date at quantile u in [0,1).
func (m *birthModel) at(u float64) date {
	t := u * m.total
	i := sort.Search(len(m.cum), func(i int) bool { return m.cum[i] > t }) - 1
	i = max(i, 0)
	off := int((t - m.cum[i]) / m.w[i])
	return m.start[i] + date(min(off, m.days[i]-1))
}

// quantile is the inverse of at: the share of people born before d.
func (m *birthModel) quantile(d date) float64 {
	if d < m.start[0] {
		return 0
	}
	i := sort.Search(len(m.start), func(i int) bool { return m.start[i] > d }) - 1
	off := min(int(d-m.start[i]), m.days[i])
	return (m.cum[i] + float64(off)*m.w[i]) / m.total
}

// person is one citizen as the tables need them.
type person struct {
	idx       int
	born      date
	female    bool
	origin    uint8
	foedeland string
	statsborg string
	died      date // noDate while alive
	kommune   int  // index into world.kommuner; from the address
}

var udland = []string{"PL", "SY", "TR", "DE", "RO", "UA", "IQ", "LT", "SE", "NO", "PK", "SO",
	"IR", "AF", "BA", "VN", "GB", "IN", "CN", "PH", "US", "IS", "LB", "TH"}
var udlandVaegt = []float64{8, 6, 6, 5, 5, 6, 4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 3, 2, 2, 2, 1, 1, 1}

// born returns the birth date of citizen idx.
func (w *world) born(idx int) date {
	return w.births.at((float64(idx) + 0.5) / float64(w.n))
}

// quick returns sex and origin of citizen idx from one hash, cheap enough to scan hundreds of
// candidates when looking for a parent. Shares: ~10% immigrants, ~4% descendants overall, with
// descendants only among people born since the 1960s.
func (w *world) quick(idx int, born date) (female bool, origin uint8) {
	h := mix64(w.seed ^ tagPerson<<59 ^ uint64(idx))
	female = h&1 == 1
	u := float64(h>>11) / (1 << 53)
	y := born.year()
	pImm, pDesc := 0.04, 0.0
	switch {
	case y >= 1970:
		pImm, pDesc = 0.12, 0.075
	case y >= 1960:
		pImm, pDesc = 0.12, 0.02
	case y >= 1950:
		pImm = 0.10
	}
	switch {
	case u < pImm:
		origin = origIndvandrer
	case u < pImm+pDesc:
		origin = origEfterkommer
	default:
		origin = origDansk
	}
	return female, origin
}

// person computes citizen idx; r is reseeded to the citizen's own stream.
func (w *world) person(idx int, r *rnd) person {
	p := person{idx: idx, born: w.born(idx), died: noDate}
	p.female, p.origin = w.quick(idx, p.born)
	r.reseed(w.seed, tagPerson, uint64(idx))
	p.foedeland, p.statsborg = "DK", "DK"
	land := udland[r.weighted(udlandVaegt)]
	switch p.origin {
	case origIndvandrer:
		p.foedeland = land
		if r.chance(0.7) {
			p.statsborg = land
		}
	case origEfterkommer:
		if r.chance(0.45) {
			p.statsborg = land
		}
	}
	// A few deaths inside the history window, far more among the old.
	age := p.born.ageAt(w.tom)
	pDie := 0.002
	switch {
	case age >= 85:
		pDie = 0.2
	case age >= 75:
		pDie = 0.08
	case age >= 65:
		pDie = 0.03
	}
	if r.chance(pDie) {
		lo := max(w.from, p.born)
		p.died = lo + date(r.IntN(int(w.tom-lo)+1))
	}
	return p
}

func (p *person) alive(d date) bool { return p.died == noDate || d <= p.died }

// personID is the pseudonym of citizen idx. Indexes >= n give ids of people who are not in
// cpr_person (parents who never lived in Denmark): mix64 is a bijection, so they cannot collide.
func (w *world) personID(idx int) uint64 {
	return mix64(w.seed ^ tagPerson<<58 ^ uint64(idx))
}

// parent returns the index of p's mother (female) or father. ok=false: no parent id at all;
// idx >= n: an id that is set but not present in cpr_person.
func (w *world) parent(p *person, female bool, r *rnd) (idx int, ok bool) {
	y := p.born.year()
	pKnown := 0.08
	switch {
	case y >= 1960:
		pKnown = 0.92
	case y >= 1950:
		pKnown = 0.4
	}
	if female {
		pKnown = min(1, pKnown*1.05)
	}
	if p.origin == origIndvandrer {
		pKnown *= 0.25 // most immigrants' parents never lived here
	}
	unknown := func() (int, bool) {
		if r.chance(0.35) {
			j := w.n + 2*p.idx
			if !female {
				j++
			}
			return j, true
		}
		return 0, false
	}
	if !r.chance(pKnown) {
		return unknown()
	}
	want := origDansk
	if p.origin != origDansk || (!female && r.chance(0.08)) {
		want = origIndvandrer
	}
	oldest, youngest := 42, 18
	if !female {
		oldest, youngest = 50, 20
	}
	lo := int(w.births.quantile(p.born.addYears(-oldest)) * float64(w.n))
	hi := int(w.births.quantile(p.born.addYears(-youngest)) * float64(w.n))
	hi = min(hi, p.idx)
	if hi <= lo {
		return unknown()
	}
	start := lo + r.IntN(hi-lo)
	for i := range min(hi-lo, 400) {
		j := lo + (start-lo+i)%(hi-lo)
		if f, o := w.quick(j, w.born(j)); f == female && o == want {
			return j, true
		}
	}
	return unknown()
}

// address is one dwelling and the 1–3 citizens registered there.
type address struct {
	num     int
	kommune int
	vej     string
	husnr   string
	postnr  string
	members [3]int
	size    int
}

var vejnavne = []string{"Hovedgaden", "Skolevej", "Kirkevej", "Vestergade", "Østergade",
	"Nørregade", "Søndergade", "Bakkevej", "Engvej", "Stationsvej", "Møllevej", "Skovvej",
	"Strandvejen", "Birkevej", "Egevej", "Bøgevej", "Ahornvej", "Lindevej", "Rosenvej",
	"Syrenvej", "Violvej", "Parkvej", "Markvej", "Toftevej", "Fasanvej", "Kastanievej",
	"Solvej", "Bellisvej", "Grønnegade", "Algade", "Jernbanegade", "Havnegade", "Åboulevarden",
	"Ringvejen", "Præstevænget", "Kløvervej", "Højvangen", "Elmevej", "Tjørnevej", "Vænget"}

var husstandVaegt = []float64{0.45, 0.35, 0.20}

var bogstaver = []string{"", "", "", "", "", "", "A", "B", "C"}

// walk visits every address in order with its members. Members are citizens at consecutive
// positions of an affine permutation of [0,n), so each citizen lives at exactly one address.
func (w *world) walk(r *rnd, fn func(a *address) error) error {
	var a address
	for slot, num := 0, 0; slot < w.n; num++ {
		r.reseed(w.seed, tagAddress, uint64(num))
		a.num = num
		a.size = min(1+r.weighted(husstandVaegt), w.n-slot)
		a.kommune = w.kommuner.pick(r.Float64())
		k := &w.kommuner.list[a.kommune]
		a.vej = vejnavne[r.IntN(len(vejnavne))]
		a.husnr = itoa(r.between(1, 120)) + bogstaver[r.IntN(len(bogstaver))]
		a.postnr = k.postnumre[r.IntN(len(k.postnumre))]
		for i := range a.size {
			a.members[i] = int((mulmod(w.permA, uint64(slot+i), uint64(w.n)) + w.permB) % uint64(w.n))
		}
		slot += a.size
		if err := fn(&a); err != nil {
			return err
		}
	}
	return nil
}

// people visits every citizen with their kommune; p and r are reused between calls.
func (w *world) people(fn func(p *person) error) error {
	ra, rp := newRnd(), newRnd()
	return w.walk(ra, func(a *address) error {
		for _, idx := range a.members[:a.size] {
			p := w.person(idx, rp)
			p.kommune = a.kommune
			if err := fn(&p); err != nil {
				return err
			}
		}
		return nil
	})
}

func itoa(n int) string {
	if n >= 0 && n < 10 {
		return string(rune('0' + n))
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
