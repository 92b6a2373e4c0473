-- deps: dsa.budget, dsa.regnskab
TABLE dsa.budget
UNION ALL
TABLE dsa.regnskab
