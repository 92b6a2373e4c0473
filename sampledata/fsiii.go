package sampledata

// FSIII — Fælles Sprog III (SPEC §3). Rows arrive as daily upserts: every id has one or more
// versions (version_tid), and the latest version may be entered-in-error. One walk over a
// citizen's stream produces all three tables; each table's generator passes only its own
// emitter, and the draws do not depend on which emitters are set.

var (
	fsiiiTilstandCols = []string{"tilstand_id", "borger_id", "kommune_kode", "tilstand_kode",
		"svaerhedsgrad", "vurdering_udfoerelse", "vurdering_betydning", "start_dato", "slut_dato",
		"opfoelgning_dato", "version_tid", "status"}
	fsiiiPlanlagtCols = []string{"indsats_id", "borger_id", "kommune_kode", "indsats_kode",
		"tilstand_id", "start_dato", "slut_dato", "version_tid", "status"}
	fsiiiLeveretCols = []string{"leveret_id", "borger_id", "kommune_kode", "indsats_kode",
		"leveret_tid", "version_tid", "status"}
)

// Funktionsevnetilstande (J) carry sværhedsgrad and the citizen's own assessment;
// sygeplejefaglige problemområder (I) carry neither.
var (
	funktionsevne = []string{"J1.1", "J1.2", "J1.3", "J1.4", "J1.5", "J1.6", "J1.7", "J1.8",
		"J2.1", "J2.2", "J2.3", "J2.4", "J2.5", "J3.1", "J3.2", "J3.3", "J4.1", "J4.2", "J5.1", "J5.2"}
	sygepleje = []string{"I1.1", "I1.2", "I2.1", "I2.2", "I3.1", "I3.2", "I4.1", "I5.1", "I6.1",
		"I7.1", "I8.1", "I9.1", "I10.1", "I11.1", "I12.1"}
	// Services by legal basis: Serviceloven §83 (care), §83a (rehabilitation), §86 (training),
	// Sundhedsloven §138 (nursing).
	indsatskoder = []string{"SEL83.1.1", "SEL83.1.2", "SEL83.2.1", "SEL83.2.2", "SEL83.3",
		"SEL83a", "SEL86.1", "SEL86.2", "SUL138.1", "SUL138.2", "SUL138.3"}
	svaerVaegt = []float64{0.1, 0.3, 0.3, 0.2, 0.1}
)

const (
	statusActive    = "active"
	statusCompleted = "completed"
	statusError     = "entered-in-error"
)

type fsiiiTilstandRow struct {
	id                    uint64
	kode                  string
	svaer                 int // -1: NULL
	udfoerelse, betydning string
	start, slut, opf      date
	version               stamp
	status                string
}

type fsiiiPlanlagtRow struct {
	id, tilstand uint64
	hasTilstand  bool
	kode         string
	start, slut  date
	version      stamp
	status       string
}

type fsiiiLeveretRow struct {
	id               uint64
	kode             string
	leveret, version stamp
	status           string
}

type fsiiiEmit struct {
	tilstand func(*fsiiiTilstandRow) error
	planlagt func(*fsiiiPlanlagtRow) error
	leveret  func(*fsiiiLeveretRow) error
}

func (w *world) fsiiiID(tag uint64, idx, n int) uint64 {
	return mix64(w.seed ^ tag<<58 ^ uint64(idx)<<6 ^ uint64(n))
}

