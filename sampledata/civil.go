package sampledata

import "time"

// date is a calendar day as days since 1970-01-01. The generator does all its arithmetic on
// days; time.Time would cost an allocation-free but much slower path through time zones for
// every one of the tens of millions of values it formats.
type date int32

// noDate marks a NULL date.
const noDate date = -1 << 31

// mkDate returns the day y-m-d (m and d may be out of range only as days_from_civil allows).
// Algorithm: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
func mkDate(y, m, d int) date {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return date(era*146097 + doe - 719468)
}

func (d date) ymd() (y, m, day int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, day
}

func fromTime(t time.Time) date {
	y, m, d := t.Date()
	return mkDate(y, int(m), d)
}

func (d date) time() time.Time {
	y, m, day := d.ymd()
	return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// weekday returns 0 for Sunday .. 6 for Saturday, like time.Weekday (1970-01-01 was a Thursday).
func (d date) weekday() int {
	return ((int(d) % 7) + 7 + 4) % 7
}

func (d date) monthStart() date {
	y, m, _ := d.ymd()
	return mkDate(y, m, 1)
}

// addMonths moves to the first day of the month n months later.
func (d date) addMonths(n int) date {
	y, m, _ := d.ymd()
	m0 := y*12 + (m - 1) + n
	return mkDate(m0/12, m0%12+1, 1)
}

func (d date) monthEnd() date { return d.addMonths(1) - 1 }

// addYears keeps month and day; 29 February becomes 1 March in a common year.
func (d date) addYears(n int) date {
	y, m, day := d.ymd()
	return mkDate(y+n, m, day)
}

// ageAt returns whole years from d to at, as PostgreSQL's age() counts them.
func (d date) ageAt(at date) int {
	y1, m1, d1 := d.ymd()
	y2, m2, d2 := at.ymd()
	a := y2 - y1
	if m2 < m1 || (m2 == m1 && d2 < d1) {
		a--
	}
	return a
}

func (d date) year() int { y, _, _ := d.ymd(); return y }

func (d date) String() string { return string(d.appendTo(nil)) }

// appendTo appends d as YYYY-MM-DD, the form PostgreSQL's COPY reads for date.
func (d date) appendTo(b []byte) []byte {
	y, m, day := d.ymd()
	b = append4(b, y)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10))
	return b
}

func append4(b []byte, n int) []byte {
	return append(b, byte('0'+n/1000%10), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

// stamp is a timestamp without time zone: a day and the second of that day.
type stamp struct {
	day date
	sec int32 // 0..86399
}

func at(d date, h, m, s int) stamp { return stamp{d, int32(h*3600 + m*60 + s)} }

// add moves a stamp by seconds, across midnight if needed.
func (t stamp) add(sec int) stamp {
	s := int(t.sec) + sec
	d := t.day + date(s/86400)
	s %= 86400
	if s < 0 {
		s += 86400
		d--
	}
	return stamp{d, int32(s)}
}

func (t stamp) before(u stamp) bool {
	return t.day < u.day || (t.day == u.day && t.sec < u.sec)
}

func (t stamp) appendTo(b []byte) []byte {
	b = t.day.appendTo(b)
	h, m, s := t.sec/3600, t.sec/60%60, t.sec%60
	return append(b, ' ', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10),
		':', byte('0'+s/10), byte('0'+s%10))
}
