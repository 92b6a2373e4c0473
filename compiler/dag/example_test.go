package dag_test

import (
	"errors"
	"fmt"

	"github.com/flis-dk/flis/compiler/dag"
)

func Example() {
	nodes := []dag.Node{
		{ID: "source.dsa.ky_sag", Kind: dag.KindSource, Name: "ky_sag", Source: "dsa", Area: "ky"},
		{ID: "model.stg_ky_sag", Kind: dag.KindModel, Name: "stg_ky_sag", Area: "ky", Path: "models/ky/stg_ky_sag.sql"},
		{ID: "model.fact_ky_sager", Kind: dag.KindModel, Name: "fact_ky_sager", Area: "ky", Tags: []string{"monthly"},
			Path: "models/ky/fact_ky_sager.sql"},
		{ID: "test.unique_fact_ky_sager_sag_id", Kind: dag.KindTest, Name: "unique_fact_ky_sager_sag_id",
			Path: "models/ky/fact_ky_sager.yml"},
	}
	edges := []dag.Edge{
		{From: "source.dsa.ky_sag", To: "model.stg_ky_sag"},
		{From: "model.stg_ky_sag", To: "model.fact_ky_sager"},
		{From: "model.fact_ky_sager", To: "test.unique_fact_ky_sager_sag_id"},
	}
	g, err := dag.New(nodes, edges)
	if err != nil {
		panic(err)
	}
	order, _ := g.Order()
	fmt.Println(order)

	// The test comes along because its model is selected (indirect selection, eager).
	sel, _ := g.Select([]string{"1+tag:monthly"}, nil)
	fmt.Println(sel)

	_, err = g.Select([]string{"fact_ky_sagr+"}, nil)
	fmt.Println(err)

	cyclic, _ := dag.New(nodes[1:3], []dag.Edge{
		{From: "model.stg_ky_sag", To: "model.fact_ky_sager"},
		{From: "model.fact_ky_sager", To: "model.stg_ky_sag"},
	})
	_, err = cyclic.Order()
	var ce *dag.CycleError
	if errors.As(err, &ce) {
		fmt.Println(ce.Path, err)
	}
	// Output:
	// [source.dsa.ky_sag model.stg_ky_sag model.fact_ky_sager test.unique_fact_ky_sager_sag_id]
	// [model.stg_ky_sag model.fact_ky_sager test.unique_fact_ky_sager_sag_id]
	// selector "fact_ky_sagr+" matches nothing (did you mean "fact_ky_sager"?)
	// [model.fact_ky_sager model.stg_ky_sag model.fact_ky_sager] cycle: model.fact_ky_sager → model.stg_ky_sag → model.fact_ky_sager
}
