// Command flis compiles and runs a project of SQL models against PostgreSQL.
package main

import (
	"os"

	"github.com/flis-dk/flis/internal/cli"
)

func main() {
	tuneGC()
	stop := startProfile()
	code := cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
