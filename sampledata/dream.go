package sampledata

// DREAM (SPEC §6): one row per week (uge_start a Monday) for the citizens of working age who
// are in the register, with spells of benefits and of no benefit, moves between kommuner and
// commuting; and the table of benefit codes and their groups.

var (
	dreamUgeCols = []string{"borger_id", "uge_start", "ydelse_kode", "bopaelskommune_kode",
		"arbejdsstedskommune_kode", "beskaeftigelsesgrad"}
	dreamYdelsesgruppeCols = []string{"ydelse_kode", "ydelsesgruppe", "er_udvalgt"}
)

type dreamYdelse struct {
	kode, gruppe string
	udvalgt      bool
	spell        float64 // mean spell length in weeks
	vaegt        float64 // how often a new spell is of this kind
	minAge       int
	maxAge       int
}

var dreamYdelser = []dreamYdelse{
	{"111", "A-dagpenge", true, 16, 14, 18, 66},
	{"112", "A-dagpenge", true, 8, 4, 18, 66},
	{"130", "Kontanthjælp", true, 40, 8, 30, 66},
	{"131", "Kontanthjælp", true, 30, 4, 30, 66},
	{"135", "Uddannelseshjælp", true, 30, 6, 18, 29},
	{"521", "Fleksjob", false, 150, 5, 25, 66},
	{"651", "Ledighedsydelse", true, 20, 3, 25, 66},
	{"621", "Ressourceforløb", true, 60, 3, 25, 66},
	{"881", "Jobafklaringsforløb", true, 40, 3, 25, 66},
	{"890", "Sygedagpenge", true, 12, 16, 18, 66},
	{"891", "Sygedagpenge", true, 6, 4, 18, 66},
	{"611", "Revalidering", false, 30, 1, 20, 66},
	{"411", "SU", false, 40, 16, 18, 30},
	{"211", "Efterløn", false, 200, 5, 60, 66},
	{"783", "Førtidspension", false, 1000, 4, 25, 66},
	{"998", "Barselsdagpenge", false, 26, 6, 20, 45},
}

func (w *world) dreamYdelsesgruppe(out rowWriter) error {
	for _, y := range dreamYdelser {
		out.str(y.kode)
		out.str(y.gruppe)
		out.bool(y.udvalgt)
		if err := out.end(); err != nil {
			return err
		}
	}
	return nil
}

// dreamUge follows a citizen week by week while aged 16–66 and alive. The kommune at the last
// week is the one in cpr_person; earlier weeks may lie before a move.
func (w *world) dreamUge(out rowWriter) error {
	r := newRnd()
	weights := make([]float64, len(dreamYdelser))
	// Mondays: the first on or after the window start, the last whose week ends by data_tom.
	firstMonday := w.from + date((8-w.from.weekday())%7)
	lastMonday := w.tom - 6
	lastMonday -= date((lastMonday.weekday() + 6) % 7)
	return w.people(func(p *person) error {
		if p.born.addYears(16) > lastMonday || p.born.addYears(67) <= firstMonday {
			return nil
		}
		r.reseed(w.seed, tagDream, uint64(p.idx))
		if !r.chance(0.3) {
			return nil
		}
		home := p.kommune
		// Up to two moves; walking back from the present, the older kommune is nearby.
		var moves [2]date
		var before [2]int
		nMoves := 0
		if r.chance(0.08) {
			nMoves = 1 + r.IntN(2)
		}
		for i := range nMoves {
			moves[i] = firstMonday + 7*date(r.IntN(int(lastMonday-firstMonday)/7+1))
			before[i] = w.kommuner.pickNear(home, 0.6, r)
		}
		work := home
		if x := r.Float64(); x < 0.3 {
			work = w.kommuner.pickNear(home, 0.8, r)
		}
		employed := r.chance(0.7)
		grad := int64(r.between(30, 100))
		code := -1 // index into dreamYdelser; -1 = no ydelse
		left := 0
		id := w.personID(p.idx)
		for d := firstMonday; d <= lastMonday; d += 7 {
			age := p.born.ageAt(d)
			if age < 16 || age > 66 || !p.alive(d) {
				continue
			}
			if left == 0 {
				code, left = w.dreamSpell(code, age, r, weights)
				employed = r.chance(0.7)
				grad = int64(r.between(30, 100))
			}
			left--
			bopael := home
			for i := range nMoves {
				if d < moves[i] {
					bopael = before[i]
				}
			}
			out.id("", id)
			out.date(d)
			arbejde, g := work, grad
			working := employed
			if code >= 0 {
				out.str(dreamYdelser[code].kode)
				switch dreamYdelser[code].gruppe {
				case "Fleksjob":
					working, g = true, min(g, 60)
				case "A-dagpenge", "Kontanthjælp", "Sygedagpenge":
					working, g = employed && g < 50, min(g, 40) // partly employed alongside
				default:
					working = false
				}
			} else {
				out.strOrNull("", false)
			}
			out.int(int64(w.kommuner.list[bopael].kode))
			if working {
				out.int(int64(w.kommuner.list[arbejde].kode))
				out.dec(g, 2)
			} else {
				out.intOrNull(0, false)
				out.decOrNull(0, 2, false)
			}
			if err := out.end(); err != nil {
				return err
			}
		}
		return nil
	})
}

// dreamSpell draws the next spell: after a benefit, half the time no benefit; otherwise a
// benefit suited to the age, weighted by how common it is.
func (w *world) dreamSpell(prev, age int, r *rnd, weights []float64) (code, weeks int) {
	if prev >= 0 && r.chance(0.5) || prev < 0 && r.chance(0.3) {
		return -1, r.geometric(30)
	}
	for i, y := range dreamYdelser {
		weights[i] = 0
		if age >= y.minAge && age <= y.maxAge {
			weights[i] = y.vaegt
		}
	}
	if prev < 0 || dreamYdelser[prev].spell < 100 {
		code = r.weighted(weights)
	} else {
		code = prev // pensions and flexjobs rarely end
	}
	if weights[code] == 0 {
		return -1, r.geometric(30)
	}
	return code, r.geometric(dreamYdelser[code].spell)
}
