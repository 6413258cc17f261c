package server

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key.
func selfSigned(t *testing.T) (certFile, keyFile string) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ordo test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	_ = os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	_ = os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	return certFile, keyFile
}

// TestListenAndServeTLS serves HTTPS on loopback with a certificate, then
// shuts down when the context ends: a running solve is cancelled and its
// best schedule stored.
func TestListenAndServeTLS(t *testing.T) {
	certFile, keyFile := selfSigned(t)
	ctx := context.Background()
	st, err := OpenStore(ctx, sqliteSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tok, err := CreateToken(ctx, st, "north", Role{Kind: RolePlanner})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(ctx, Config{Store: st, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- srv.ListenAndServe(sctx, "127.0.0.1:0", certFile, keyFile, 10*time.Second, func(a net.Addr) { addrc <- a })
	}()
	var addr net.Addr
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("ListenAndServe: %v", err)
	}
	pool := x509.NewCertPool()
	pem, _ := os.ReadFile(certFile)
	pool.AppendCertsFromPEM(pem)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	base := "https://" + addr.String()
	resp, err := client.Get(base + "/healthz")
	if err != nil {
		t.Fatalf("HTTPS healthz: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.TLS == nil {
		t.Fatalf("HTTPS healthz: %d, TLS %v", resp.StatusCode, resp.TLS != nil)
	}
	// plain HTTP to the TLS port is refused
	if resp, err := http.Get("http://" + addr.String() + "/healthz"); err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Errorf("plain HTTP served on the TLS port")
		}
	}
	// a long solve, running when the shutdown comes
	req, _ := http.NewRequest(http.MethodPost, base+"/v1/solves", bytesReader(solveBody(t, map[string]any{"solver": "ga", "time_limit_ms": 600000})))
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	job := decode[JobStatus](t, data)
	for {
		if lj := srv.live(job.ID); lj != nil {
			if rec, _, changed := lj.snapshot(); rec.HasObjective {
				break
			} else {
				<-changed
			}
			continue
		}
		t.Fatalf("the job ended before the shutdown")
	}
	stop()
	if err := <-done; err != nil {
		t.Errorf("ListenAndServe after shutdown: %v", err)
	}
	j, err := st.Job(ctx, "north", job.ID)
	if err != nil || j.State != JobCanceled || j.Result == nil {
		t.Fatalf("job after shutdown: %v, state %s, result %t", err, j.State, j.Result != nil)
	}
	checkResult(t, plantJSON(), j.Result)
	if _, err := client.Get(base + "/healthz"); err == nil {
		t.Errorf("the server still answers after the shutdown")
	}
}
