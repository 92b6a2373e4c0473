-- deps: dsa.ky_sag
-- columns: sag_id
/* leading block comment: SELECT * FROM block_fake */
SELECT sag_id -- FROM line_fake
FROM /* inline FROM inline_fake */ dsa.ky_sag--FROM nospace_fake
/* nested /* FROM nested_fake */ still comment FROM nested_fake2 */
WHERE aktiv -- trailing
