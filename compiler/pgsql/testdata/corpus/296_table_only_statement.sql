-- deps: dsa.log_parent
TABLE ONLY dsa.log_parent