// fsiii generates one citizen's FSIII history: mostly the old (half of those over 85), a few
// younger citizens with disabilities; data from 2022 as in the release notes.
func (w *world) fsiii(p *person, r *rnd, e fsiiiEmit) error {
	r.reseed(w.seed, tagFSIII, uint64(p.idx))
	first := max(w.from, mkDate(2022, 1, 1), p.born)
	last := w.tom
	if p.died != noDate {
		last = min(last, p.died)
	}
	age := p.born.ageAt(w.tom)
	pIn := 0.015
	switch {
	case age >= 85:
		pIn = 0.5
	case age >= 75:
		pIn = 0.25
	case age >= 65:
		pIn = 0.1
	case age < 18:
		pIn = 0
	}
	if first > last || !r.chance(pIn) {
		return nil
	}
	span := int(last-first) + 1
	nPlan := 0
	nT := 1 + r.IntN(5)
	for t := range nT {
		tr := fsiiiTilstandRow{id: w.fsiiiID(tagTilstand, p.idx, t), svaer: -1, opf: noDate, slut: noDate}
		nursing := r.chance(0.3)
		if nursing {
			tr.kode = sygepleje[r.IntN(len(sygepleje))]
		} else {
			tr.kode = funktionsevne[r.IntN(len(funktionsevne))]
			tr.svaer = r.weighted(svaerVaegt)
			if r.chance(0.05) {
				tr.svaer = 9 // ikke relevant
			}
			if r.chance(0.8) {
				tr.udfoerelse = "C" + itoa(1+r.IntN(4))
			}
			if r.chance(0.7) {
				tr.betydning = "D" + itoa(1+r.IntN(2))
			}
		}
		tr.start = first + date(r.IntN(span))
		slut := noDate
		if r.chance(0.35) {
			if d := tr.start + date(r.between(14, 400)); d <= last {
				slut = d
			}
		}
		nv := 1 + r.weighted([]float64{0.5, 0.3, 0.15, 0.05})
		errorLast := r.chance(0.03)
		tr.version = at(tr.start, r.between(7, 16), r.IntN(60), r.IntN(60))
		for v := range nv {
			if v > 0 {
				next := tr.version.add(86400*r.between(1, 120) + r.IntN(3600))
				if next.day > last {
					break
				}
				tr.version = next
				if tr.svaer >= 0 && tr.svaer < 9 && r.chance(0.4) {
					tr.svaer = min(4, max(0, tr.svaer+r.between(-1, 1)))
				}
			}
			if r.chance(0.7) {
				tr.opf = tr.version.day + date(r.between(30, 180))
			}
			final := v == nv-1 || tr.version.add(86400).day > last
			tr.status = statusActive
			switch {
			case final && errorLast:
				tr.status = statusError
			case final && slut != noDate:
				tr.slut, tr.status = slut, statusCompleted
			case !final && r.chance(0.05):
				tr.status = statusError // corrected by the next version
			}
			if e.tilstand != nil {
				if err := e.tilstand(&tr); err != nil {
					return err
				}
			}
		}
		for range r.weighted([]float64{0.3, 0.5, 0.2}) {
			pr := fsiiiPlanlagtRow{id: w.fsiiiID(tagIndsats, p.idx, nPlan), tilstand: tr.id, hasTilstand: true}
			nPlan++
			pr.start = tr.start + date(r.between(0, 30))
			if err := w.fsiiiPlan(&pr, r, last, e); err != nil {
				return err
			}
		}
	}
	if r.chance(0.2) { // planned without a condition
		pr := fsiiiPlanlagtRow{id: w.fsiiiID(tagIndsats, p.idx, nPlan)}
		pr.start = first + date(r.IntN(span))
		if err := w.fsiiiPlan(&pr, r, last, e); err != nil {
			return err
		}
	}
	nL := r.weighted([]float64{0.3, 0.2, 0.15, 0.1, 0.1, 0.1, 0.05})
	for l := range nL {
		lr := fsiiiLeveretRow{id: w.fsiiiID(tagLeveret, p.idx, l), kode: indsatskoder[r.IntN(len(indsatskoder))]}
		lr.leveret = at(first+date(r.IntN(span)), r.IntN(24), r.IntN(60), r.IntN(60))
		lr.version = lr.leveret.add(r.between(60, 48*3600))
		nv := 1
		if r.chance(0.1) {
			nv = 2
		}
		final := r.weighted([]float64{0.9, 0.05, 0.05})
		for v := range nv {
			if v > 0 {
				next := lr.version.add(86400 * r.between(1, 10))
				if next.day > w.tom {
					break
				}
				lr.version = next
			}
			lr.status = statusCompleted
			if v == nv-1 {
				lr.status = [...]string{statusCompleted, statusError, statusActive}[final]
			}
			if lr.version.day > w.tom {
				break // delivered on the last evening, versioned after the load
			}
			if e.leveret != nil {
				if err := e.leveret(&lr); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (w *world) fsiiiPlan(pr *fsiiiPlanlagtRow, r *rnd, last date, e fsiiiEmit) error {
	pr.kode = indsatskoder[r.IntN(len(indsatskoder))]
	pr.slut = noDate
	slut := noDate
	if r.chance(0.4) {
		if d := pr.start + date(r.between(7, 365)); d <= last {
			slut = d
		}
	}
	nv := 1 + r.weighted([]float64{0.6, 0.3, 0.1})
	errorLast := r.chance(0.03)
	pr.version = at(min(pr.start, last), r.between(7, 16), r.IntN(60), r.IntN(60))
	if pr.start > last {
		return nil
	}
	for v := range nv {
		if v > 0 {
			next := pr.version.add(86400*r.between(1, 90) + r.IntN(3600))
			if next.day > last {
				break
			}
			pr.version = next
		}
		final := v == nv-1 || pr.version.add(86400).day > last
		pr.status = statusActive
		switch {
		case final && errorLast:
			pr.status = statusError
		case final && slut != noDate:
			pr.slut, pr.status = slut, statusCompleted
		}
		if e.planlagt != nil {
			if err := e.planlagt(pr); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *world) fsiiiEach(e func(p *person) fsiiiEmit) error {
	r := newRnd()
	return w.people(func(p *person) error { return w.fsiii(p, r, e(p)) })
}

func (w *world) fsiiiTilstand(out rowWriter) error {
	return w.fsiiiEach(func(p *person) fsiiiEmit {
		return fsiiiEmit{tilstand: func(t *fsiiiTilstandRow) error {
			out.id("T", t.id)
			out.id("", w.personID(p.idx))
			out.int(int64(w.kommuner.list[p.kommune].kode))
			out.str(t.kode)
			out.intOrNull(int64(t.svaer), t.svaer >= 0)
			out.strOrNull(t.udfoerelse, t.udfoerelse != "")
			out.strOrNull(t.betydning, t.betydning != "")
			out.date(t.start)
			out.date(t.slut)
			out.date(t.opf)
			out.stamp(t.version)
			out.str(t.status)
			return out.end()
		}}
	})
}

func (w *world) fsiiiPlanlagt(out rowWriter) error {
	return w.fsiiiEach(func(p *person) fsiiiEmit {
		return fsiiiEmit{planlagt: func(t *fsiiiPlanlagtRow) error {
			out.id("I", t.id)
			out.id("", w.personID(p.idx))
			out.int(int64(w.kommuner.list[p.kommune].kode))
			out.str(t.kode)
			out.idOrNull("T", t.tilstand, t.hasTilstand)
			out.date(t.start)
			out.date(t.slut)
			out.stamp(t.version)
			out.str(t.status)
			return out.end()
		}}
	})
}

func (w *world) fsiiiLeveret(out rowWriter) error {
	return w.fsiiiEach(func(p *person) fsiiiEmit {
		return fsiiiEmit{leveret: func(t *fsiiiLeveretRow) error {
			out.id("L", t.id)
			out.id("", w.personID(p.idx))
			out.int(int64(w.kommuner.list[p.kommune].kode))
			out.str(t.kode)
			out.stamp(t.leveret)
			out.stamp(t.version)
			out.str(t.status)
			return out.end()
		}}
	})
}
