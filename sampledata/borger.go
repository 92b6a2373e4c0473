package sampledata

// Borger (SPEC §4): cpr_person, adresse and lifa_skoledistrikt.

var cprPersonCols = []string{"borger_id", "foedselsdato", "koen", "foedeland", "statsborgerskab",
	"mor_id", "far_id", "bopaelskommune_kode", "betalingskommune_kode", "adresse_id", "doedsdato"}

var adresseCols = []string{"adresse_id", "kommune_kode", "vejnavn", "husnr", "postnr"}

var lifaCols = []string{"adresse_id", "skoledistrikt_kode", "skole_navn", "start_klassetrin", "slut_klassetrin"}

const tagLifa = 0x4c494641

func (w *world) addressID(num int) uint64 { return mix64(w.seed ^ tagAddress<<58 ^ uint64(num)) }

func (w *world) cprPerson(out rowWriter) error {
	ra, rp, rpar := newRnd(), newRnd(), newRnd()
	return w.walk(ra, func(a *address) error {
		k := &w.kommuner.list[a.kommune]
		for _, idx := range a.members[:a.size] {
			p := w.person(idx, rp)
			rpar.reseed(w.seed, tagParent, uint64(idx))
			mor, morOK := w.parent(&p, true, rpar)
			far, farOK := w.parent(&p, false, rpar)
			betaling := a.kommune
			if rpar.chance(0.03) { // placed or housed by another kommune
				betaling = w.kommuner.pickNear(a.kommune, 0.7, rpar)
			}
			out.id("", w.personID(idx))
			out.date(p.born)
			if p.female {
				out.str("K")
			} else {
				out.str("M")
			}
			out.str(p.foedeland)
			out.str(p.statsborg)
			out.idOrNull("", w.personID(mor), morOK)
			out.idOrNull("", w.personID(far), farOK)
			out.int(int64(k.kode))
			out.int(int64(w.kommuner.list[betaling].kode))
			out.id("A", w.addressID(a.num))
			out.date(p.died)
			if err := out.end(); err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *world) adresse(out rowWriter) error {
	return w.walk(newRnd(), func(a *address) error {
		out.id("A", w.addressID(a.num))
		out.int(int64(w.kommuner.list[a.kommune].kode))
		out.str(a.vej)
		out.str(a.husnr)
		out.str(a.postnr)
		return out.end()
	})
}

var skoleNavne = []string{"Rødding Skole", "Lindeskolen", "Vestre Skole", "Østre Skole",
	"Nørre Skole", "Søndre Skole", "Bakkeskolen", "Engskolen", "Skovvangskolen", "Møllevangskolen",
	"Kirkebakkeskolen", "Strandskolen", "Bøgeskovskolen", "Højvangskolen", "Parkskolen",
	"Rosenlundskolen", "Tjørnegårdskolen", "Sankt Jørgens Skole", "Fjordskolen", "Åskolen"}

// district is one school district of a kommune: kode KKKDD, and a stable name.
func (w *world) district(k *kommune, d int) (kode, navn string) {
	kode = itoa(int(k.kode)*100 + d)
	if d == 99 {
		return kode, k.navn + " Ungdomsskole"
	}
	return kode, skoleNavne[(int(k.kode)*7+d)%len(skoleNavne)]
}

// lifa gives every address 1–3 districts, as LIFA delivers them: mostly one folkeskole 0–9;
// often also the 10th grade at the ungdomsskole; split districts 0–6/7–9; the SPEC's example
// A 0–9, B 10–10, C 0–6; and ties (two schools 0–9) that dim_geografi breaks by lowest code.
// Rows of one address come in no particular code order, so a model cannot rely on it.
func (w *world) lifa(out rowWriter) error {
	ra, r := newRnd(), newRnd()
	return w.walk(ra, func(a *address) error {
		r.reseed(w.seed, tagLifa, uint64(a.num))
		k := &w.kommuner.list[a.kommune]
		d1 := 1 + r.IntN(k.distrikter)
		d2 := 1 + (d1+r.IntN(k.distrikter-1))%k.distrikter
		type row struct{ d, from, to int }
		var rows [3]row
		n := 0
		switch x := r.Float64(); {
		case x < 0.60:
			rows[0], n = row{d1, 0, 9}, 1
		case x < 0.75:
			rows[0], rows[1], n = row{99, 10, 10}, row{d1, 0, 9}, 2
		case x < 0.85:
			rows[0], rows[1], n = row{d2, 7, 9}, row{d1, 0, 6}, 2
		case x < 0.93:
			rows[0], rows[1], rows[2], n = row{d1, 0, 9}, row{99, 10, 10}, row{d2, 0, 6}, 3
		default:
			rows[0], rows[1], n = row{max(d1, d2), 0, 9}, row{min(d1, d2), 0, 9}, 2
		}
		for _, x := range rows[:n] {
			kode, navn := w.district(k, x.d)
			out.id("A", w.addressID(a.num))
			out.str(kode)
			out.str(navn)
			out.int(int64(x.from))
			out.int(int64(x.to))
			if err := out.end(); err != nil {
				return err
			}
		}
		return nil
	})
}
