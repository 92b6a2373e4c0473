-- deps: dsa.log_parent
-- columns: msg
SELECT msg FROM ONLY (dsa.log_parent) WHERE logged_at > now() - interval '1 day'
