package cli

import (
	"errors"
	"fmt"
)

// Exit codes. Scripts and CI tell a broken project from a failing model by them.
const (
	ExitOK          = 0
	ExitFailed      = 1   // a model, seed or test failed
	ExitProject     = 2   // the project, the command line or a selector is wrong
	ExitWarehouse   = 3   // the warehouse cannot be reached or started
	ExitInterrupted = 130 // Ctrl-C
)

// exitError carries the exit code a failure maps to. Its message is printed as is; an
// exitError with a nil err has already said what went wrong.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func projectErr(err error) error   { return &exitError{ExitProject, err} }
func warehouseErr(err error) error { return &exitError{ExitWarehouse, err} }
func failed() error                { return &exitError{ExitFailed, nil} }
func interrupted() error           { return &exitError{ExitInterrupted, nil} }

func usageErrorf(format string, args ...any) error {
	return &exitError{ExitProject, fmt.Errorf(format, args...)}
}

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	return ExitProject
}
