package model

import (
	"os"
	"reflect"
	"sync"
	"testing"
)

// TestDecodeConcurrent decodes the example plant and a problem with
// issues from several goroutines at once (the pooled parsers reused in
// every order) and checks every result against a first decode.
func TestDecodeConcurrent(t *testing.T) {
	plant, err := os.ReadFile("../examples/plant.json")
	if err != nil {
		t.Fatal(err)
	}
	bad := manyErrors(50)
	want, err := Decode(plant)
	if err != nil {
		t.Fatal(err)
	}
	_, wantErr := DecodeValid(bad)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				if (g+i)%2 == 0 {
					got, err := Decode(plant)
					if err != nil || !reflect.DeepEqual(got, want) {
						errs <- "the example plant decodes differently"
						return
					}
					continue
				}
				if _, err := DecodeValid(bad); !reflect.DeepEqual(err, wantErr) {
					errs <- "the issues of a bad problem differ"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
