-- deps: public.tabel
-- columns: x
SELECT x FROM public.tabel
