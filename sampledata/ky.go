package sampledata

// KY — Kommunernes Ydelsessystem (SPEC §2). All five tables are projections of one model per
// citizen (kyPerson), recomputed from the citizen's own stream by each table's generator.

var (
	kySagCols = []string{"sag_id", "kommune_kode", "oprettet_dato", "kle_nummer", "ydelsesart",
		"ydelsesmodtager_id", "bevillingsmodtager_id", "sagsbehandler_id", "organisation_id"}
	kySagstilstandCols = []string{"sag_id", "sagstilstand", "fra_dato", "til_dato"}
	kyOpgaveCols       = []string{"opgave_id", "sag_id", "kommune_kode", "oprettet_dato", "opgavetilstand", "afsluttet_dato"}
	kyYdelseCols       = []string{"ydelse_id", "sag_id", "borger_id", "kommune_kode", "ydelsestype", "start_dato", "slut_dato"}
	kyAfgoerelseCols   = []string{"afgoerelse_id", "sag_id", "afgoerelsestype", "afgoerelse_tid", "loebenummer"}
)

// Sagstilstande in SPEC order.
const (
	stOprettet = iota
	stUnderOplysning
	stBevilget
	stAfslag
	stHenlagt
	stAfsluttet
)

var sagstilstande = []string{"Oprettet", "Under Oplysning", "Bevilget", "Afslag", "Henlagt", "Afsluttet"}

var afgoerelsestyper = [...]string{stBevilget: "Bevilling", stAfslag: "Afslag", stHenlagt: "Henlæggelse"}

var afgoerelsesAendringer = []string{"Delvis bevilling", "Ændring af bevilling", "Genoptagelse", "Bevilling", "Afslag"}

type ydelsesart struct {
	art, kle string
	typer    []string
}

var ydelsesarter = []ydelsesart{
	{"Kontanthjælp", "32.18.04", []string{"Grundydelse", "Særlig støtte", "Forsørgertillæg"}},
	{"Uddannelseshjælp", "32.18.05", []string{"Grundydelse", "Forsørgertillæg"}},
	{"Sygedagpenge", "32.12.08", []string{"Sygedagpenge", "Refusion til arbejdsgiver"}},
	{"Hjælp i særlige tilfælde", "32.24.00", []string{"Enkeltudgift", "Sygebehandling", "Flytteudgifter"}},
	{"Merudgifter", "27.24.10", []string{"Merudgiftsydelse"}},
	{"Tabt arbejdsfortjeneste", "27.24.12", []string{"Tabt arbejdsfortjeneste"}},
	{"Ressourceforløbsydelse", "32.18.10", []string{"Ressourceforløbsydelse"}},
	{"Ledighedsydelse", "32.18.12", []string{"Ledighedsydelse"}},
}
var ydelsesartVaegt = []float64{30, 10, 20, 15, 8, 5, 7, 5}

type kyState struct {
	s   int
	fra date
}

type kyOpg struct {
	key       uint64
	oprettet  date
	afsluttet date // noDate: open
	tilstand  string
}

type kyYd struct {
	key         uint64
	typ         string
	start, slut date
}

type kyAfgRow struct {
	typ string
	tid stamp
}

type kyAfg struct {
	key  uint64
	rows [3]kyAfgRow
	n    int
}

type kySagModel struct {
	key       uint64
	oprettet  date
	art       *ydelsesart
	bevModt   int // citizen index of the bevillingsmodtager
	behandler int
	states    [10]kyState
	ns        int
	opg       [3]kyOpg
	nopg      int
	yd        [2]kyYd
	nyd       int
	afg       [3]kyAfg
	nafg      int
}

type kyPerson struct {
	sager    [3]kySagModel
	n        int
	loose    kyOpg // an opgave without a sag
	hasLoose bool
}

// kyKey numbers the entities of one citizen: 16 slots per citizen, 4 per case.
func kyKey(idx, sag, j int) uint64 { return uint64(idx)<<4 | uint64(sag)<<2 | uint64(j) }

func (w *world) kyID(tag, key uint64) uint64 { return mix64(w.seed ^ tag<<58 ^ key) }

