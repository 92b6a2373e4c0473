package warehouse

import (
	"net/url"
	"regexp"
	"strings"
)

// redacted replaces passwords in printed connection strings.
const redacted = "xxxxx"

// kvPassword matches password=value in a keyword/value string: a quoted value (with
// backslash escapes) or a bare one up to whitespace.
var kvPassword = regexp.MustCompile(`(?i)(\b(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s]*)`)

// urlPassword matches user:password@ when a URL does not parse.
var urlPassword = regexp.MustCompile(`(://[^:/@\s]*:)[^@\s]*@`)

// Redact returns dsn with any password replaced, for error messages, logs and `flis debug`.
// It never fails: a string it cannot parse is redacted by pattern.
func Redact(dsn string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err == nil {
			if _, has := u.User.Password(); has {
				u.User = url.UserPassword(u.User.Username(), redacted)
			}
			q := u.Query()
			if q.Has("password") {
				q.Set("password", redacted)
				u.RawQuery = q.Encode()
			}
			return u.String()
		}
		dsn = urlPassword.ReplaceAllString(dsn, "${1}"+redacted+"@")
		return kvPassword.ReplaceAllString(dsn, "${1}"+redacted)
	}
	return kvPassword.ReplaceAllString(dsn, "${1}"+redacted)
}
