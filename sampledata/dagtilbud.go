package sampledata

// Dagtilbud and Aula (SPEC §5): monthly placements of children 0–6, the Aula uuid of each
// child, and the children's check-in/check-out registrations per day.

var (
	dagtilbudPladsCols = []string{"barn_id", "institution_nr", "kommune_kode", "maaned", "ugentlige_timer"}
	aulaBarnCols       = []string{"barn_uuid", "barn_id"}
	aulaKommeGaaCols   = []string{"barn_uuid", "institution_nr", "kommune_kode", "registrering_tid", "status_kode"}
)

// Contracted weekly hours, in tenths: mostly full time, some 20–30 hour places.
var (
	timerTiendedele = []int{200, 250, 275, 300, 320, 350, 360, 365, 400, 425, 450}
	timerVaegt      = []float64{3, 4, 2, 6, 3, 8, 4, 2, 12, 5, 3}
)

// placement is a child's dagtilbud career: from about 10 months old to the summer before
// school, in a vuggestue and then a børnehave (or one integrated institution throughout).
type placement struct {
	start, end     date // first and last month of the placement
	switchMonth    date // first month in the børnehave; noDate for an integrated institution
	inst1, inst2   int
	hours1, hours2 int // tenths of an hour, before and from changeMonth
	changeMonth    date
	twoUUIDs       bool // re-created in Aula: the last month's registrations use a second uuid
}

// placement returns the child's placement, or ok=false for a child never in dagtilbud in the
// history window.
func (w *world) placement(p *person, r *rnd) (pl placement, ok bool) {
	r.reseed(w.seed, tagDagtilbud, uint64(p.idx))
	pl.start = (p.born + date(r.between(280, 420))).monthStart()
	pl.end = mkDate(p.born.year()+6, 7, 1)
	k := &w.kommuner.list[p.kommune]
	pl.inst1 = 1 + r.IntN(k.institutioner)
	pl.inst2 = pl.inst1
	pl.switchMonth = noDate
	if r.chance(0.5) {
		pl.inst2 = 1 + r.IntN(k.institutioner)
		pl.switchMonth = p.born.addYears(3).addMonths(-2)
	}
	pl.hours1 = timerTiendedele[r.weighted(timerVaegt)]
	pl.hours2 = timerTiendedele[r.weighted(timerVaegt)]
	pl.changeMonth = pl.start.addMonths(r.between(3, 60))
	pl.twoUUIDs = r.chance(0.02)
	never := r.chance(0.05)
	if p.died != noDate {
		pl.end = min(pl.end, p.died.monthStart())
	}
	if never || pl.start > w.tom || pl.end < w.from || pl.start > pl.end {
		return pl, false
	}
	return pl, true
}

// institutions returns the institution(s) a child is placed in during month m: two in the
// month of the move to the børnehave.
func (pl *placement) institutions(m date) (a, b int) {
	switch {
	case pl.switchMonth == noDate || m < pl.switchMonth:
		return pl.inst1, 0
	case m == pl.switchMonth && pl.inst2 != pl.inst1:
		return pl.inst1, pl.inst2
	default:
		return pl.inst2, 0
	}
}

// hours returns the contracted hours (tenths) for month m; ok=false is a NULL delivered by the
// kommune. A few months carry 0.
func (w *world) hours(p *person, pl *placement, m date) (int, bool) {
	h := mix64(w.seed ^ tagDagtilbud<<58 ^ uint64(p.idx)<<20 ^ uint64(m))
	switch u := h % 1000; {
	case u < 10:
		return 0, false
	case u < 15:
		return 0, true
	}
	if m >= pl.changeMonth {
		return pl.hours2, true
	}
	return pl.hours1, true
}

func institutionNr(k *kommune, inst int) string { return itoa(int(k.kode)*1000 + inst) }

func (w *world) childrenEach(fn func(p *person, pl *placement) error) error {
	r := newRnd()
	oldest := w.from.addYears(-7)
	return w.people(func(p *person) error {
		if p.born < oldest {
			return nil
		}
		pl, ok := w.placement(p, r)
		if !ok {
			return nil
		}
		return fn(p, &pl)
	})
}

