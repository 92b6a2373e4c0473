-- The DSA (supplier) tables of FLIS 7.0, transcribed from SPEC.md §2–6: names and types are
-- the contract the models are written against. One statement per ";"-terminated block;
-- DDL() splits them so each is executed on its own (Citus cannot run multi-statement strings).
-- Only the keys the SPEC marks PK are constrained, and dream_uge's grain (one row per citizen
-- and week): supplier data is otherwise loose, and the sources' data tests report bad rows.

CREATE SCHEMA IF NOT EXISTS dsa;

-- §2 KY — Kommunernes Ydelsessystem
CREATE TABLE IF NOT EXISTS dsa.ky_sag (
    sag_id                text PRIMARY KEY,
    kommune_kode          smallint,
    oprettet_dato         date,
    kle_nummer            text,
    ydelsesart            text,
    ydelsesmodtager_id    text,
    bevillingsmodtager_id text,
    sagsbehandler_id      text,
    organisation_id       text
);

CREATE TABLE IF NOT EXISTS dsa.ky_sagstilstand (
    sag_id       text,
    sagstilstand text,
    fra_dato     date,
    til_dato     date
);

CREATE TABLE IF NOT EXISTS dsa.ky_opgave (
    opgave_id      text PRIMARY KEY,
    sag_id         text,
    kommune_kode   smallint,
    oprettet_dato  date,
    opgavetilstand text,
    afsluttet_dato date
);

CREATE TABLE IF NOT EXISTS dsa.ky_ydelse (
    ydelse_id    text PRIMARY KEY,
    sag_id       text,
    borger_id    text,
    kommune_kode smallint,
    ydelsestype  text,
    start_dato   date,
    slut_dato    date
);

CREATE TABLE IF NOT EXISTS dsa.ky_afgoerelse (
    afgoerelse_id   text,
    sag_id          text,
    afgoerelsestype text,
    afgoerelse_tid  timestamp,
    loebenummer     integer
);

-- §3 FSIII — Fælles Sprog III (daily upserts: several versions per id)
CREATE TABLE IF NOT EXISTS dsa.fsiii_tilstand (
    tilstand_id          text,
    borger_id            text,
    kommune_kode         smallint,
    tilstand_kode        text,
    svaerhedsgrad        smallint,
    vurdering_udfoerelse text,
    vurdering_betydning  text,
    start_dato           date,
    slut_dato            date,
    opfoelgning_dato     date,
    version_tid          timestamp,
    status               text
);

CREATE TABLE IF NOT EXISTS dsa.fsiii_planlagt_indsats (
    indsats_id   text,
    borger_id    text,
    kommune_kode smallint,
    indsats_kode text,
    tilstand_id  text,
    start_dato   date,
    slut_dato    date,
    version_tid  timestamp,
    status       text
);

CREATE TABLE IF NOT EXISTS dsa.fsiii_leveret_indsats (
    leveret_id   text,
    borger_id    text,
    kommune_kode smallint,
    indsats_kode text,
    leveret_tid  timestamp,
    version_tid  timestamp,
    status       text
);

-- §4 Borger
CREATE TABLE IF NOT EXISTS dsa.cpr_person (
    borger_id             text PRIMARY KEY,
    foedselsdato          date,
    koen                  text,
    foedeland             text,
    statsborgerskab       text,
    mor_id                text,
    far_id                text,
    bopaelskommune_kode   smallint,
    betalingskommune_kode smallint,
    adresse_id            text,
    doedsdato             date
);

CREATE TABLE IF NOT EXISTS dsa.adresse (
    adresse_id   text PRIMARY KEY,
    kommune_kode smallint,
    vejnavn      text,
    husnr        text,
    postnr       text
);

CREATE TABLE IF NOT EXISTS dsa.lifa_skoledistrikt (
    adresse_id         text,
    skoledistrikt_kode text,
    skole_navn         text,
    start_klassetrin   smallint,
    slut_klassetrin    smallint
);

-- §5 Dagtilbud and Aula
CREATE TABLE IF NOT EXISTS dsa.dagtilbud_plads (
    barn_id         text,
    institution_nr  text,
    kommune_kode    smallint,
    maaned          date,
    ugentlige_timer numeric
);

CREATE TABLE IF NOT EXISTS dsa.aula_barn (
    barn_uuid uuid PRIMARY KEY,
    barn_id   text
);

CREATE TABLE IF NOT EXISTS dsa.aula_komme_gaa (
    barn_uuid        uuid,
    institution_nr   text,
    kommune_kode     smallint,
    registrering_tid timestamp,
    status_kode      smallint
);

-- §6 DREAM
CREATE TABLE IF NOT EXISTS dsa.dream_uge (
    borger_id                text,
    uge_start                date,
    ydelse_kode              text,
    bopaelskommune_kode      smallint,
    arbejdsstedskommune_kode smallint,
    beskaeftigelsesgrad      numeric,
    -- One row per citizen and week. The key also lets flis prove the unique test on it
    -- from the catalog instead of grouping 20M rows on every build.
    PRIMARY KEY (borger_id, uge_start)
);

CREATE TABLE IF NOT EXISTS dsa.dream_ydelsesgruppe (
    ydelse_kode   text,
    ydelsesgruppe text,
    er_udvalgt    boolean
);
