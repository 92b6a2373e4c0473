package sampledata

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// kommuner.csv is a byte-for-byte copy of the FLIS reference list (the 98 kommuner, 0411
// Christiansø excluded); befolkning.csv adds rounded populations and real postal codes so
// citizens and addresses spread like the country does (København large, Læsø tiny).
var (
	//go:embed kommuner.csv
	kommunerCSV string
	//go:embed befolkning.csv
	befolkningCSV string
)

// kommune is one municipality as the generator uses it.
type kommune struct {
	kode       int16
	navn       string
	region     int16
	befolkning int
	postnumre  []string
	// institutions and districts scale with population; computed once in loadKommuner.
	institutioner int
	distrikter    int
}

// kommuneSet holds the kommuner in file order and a cumulative population table for picking
// one in proportion to its population with a binary search.
type kommuneSet struct {
	list []kommune
	cum  []float64 // cum[i] = share of population in list[0..i]
	byID map[int16]int
}

func loadKommuner() (*kommuneSet, error) {
	recs, err := readCSV("kommuner.csv", kommunerCSV)
	if err != nil {
		return nil, err
	}
	pops, err := readCSV("befolkning.csv", befolkningCSV)
	if err != nil {
		return nil, err
	}
	type extra struct {
		pop   int
		postn []string
	}
	extras := map[string]extra{}
	for i, r := range pops {
		if len(r) != 3 {
			return nil, fmt.Errorf("befolkning.csv:%d: want 3 fields, got %d", i+2, len(r))
		}
		p, err := strconv.Atoi(r[1])
		if err != nil {
			return nil, fmt.Errorf("befolkning.csv:%d: befolkning %q: %w", i+2, r[1], err)
		}
		extras[r[0]] = extra{p, strings.Fields(r[2])}
	}
	s := &kommuneSet{byID: map[int16]int{}}
	total := 0
	for i, r := range recs {
		if len(r) != 5 {
			return nil, fmt.Errorf("kommuner.csv:%d: want 5 fields, got %d", i+2, len(r))
		}
		kode, err1 := strconv.Atoi(r[0])
		region, err2 := strconv.Atoi(r[2])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("kommuner.csv:%d: kommune_kode %q or region_kode %q is not a number", i+2, r[0], r[2])
		}
		if kode == 411 { // Christiansø is administered by the state, not a kommune
			continue
		}
		x, ok := extras[r[0]]
		if !ok || len(x.postn) == 0 {
			return nil, fmt.Errorf("befolkning.csv: no row for kommune %s %s", r[0], r[1])
		}
		s.byID[int16(kode)] = len(s.list)
		s.list = append(s.list, kommune{
			kode: int16(kode), navn: r[1], region: int16(region), befolkning: x.pop, postnumre: x.postn,
			institutioner: max(3, x.pop/2500),
			distrikter:    min(60, max(2, x.pop/6000)), // codes KKKDD, 99 is the ungdomsskole
		})
		total += x.pop
	}
	acc := 0
	for _, k := range s.list {
		acc += k.befolkning
		s.cum = append(s.cum, float64(acc)/float64(total))
	}
	return s, nil
}

func readCSV(name, text string) ([][]string, error) {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("%s: no rows", name)
	}
	return recs[1:], nil
}

// pick returns the index of a kommune chosen in proportion to population; u is uniform in [0,1).
func (s *kommuneSet) pick(u float64) int {
	i := sort.SearchFloat64s(s.cum, u)
	return min(i, len(s.list)-1)
}

// pickNear returns a kommune other than from: in the same region with probability sameRegion,
// otherwise anywhere, weighted by population. Moves and commuting are mostly local.
func (s *kommuneSet) pickNear(from int, sameRegion float64, r *rnd) int {
	want := r.Float64() < sameRegion
	for range 64 {
		k := s.pick(r.Float64())
		if k != from && (!want || s.list[k].region == s.list[from].region) {
			return k
		}
	}
	return (from + 1) % len(s.list)
}
