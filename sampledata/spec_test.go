package sampledata

// specTables is SPEC §2–6 transcribed by hand, independently of ddl.sql: the DSA tables in
// DDL order, their columns with PostgreSQL types (information_schema spelling), and primary
// keys. Tests compare the DDL, the generators and the _sources.yml files against it.
type specColumn struct{ name, typ string }

type specTable struct {
	name string
	area string
	pk   string // key columns in order, comma-separated: "a" or "a,b"
	cols []specColumn
}

const (
	tText = "text"
	tInt2 = "smallint"
	tInt4 = "integer"
	tDate = "date"
	tTS   = "timestamp without time zone"
	tNum  = "numeric"
	tUUID = "uuid"
	tBool = "boolean"
)

var specTables = []specTable{
	{"dsa.ky_sag", "ky", "sag_id", []specColumn{{"sag_id", tText}, {"kommune_kode", tInt2},
		{"oprettet_dato", tDate}, {"kle_nummer", tText}, {"ydelsesart", tText},
		{"ydelsesmodtager_id", tText}, {"bevillingsmodtager_id", tText}, {"sagsbehandler_id", tText},
		{"organisation_id", tText}}},
	{"dsa.ky_sagstilstand", "ky", "", []specColumn{{"sag_id", tText}, {"sagstilstand", tText},
		{"fra_dato", tDate}, {"til_dato", tDate}}},
	{"dsa.ky_opgave", "ky", "opgave_id", []specColumn{{"opgave_id", tText}, {"sag_id", tText},
		{"kommune_kode", tInt2}, {"oprettet_dato", tDate}, {"opgavetilstand", tText},
		{"afsluttet_dato", tDate}}},
	{"dsa.ky_ydelse", "ky", "ydelse_id", []specColumn{{"ydelse_id", tText}, {"sag_id", tText},
		{"borger_id", tText}, {"kommune_kode", tInt2}, {"ydelsestype", tText}, {"start_dato", tDate},
		{"slut_dato", tDate}}},
	{"dsa.ky_afgoerelse", "ky", "", []specColumn{{"afgoerelse_id", tText}, {"sag_id", tText},
		{"afgoerelsestype", tText}, {"afgoerelse_tid", tTS}, {"loebenummer", tInt4}}},
	{"dsa.fsiii_tilstand", "fsiii", "", []specColumn{{"tilstand_id", tText}, {"borger_id", tText},
		{"kommune_kode", tInt2}, {"tilstand_kode", tText}, {"svaerhedsgrad", tInt2},
		{"vurdering_udfoerelse", tText}, {"vurdering_betydning", tText}, {"start_dato", tDate},
		{"slut_dato", tDate}, {"opfoelgning_dato", tDate}, {"version_tid", tTS}, {"status", tText}}},
	{"dsa.fsiii_planlagt_indsats", "fsiii", "", []specColumn{{"indsats_id", tText},
		{"borger_id", tText}, {"kommune_kode", tInt2}, {"indsats_kode", tText}, {"tilstand_id", tText},
		{"start_dato", tDate}, {"slut_dato", tDate}, {"version_tid", tTS}, {"status", tText}}},
	{"dsa.fsiii_leveret_indsats", "fsiii", "", []specColumn{{"leveret_id", tText},
		{"borger_id", tText}, {"kommune_kode", tInt2}, {"indsats_kode", tText}, {"leveret_tid", tTS},
		{"version_tid", tTS}, {"status", tText}}},
	{"dsa.cpr_person", "borger", "borger_id", []specColumn{{"borger_id", tText},
		{"foedselsdato", tDate}, {"koen", tText}, {"foedeland", tText}, {"statsborgerskab", tText},
		{"mor_id", tText}, {"far_id", tText}, {"bopaelskommune_kode", tInt2},
		{"betalingskommune_kode", tInt2}, {"adresse_id", tText}, {"doedsdato", tDate}}},
	{"dsa.adresse", "borger", "adresse_id", []specColumn{{"adresse_id", tText},
		{"kommune_kode", tInt2}, {"vejnavn", tText}, {"husnr", tText}, {"postnr", tText}}},
	{"dsa.lifa_skoledistrikt", "borger", "", []specColumn{{"adresse_id", tText},
		{"skoledistrikt_kode", tText}, {"skole_navn", tText}, {"start_klassetrin", tInt2},
		{"slut_klassetrin", tInt2}}},
	{"dsa.dagtilbud_plads", "dagtilbud", "", []specColumn{{"barn_id", tText},
		{"institution_nr", tText}, {"kommune_kode", tInt2}, {"maaned", tDate},
		{"ugentlige_timer", tNum}}},
	{"dsa.aula_barn", "dagtilbud", "barn_uuid", []specColumn{{"barn_uuid", tUUID}, {"barn_id", tText}}},
	{"dsa.aula_komme_gaa", "dagtilbud", "", []specColumn{{"barn_uuid", tUUID},
		{"institution_nr", tText}, {"kommune_kode", tInt2}, {"registrering_tid", tTS},
		{"status_kode", tInt2}}},
	{"dsa.dream_uge", "dream", "borger_id,uge_start", []specColumn{{"borger_id", tText}, {"uge_start", tDate},
		{"ydelse_kode", tText}, {"bopaelskommune_kode", tInt2}, {"arbejdsstedskommune_kode", tInt2},
		{"beskaeftigelsesgrad", tNum}}},
	{"dsa.dream_ydelsesgruppe", "dream", "", []specColumn{{"ydelse_kode", tText},
		{"ydelsesgruppe", tText}, {"er_udvalgt", tBool}}},
}