// ky builds a citizen's cases. Case lives: Oprettet → Under Oplysning → Bevilget/Afslag/
// Henlagt → Afsluttet, with same-day transitions (zero-length periods), a few cases decided
// twice, and everything after data_tom (or the citizen's death) cut off: the load only knows
// the past.
func (w *world) ky(p *person, r *rnd, c *kyPerson) {
	r.reseed(w.seed, tagKY, uint64(p.idx))
	c.n, c.hasLoose = 0, false
	first := max(w.from, p.born.addYears(18))
	last := w.tom
	if p.died != noDate {
		last = min(last, p.died)
	}
	if first > last {
		return
	}
	age := p.born.ageAt(w.tom)
	pCase := 0.15
	switch {
	case age < 30:
		pCase = 0.25
	case age >= 67:
		pCase = 0.08
	}
	if !r.chance(pCase) {
		return
	}
	c.n = 1
	if r.chance(0.2) {
		c.n++
		if r.chance(0.25) {
			c.n++
		}
	}
	span := int(last-first) + 1
	for i := range c.n {
		s := &c.sager[i]
		*s = kySagModel{key: kyKey(p.idx, i, 0)}
		s.oprettet = first + date(r.IntN(span))
		s.art = &ydelsesarter[r.weighted(ydelsesartVaegt)]
		s.bevModt = p.idx
		if r.chance(0.08) { // paid to someone else (a guardian, a landlord's tenant)
			s.bevModt = r.IntN(w.n)
		}
		s.behandler = 1 + r.IntN(max(2, w.kommuner.list[p.kommune].befolkning/8000))
		w.kyStates(s, r, last)
		w.kyOpgaver(s, r, p.idx, i)
		w.kyYdelser(s, r, p.idx, i)
		w.kyAfgoerelser(s, r, p.idx, i)
	}
	if r.chance(0.05) {
		c.hasLoose = true
		c.loose = w.kyOpgave1(r, kyKey(p.idx, 3, 0), first+date(r.IntN(span)))
	}
}

func (w *world) kyStates(s *kySagModel, r *rnd, last date) {
	add := func(st int, d date) {
		if s.ns < len(s.states) {
			s.states[s.ns] = kyState{st, d}
			s.ns++
		}
	}
	t := s.oprettet
	add(stOprettet, t)
	decision := func() int { return stBevilget + r.weighted([]float64{0.65, 0.2, 0.15}) }
	if r.chance(0.06) { // refused on the spot: created and decided the same day
		add(stAfslag, t)
	} else {
		if !r.chance(0.12) { // else Under Oplysning the same day: a zero-length Oprettet
			t += date(r.between(1, 20))
		}
		add(stUnderOplysning, t)
		t += date(r.between(0, 90))
		add(decision(), t)
		if r.chance(0.03) { // reopened and decided again
			t += date(r.between(5, 60))
			add(stUnderOplysning, t)
			t += date(r.between(0, 40))
			add(decision(), t)
		}
	}
	if s.states[s.ns-1].s == stBevilget {
		if r.chance(0.75) {
			add(stAfsluttet, t+date(r.between(30, 500)))
		}
	} else if r.chance(0.5) {
		add(stAfsluttet, t+date(r.between(0, 30)))
	}
	// Cut at data_tom / death; a death closes an open case two weeks later.
	n := 0
	for n < s.ns && s.states[n].fra <= last {
		n++
	}
	s.ns = n
	if last < w.tom && s.states[n-1].s != stAfsluttet && last+14 <= w.tom {
		add(stAfsluttet, last+14)
	}
}

func (w *world) kyOpgave1(r *rnd, key uint64, oprettet date) kyOpg {
	o := kyOpg{key: key, oprettet: oprettet, afsluttet: noDate, tilstand: "Åben"}
	if !r.chance(0.15) {
		if a := oprettet + date(r.between(0, 90)); a <= w.tom {
			o.afsluttet = a
			o.tilstand = "Gennemført"
			if r.chance(0.15) {
				o.tilstand = "Afbrudt"
			}
		}
	}
	return o
}

func (w *world) kyOpgaver(s *kySagModel, r *rnd, idx, sag int) {
	want := r.weighted([]float64{0.3, 0.4, 0.2, 0.1})
	for j := range want {
		d := s.oprettet + date(r.between(0, 60))
		o := w.kyOpgave1(r, kyKey(idx, sag, j), d)
		if d <= w.tom {
			s.opg[s.nopg] = o
			s.nopg++
		}
	}
}

func (w *world) kyYdelser(s *kySagModel, r *rnd, idx, sag int) {
	bev := noDate
	for _, st := range s.states[:s.ns] {
		if st.s == stBevilget {
			bev = st.fra
			break
		}
	}
	if bev == noDate {
		return
	}
	n := 1
	if r.chance(0.3) {
		n = 2
	}
	for j := range n {
		y := kyYd{key: kyKey(idx, sag, j), typ: s.art.typer[r.IntN(len(s.art.typer))], slut: noDate}
		y.start = bev + date(r.between(-30, 14)) // back-dated to before the case at times
		if !r.chance(0.25) {
			y.slut = y.start + date(r.between(14, 540)) // may lie after data_tom: granted ahead
		}
		if y.start <= w.tom {
			s.yd[s.nyd] = y
			s.nyd++
		}
	}
}

