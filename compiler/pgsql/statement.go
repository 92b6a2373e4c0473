package pgsql

// This file holds the helpers the runner's SQL generators share to embed a user's (or the
// catalog's) statement in one of their own: trimming it to its last token and quoting
// qualified names. They live here so that there is one reading of PostgreSQL's lexical
// rules in flis — the tokenizer's — and no second scanner that could disagree with it about
// where a string or a comment ends.

// MsgMultipleStatements is the Msg of TrimStatement's error for a second statement, so
// callers can say in their own words what the one statement must be.
const MsgMultipleStatements = "more than one statement"

// TrimStatement returns src ready to be embedded in another statement (CREATE VIEW ... AS
// src, INSERT INTO ... src, a subquery): without the semicolons, comments and whitespace
// after its last token. Leading text is kept, so error positions inside src stay valid.
//
// It fails on a lexical error (an unterminated string, say) and when a semicolon is
// followed by more SQL: a second statement, which no embedding can hold. The error is an
// *Error at the offending byte; on error src is returned unchanged, so a caller that
// embeds it anyway lets the server report the problem.
func TrimStatement(src string) (string, error) {
	toks, err := Tokenize(src)
	if err != nil {
		return src, err
	}
	end, semi := 0, false
	for _, t := range toks {
		switch {
		case t.Kind == Comment:
		case t.Kind == Punct && t.Text == ";":
			semi = true
		case semi:
			return src, &Error{Off: t.Off, Msg: MsgMultipleStatements,
				Hint: "a semicolon ends the statement; remove it or the SQL after it"}
		default:
			end = t.End
		}
	}
	return src[:end], nil
}

// QuoteQualified quotes a relation name, schema-qualified when schema is not empty:
// "dm"."fact_ky_sager". Both parts are always quoted (see QuoteIdent).
func QuoteQualified(schema, name string) string {
	if schema == "" {
		return QuoteIdent(name)
	}
	return QuoteIdent(schema) + "." + QuoteIdent(name)
}
