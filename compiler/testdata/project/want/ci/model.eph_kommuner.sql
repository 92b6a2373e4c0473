SELECT kommune_kode, kommune_navn FROM "dm_ci"."dim_kommune"
