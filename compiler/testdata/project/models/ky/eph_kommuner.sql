SELECT kommune_kode, kommune_navn FROM dim_kommune
