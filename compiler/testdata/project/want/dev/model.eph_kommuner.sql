SELECT kommune_kode, kommune_navn FROM "dm"."dim_kommune"
