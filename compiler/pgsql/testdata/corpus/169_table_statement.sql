-- deps: dm.dim_kommune
TABLE dm.dim_kommune
