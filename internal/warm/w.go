package warm
import (
 _ "github.com/pingcap/tidb/pkg/parser"
 _ "github.com/pingcap/tidb/pkg/parser/ast"
 _ "github.com/pingcap/tidb/pkg/parser/test_driver"
 _ "gopkg.in/yaml.v3"
 _ "github.com/jackc/pgx/v5"
 _ "github.com/jackc/pgx/v5/pgxpool"
 _ "github.com/dominikbraun/graph"
 _ "github.com/spf13/cobra"
 _ "golang.org/x/term"
 _ "github.com/rogpeppe/go-internal/testscript"
)
