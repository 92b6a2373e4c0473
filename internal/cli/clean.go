package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

func newCleanCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "clean",
		Short: "Delete target/ and the compile cache (never the warehouse: see flis warehouse reset)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			root, err := f.Root()
			if err != nil {
				return err
			}
			for _, rel := range []string{"target", filepath.Join(".flis", "cache")} {
				if err := os.RemoveAll(filepath.Join(root, rel)); err != nil {
					return usageErrorf("flis clean: %v", err)
				}
				fmt.Fprintf(f.IO.Out, "removed %s\n", filepath.ToSlash(rel))
			}
			return nil
		},
	}
}
