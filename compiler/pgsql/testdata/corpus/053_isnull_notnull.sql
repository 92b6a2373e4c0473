-- deps: dsa.borger
-- columns: borger_id
SELECT borger_id FROM dsa.borger WHERE doedsdato ISNULL AND foedselsdato NOTNULL
