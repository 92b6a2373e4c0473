package pgsql

// LeadingTokens returns the first n tokens of src that are not comments, tokenizing no
// further than it must: the compiler asks whether a model starts with WITH [RECURSIVE] for
// every model on every compile, and tokenizing whole files for that cost a tenth of a warm
// 10,000-model compile. On text that Tokenize accepts, it returns exactly the first n
// non-comment tokens Tokenize would (fewer when src has fewer); an error is returned only
// when one of those tokens cannot be read.
func LeadingTokens(src string, n int) ([]Token, error) {
	return scanTokens(src, make([]Token, 0, n), n, false)
}
