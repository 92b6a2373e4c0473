-- deps: dsa.adgang
-- columns: bruger, rolle
SELECT current_user AS bruger, rolle FROM dsa.adgang WHERE bruger = session_user