func (w *world) kyAfgoerelser(s *kySagModel, r *rnd, idx, sag int) {
	for _, st := range s.states[:s.ns] {
		if st.s < stBevilget || st.s > stHenlagt || s.nafg == len(s.afg) {
			continue
		}
		a := &s.afg[s.nafg]
		*a = kyAfg{key: kyKey(idx, sag, s.nafg)}
		s.nafg++
		a.n = 1 + r.weighted([]float64{0.6, 0.3, 0.1})
		t := at(st.fra, r.between(8, 15), r.IntN(60), r.IntN(60))
		for k := range a.n {
			if k > 0 {
				switch x := r.Float64(); {
				case x < 0.4: // same second: only loebenummer orders them
				case x < 0.8:
					t = t.add(r.between(60, 7200))
				default:
					if u := t.add(86400 * r.between(1, 10)); u.day <= w.tom {
						t = u
					}
				}
			}
			typ := afgoerelsestyper[st.s]
			if k < a.n-1 && r.chance(0.5) {
				typ = afgoerelsesAendringer[r.IntN(len(afgoerelsesAendringer))]
			}
			a.rows[k] = kyAfgRow{typ, t}
		}
	}
}

// kyEach calls fn for every citizen with at least one case or loose opgave.
func (w *world) kyEach(fn func(p *person, c *kyPerson) error) error {
	r := newRnd()
	var c kyPerson
	return w.people(func(p *person) error {
		w.ky(p, r, &c)
		if c.n == 0 && !c.hasLoose {
			return nil
		}
		return fn(p, &c)
	})
}

func (w *world) kySag(out rowWriter) error {
	return w.kyEach(func(p *person, c *kyPerson) error {
		k := &w.kommuner.list[p.kommune]
		for _, s := range c.sager[:c.n] {
			out.id("S", w.kyID(tagSag, s.key))
			out.int(int64(k.kode))
			out.date(s.oprettet)
			out.str(s.art.kle)
			out.str(s.art.art)
			out.id("", w.personID(p.idx))
			out.id("", w.personID(s.bevModt))
			out.str("SB" + itoa(int(k.kode)) + "-" + itoa(s.behandler))
			out.str("ORG" + itoa(int(k.kode)) + "-" + itoa(1+s.behandler%4))
			if err := out.end(); err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *world) kySagstilstand(out rowWriter) error {
	return w.kyEach(func(p *person, c *kyPerson) error {
		for _, s := range c.sager[:c.n] {
			for i, st := range s.states[:s.ns] {
				til := noDate
				if i+1 < s.ns {
					til = s.states[i+1].fra
				}
				out.id("S", w.kyID(tagSag, s.key))
				out.str(sagstilstande[st.s])
				out.date(st.fra)
				out.date(til)
				if err := out.end(); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (w *world) kyOpgave(out rowWriter) error {
	return w.kyEach(func(p *person, c *kyPerson) error {
		kode := int64(w.kommuner.list[p.kommune].kode)
		emit := func(o *kyOpg, sag uint64, hasSag bool) error {
			out.id("O", w.kyID(tagOpgave, o.key))
			out.idOrNull("S", w.kyID(tagSag, sag), hasSag)
			out.int(kode)
			out.date(o.oprettet)
			out.str(o.tilstand)
			out.date(o.afsluttet)
			return out.end()
		}
		for _, s := range c.sager[:c.n] {
			for i := range s.opg[:s.nopg] {
				if err := emit(&s.opg[i], s.key, true); err != nil {
					return err
				}
			}
		}
		if c.hasLoose {
			return emit(&c.loose, 0, false)
		}
		return nil
	})
}

func (w *world) kyYdelse(out rowWriter) error {
	return w.kyEach(func(p *person, c *kyPerson) error {
		kode := int64(w.kommuner.list[p.kommune].kode)
		for _, s := range c.sager[:c.n] {
			for _, y := range s.yd[:s.nyd] {
				out.id("Y", w.kyID(tagYdelse, y.key))
				out.id("S", w.kyID(tagSag, s.key))
				out.id("", w.personID(p.idx))
				out.int(kode)
				out.str(y.typ)
				out.date(y.start)
				out.date(y.slut)
				if err := out.end(); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (w *world) kyAfgoerelse(out rowWriter) error {
	return w.kyEach(func(p *person, c *kyPerson) error {
		for _, s := range c.sager[:c.n] {
			for _, a := range s.afg[:s.nafg] {
				for k, row := range a.rows[:a.n] {
					out.id("AF", w.kyID(tagAfgoerelse, a.key))
					out.id("S", w.kyID(tagSag, s.key))
					out.str(row.typ)
					out.stamp(row.tid)
					out.int(int64(k + 1))
					if err := out.end(); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}
