package server

import (
	"bytes"
	"io"
	"net/http"
	"testing"
)

// BenchmarkValidateHTTP measures POST /v1/validate of the example plant
// through the whole service (token check, decode, validate, metrics) on
// loopback, with parallel clients.
func BenchmarkValidateHTTP(b *testing.B) {
	t := &testing.T{}
	e := newEnv(t, sqliteSpec(b), Config{})
	defer e.close()
	body := plantJSON()
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, e.http.URL+"/v1/validate", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+e.planner)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
}
