-- deps: raw.oio_xml
-- columns: id, cpr, beloeb, nr
SELECT x.id, t.cpr, t.beloeb, t.nr
FROM raw.oio_xml x,
     XMLTABLE('/Ydelser/Ydelse' PASSING x.doc
              COLUMNS cpr text PATH 'CPR',
                      beloeb numeric PATH 'Beloeb' DEFAULT 0,
                      nr FOR ORDINALITY) AS t
