// Command gen-sdks writes the Go, Python and Node.js SDKs of a Pulumi package from its schema.
//
// `pulumi package gen-sdk <language>` hands the schema to that language's language host, which
// calls the code generator of github.com/pulumi/pulumi/pkg/v3. This program calls the same
// generators directly, so the SDKs can be generated where no Go or Python language host (and only
// an old Node.js one without GeneratePackage) is installed.
//
//	gen-sdks -schema schema.json -out dir [-languages go,python,nodejs]
//
// Each SDK goes to dir/<language>, replacing what was there.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// tool names the generator in the "do not edit" banner of every generated file.
const tool = "gen-sdks"

// generators maps a language to the pkg/v3 generator the language host would call. Each gets
// its own bound package: generators record language-specific data on it.
var generators = map[string]func(*schema.Package, schema.ReferenceLoader) (map[string][]byte, error){
	"go": func(pkg *schema.Package, _ schema.ReferenceLoader) (map[string][]byte, error) {
		return gogen.GeneratePackage(tool, pkg, nil)
	},
	"python": func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return python.GeneratePackage(tool, pkg, nil, loader)
	},
	"nodejs": func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
		// Not a "local" SDK: the package `pulumi package gen-sdk nodejs` writes, to be built
		// with `tsc` and published, rather than one compiled by a postinstall script.
		return nodejs.GeneratePackage(tool, pkg, nil, nil, false, loader)
	},
}

// noOtherPackages is the schema loader: the zenlayer schema refers to no other package, so a
// reference to one is a mistake in the schema, reported with the package's name.
type noOtherPackages struct{}

func (noOtherPackages) refuse(name string) error {
	return fmt.Errorf("the schema refers to package %q; this generator loads no package but the one it is given", name)
}

func (l noOtherPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(name)
}

func (l noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noOtherPackages) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(name)
}

func (l noOtherPackages) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}

// bind validates the schema and binds it, as `pulumi package gen-sdk` does before generating.
func bind(spec schema.PackageSpec) (*schema.Package, error) {
	pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("the schema is not valid: %s", diags.Error())
	}
	// As `pulumi package add` does: the SDKs carry the schema's version (the provider plugin
	// they ask the engine for) instead of a placeholder a release pipeline would fill in, and the
	// Go SDK gets its own go.mod.
	pkg.SupportPack = true
	return pkg, nil
}

// write replaces dir with the generated files.
func write(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func run(schemaPath, outDir string, languages []string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s is not a package schema: %w", schemaPath, err)
	}
	for _, language := range languages {
		generate, ok := generators[language]
		if !ok {
			return fmt.Errorf("no generator for %q (known: go, python, nodejs)", language)
		}
		pkg, err := bind(spec)
		if err != nil {
			return err
		}
		files, err := generate(pkg, noOtherPackages{})
		if err != nil {
			return fmt.Errorf("generating the %s SDK: %w", language, err)
		}
		dir := filepath.Join(outDir, language)
		if err := write(dir, files); err != nil {
			return fmt.Errorf("writing the %s SDK: %w", language, err)
		}
		fmt.Printf("%s: %d files in %s\n", language, len(files), dir)
	}
	return nil
}

func main() {
	schemaPath := flag.String("schema", "", "the package schema (JSON), as `pulumi package get-schema` prints it")
	outDir := flag.String("out", "", "the folder that receives one sub-folder per language")
	languageList := flag.String("languages", "go,python,nodejs", "comma-separated languages to generate")
	flag.Parse()
	if *schemaPath == "" || *outDir == "" {
		flag.Usage()
		os.Exit(2)
	}
	languages := strings.Split(*languageList, ",")
	sort.Strings(languages)
	if err := run(*schemaPath, *outDir, languages); err != nil {
		fmt.Fprintf(os.Stderr, "gen-sdks: %v\n", err)
		os.Exit(1)
	}
}
