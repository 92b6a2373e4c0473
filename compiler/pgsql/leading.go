package pgsql

// LeadingTokens returns the first n tokens of src that are not comments, tokenizing no
// further than it must: the compiler asks whether a model starts with WITH [RECURSIVE] for
// every model on every compile, and tokenizing whole files for that cost a tenth of a warm
// 10,000-model compile. On text that Tokenize accepts, it returns exactly the first n
// non-comment tokens Tokenize would (fewer when src has fewer); an error is returned only
// when one of those tokens cannot be read.
func LeadingTokens(src string, n int) ([]Token, error) {
	toks := make([]Token, 0, n)
	for i := 0; i < len(src) && len(toks) < n; {
		if isSpace(src[i]) {
			i++
			continue
		}
		end, kind, err := scanToken(src, i)
		if err != nil {
			return toks, err
		}
		if kind == Ident && isReserved(src[i:end]) {
			kind = Keyword
		}
		if kind != Comment {
			toks = append(toks, Token{Kind: kind, Text: src[i:end], Off: i, End: end})
		}
		i = end
	}
	return toks, nil
}
