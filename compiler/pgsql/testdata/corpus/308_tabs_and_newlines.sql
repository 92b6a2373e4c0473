-- deps: dm.fact_ky_sager, dm.dim_kommune
-- columns: kommune_navn, n
SELECT	k.kommune_navn	,
	count(*)	AS	n
FROM
	dm
	.
	fact_ky_sager	f
		JOIN	dm.dim_kommune
		k
	ON	k.kommune_kode=f.kommune_kode
GROUP	BY	1
