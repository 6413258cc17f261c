package server

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestValidateConcurrent posts the example plant, the plant with a bad
// machine reference, and malformed JSON from many clients at once (the
// request bodies and the parsers are pooled) and checks that every answer
// is the one a lone request gets.
func TestValidateConcurrent(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	post := func(body []byte) (int, string) {
		req, err := http.NewRequest(http.MethodPost, e.http.URL+"/v1/validate", bytes.NewReader(body))
		if err != nil {
			t.Error(err)
			return 0, ""
		}
		req.Header.Set("Authorization", "Bearer "+e.planner)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return 0, ""
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	bodies := [][]byte{
		plantJSON(),
		[]byte(strings.Replace(string(plantJSON()), `"machine": "SAW-01"`, `"machine": "SAW-99"`, 1)),
		[]byte(`{"machines": [{"id": "M"}], "jobs": [`),
	}
	wantCode := []int{http.StatusOK, http.StatusUnprocessableEntity, http.StatusBadRequest}
	want := make([]string, len(bodies))
	for i, b := range bodies {
		code, data := post(b)
		if code != wantCode[i] {
			t.Fatalf("body %d: %d %s, want %d", i, code, data, wantCode[i])
		}
		want[i] = data
	}
	if !strings.Contains(want[1], "SAW-99") || !strings.Contains(want[1], `"line"`) {
		t.Fatalf("the bad reference is not located: %s", want[1])
	}
	var wg sync.WaitGroup
	for g := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 6 {
				k := (g + i) % len(bodies)
				if code, data := post(bodies[k]); code != wantCode[k] || data != want[k] {
					t.Errorf("body %d under load: %d %.200s", k, code, data)
					return
				}
			}
		}()
	}
	wg.Wait()
}
