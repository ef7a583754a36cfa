// Command lexsite builds, checks and serves Lexsite sites.
package main

import (
	"context"
	"os"

	"github.com/lexsite/lexsite/internal/cli"
)

func main() {
	os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
