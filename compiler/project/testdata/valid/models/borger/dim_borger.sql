SELECT borger_id, current_setting('flis.pseudonym_key') AS k FROM dsa.cpr_person