func (w *world) dagtilbudPlads(out rowWriter) error {
	return w.childrenEach(func(p *person, pl *placement) error {
		k := &w.kommuner.list[p.kommune]
		for m := max(pl.start, w.from); m <= pl.end && m <= w.tom; m = m.addMonths(1) {
			h, ok := w.hours(p, pl, m)
			a, b := pl.institutions(m)
			for _, inst := range [2]int{a, b} {
				if inst == 0 {
					continue
				}
				out.id("", w.personID(p.idx))
				out.str(institutionNr(k, inst))
				out.int(int64(k.kode))
				out.date(m)
				out.decOrNull(int64(h), 1, ok)
				if err := out.end(); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// barnUUID is a version-4-shaped uuid derived from the child; n=1 is the second uuid.
func (w *world) barnUUID(idx, n int) [16]byte {
	var u [16]byte
	a := mix64(w.seed ^ tagBarnUUID<<58 ^ uint64(idx)<<1 ^ uint64(n))
	b := mix64(a ^ 0x5bd1e995)
	for i := range 8 {
		u[i] = byte(a >> (56 - 8*i))
		u[8+i] = byte(b >> (56 - 8*i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

func (w *world) aulaBarn(out rowWriter) error {
	return w.childrenEach(func(p *person, pl *placement) error {
		n := 1
		if pl.twoUUIDs {
			n = 2
		}
		for i := range n {
			out.uuid(w.barnUUID(p.idx, i))
			out.id("", w.personID(p.idx))
			if err := out.end(); err != nil {
				return err
			}
		}
		return nil
	})
}

// Aula status codes (SPEC §5).
const (
	aulaIkkeTilstede = 0
	aulaSyg          = 1
	aulaFravaer      = 2
	aulaTilStede     = 3
	aulaPaaTur       = 4
	aulaSover        = 5
	aulaAktivitet    = 6
	aulaPlacering    = 7
	aulaCheckedUd    = 8
)

// aulaKommeGaa writes each child's registrations for every weekday of the Aula window while
// placed: arrival (3), changes (4 trip, 5 nap, 6 activity, 7 location) each followed by 3,
// check-out (8); sick days (1) and absence (2, 0); a few days never checked out.
func (w *world) aulaKommeGaa(out rowWriter) error {
	r := newRnd()
	return w.childrenEach(func(p *person, pl *placement) error {
		k := &w.kommuner.list[p.kommune]
		r.reseed(w.seed, tagAula, uint64(p.idx))
		first := max(w.aulaFrom, pl.start)
		last := min(w.tom, pl.end.monthEnd())
		uuid1, uuid2 := w.barnUUID(p.idx, 0), w.barnUUID(p.idx, 1)
		nr1, nr2 := institutionNr(k, pl.inst1), institutionNr(k, pl.inst2)
		for d := first; d <= last; d++ {
			if wd := d.weekday(); wd == 0 || wd == 6 {
				continue
			}
			m := d.monthStart()
			inst := nr1
			if a, b := pl.institutions(m); a != pl.inst1 || b != 0 && d-m >= 14 {
				inst = nr2 // in the børnehave; mid-month in the month of the move
			}
			uuid := uuid1
			if pl.twoUUIDs && m == w.tom.monthStart() {
				uuid = uuid2
			}
			reg := func(t, code int) error {
				out.uuid(uuid)
				out.str(inst)
				out.int(int64(k.kode))
				out.stamp(stamp{d, int32(t)})
				out.int(int64(code))
				return out.end()
			}
			if err := w.aulaDay(p, d, r, reg); err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *world) aulaDay(p *person, d date, r *rnd, reg func(t, code int) error) error {
	const h = 3600
	_, month, _ := d.ymd()
	absent := 0.06
	if month == 7 {
		absent = 0.35 // summer holidays
	}
	switch u := r.Float64(); {
	case u < 0.05:
		return reg(r.between(7*h, 9*h), aulaSyg)
	case u < 0.05+absent:
		code := aulaFravaer
		if r.chance(0.3) {
			code = aulaIkkeTilstede
		}
		return reg(r.between(6*h+30*60, 9*h), code)
	}
	t := r.between(6*h+30*60, 9*h+30*60)
	if err := reg(t, aulaTilStede); err != nil {
		return err
	}
	// Each change is a registration and a return to 3 later.
	change := func(earliest, latest, code, minDur, maxDur int) error {
		s := max(t+5*60, r.between(earliest, latest))
		if err := reg(s, code); err != nil {
			return err
		}
		t = s + r.between(minDur, maxDur)
		return reg(t, aulaTilStede)
	}
	if t < 10*h && r.chance(0.2) {
		if err := change(9*h+30*60, 10*h+30*60, aulaPaaTur, 60*60, 120*60); err != nil {
			return err
		}
	}
	if p.born.ageAt(d) < 3 {
		if err := change(11*h, 12*h+30*60, aulaSover, 45*60, 150*60); err != nil {
			return err
		}
	}
	if r.chance(0.1) {
		code := aulaAktivitet
		if r.chance(0.5) {
			code = aulaPlacering
		}
		if err := change(13*h, 14*h+30*60, code, 30*60, 60*60); err != nil {
			return err
		}
	}
	out := max(t+30*60, r.between(14*h, 17*h))
	if r.chance(0.03) || out >= 24*h { // forgot to check out
		return nil
	}
	return reg(out, aulaCheckedUd)
}
