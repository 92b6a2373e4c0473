package sampledata

import (
	"math/bits"
	"math/rand/v2"
)

// rnd is a PCG generator that is reseeded for every entity (person, address, child) and table
// area. Seeding per entity is what makes the output independent of the order tables are
// generated in and lets each table recompute exactly the entities it needs, without any table
// holding another's rows in memory.
type rnd struct {
	pcg rand.PCG
	*rand.Rand
}

func newRnd() *rnd {
	r := &rnd{}
	r.Rand = rand.New(&r.pcg)
	return r
}

// Stream tags: one per kind of entity or area, so streams never overlap.
const (
	tagPerson uint64 = iota + 1
	tagAddress
	tagParent
	tagKY
	tagFSIII
	tagDagtilbud
	tagAula
	tagDream
	tagSag
	tagOpgave
	tagYdelse
	tagAfgoerelse
	tagTilstand
	tagIndsats
	tagLeveret
	tagBarnUUID
)

// reseed positions r at the stream of (seed, tag, id).
func (r *rnd) reseed(seed uint64, tag, id uint64) {
	r.pcg.Seed(mix64(seed^tag*0x9e3779b97f4a7c15), mix64(id^tag<<56))
}

// mix64 is the SplitMix64 finaliser: a bijection on uint64, so distinct inputs give distinct
// outputs. Ids are mix64 of a tagged counter: unique by construction, yet they look like the
// pseudonyms suppliers deliver.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// between returns a uniform int in [lo, hi].
func (r *rnd) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

func (r *rnd) chance(p float64) bool { return r.Float64() < p }

// geometric returns a whole number >= 1 with the given mean: the length of a spell that ends
// each step with probability 1/mean.
func (r *rnd) geometric(mean float64) int {
	n := 1
	for n < 10000 && !r.chance(1/mean) {
		n++
	}
	return n
}

// weighted picks an index from weights (which need not sum to one).
func (r *rnd) weighted(w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	u := r.Float64() * total
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// coprimeNear returns the first a >= want with gcd(a, n) = 1, for an affine permutation of [0,n).
func coprimeNear(want, n uint64) uint64 {
	for a := max(want, 1); ; a++ {
		if gcd(a, n) == 1 {
			return a
		}
	}
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// mulmod returns a*b mod n without overflow.
func mulmod(a, b, n uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	_, rem := bits.Div64(hi%n, lo, n)
	return rem
}
