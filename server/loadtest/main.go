// Command loadtest measures ordo serve on loopback against the targets
// of the service's issue. It builds nothing: give it an ordo binary
// (go build -o /tmp/ordo ./cmd/ordo). Each scenario starts its own
// `ordo serve` on a free loopback port over a fresh SQLite store in a
// temporary directory, creates a planner token with `ordo token create`,
// and stops the server at the end.
//
//	go run ./server/loadtest -ordo /tmp/ordo -scenario validate   # 64 clients validating the example plant for 30 s
//	go run ./server/loadtest -ordo /tmp/ordo -scenario solves     # 200 dispatch solves submitted at once
//	go run ./server/loadtest -ordo /tmp/ordo -scenario kill       # kill -9 after 100 acknowledged events, restart, check
//
// Every count and duration is bounded by its flags.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/ordo-sched/ordo/examples"
)

func main() {
	ordo := flag.String("ordo", "", "path to the ordo binary (required)")
	scenario := flag.String("scenario", "all", "validate, solves, kill or all")
	clients := flag.Int("clients", 64, "validate: concurrent clients")
	duration := flag.Duration("duration", 30*time.Second, "validate: how long")
	lean := flag.Bool("conn", true, "validate: each client writes its requests on its own keep-alive connection and reads the answers with http.ReadResponse, a lighter client than net/http's Transport (whose goroutines and allocations take the server's CPU on a shared machine); -conn=false uses the Transport")
	rate := flag.Float64("rate", 0, "validate: total requests per second the clients offer, spread evenly (0: each client sends its next request when the last is answered)")
	solves := flag.Int("solves", 200, "solves: how many solves submitted at once")
	events := flag.Int("events", 100, "kill: acknowledged events before kill -9")
	flag.Parse()
	if *ordo == "" {
		fmt.Fprintln(os.Stderr, "loadtest: -ordo PATH is required")
		os.Exit(2)
	}
	var err error
	for _, sc := range strings.Split(*scenario, ",") {
		switch sc {
		case "validate":
			err = runValidate(*ordo, *clients, *duration, *rate, *lean)
		case "solves":
			err = runSolves(*ordo, *solves)
		case "kill":
			err = runKill(*ordo, *events)
		case "all":
			err = errors.Join(runValidate(*ordo, *clients, *duration, *rate, *lean), runSolves(*ordo, *solves), runKill(*ordo, *events))
		default:
			err = fmt.Errorf("unknown scenario %q", sc)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			os.Exit(1)
		}
	}
}

// service is an `ordo serve` child process.
type service struct {
	cmd   *exec.Cmd
	url   string
	token string
	store string
	log   *os.File
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// startService starts ordo serve over store (a new one in a temporary
// directory when empty) and, when token is empty, creates a planner
// token.
func startService(ordo, store, token string, extra ...string) (*service, error) {
	if store == "" {
		dir, err := os.MkdirTemp("", "ordo-load-")
		if err != nil {
			return nil, err
		}
		store = "sqlite:" + filepath.Join(dir, "ordo.db")
	}
	if token == "" {
		out, err := exec.Command(ordo, "token", "create", "--plant", "load", "--role", "planner", "--store", store).Output()
		if err != nil {
			return nil, fmt.Errorf("ordo token create: %w", err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		token = lines[len(lines)-1]
	}
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	logf, err := os.CreateTemp("", "ordo-serve-*.log")
	if err != nil {
		return nil, err
	}
	args := append([]string{"serve", "--addr", addr, "--store", store}, extra...)
	cmd := exec.Command(ordo, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &service{cmd: cmd, url: "http://" + addr, token: token, store: store, log: logf}
	for range 100 {
		if resp, err := http.Get(s.url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, fmt.Errorf("ordo serve did not become ready (log %s)", logf.Name())
}

// stop sends SIGTERM and waits.
func (s *service) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	_ = s.cmd.Wait()
	s.log.Close()
}

// procCPU returns the CPU time (user and system) the process has used so
// far, from /proc/PID/stat.
func procCPU(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// the fields after the command name, which is in parentheses
	_, rest, ok := strings.Cut(string(data), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, errors.New("cannot read " + fmt.Sprintf("/proc/%d/stat", pid))
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	// clock ticks of 1/100 s (USER_HZ on Linux)
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// loadAvg returns the one-minute load average of the machine ("?" when
// unknown): the service shares the machine with whatever else runs.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

// peakRSS returns the peak resident memory of the process (VmHWM).
func peakRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmHWM")
}

var client = &http.Client{Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}, Timeout: 2 * time.Minute}

func (s *service) do(method, path string, body []byte) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, s.url+path, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// conn is one client's keep-alive connection sending the same request
// again and again: the request is written out once (by http.Request.Write)
// and each answer read by http.ReadResponse.
type conn struct {
	nc  net.Conn
	br  *bufio.Reader
	req []byte
	buf bytes.Buffer
}

// dial opens a connection to the service for the request method path
// body.
func (s *service) dial(method, path string, body []byte) (*conn, error) {
	req, err := http.NewRequest(method, s.url+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/json")
	var b bytes.Buffer
	if err := req.Write(&b); err != nil {
		return nil, err
	}
	nc, err := net.Dial("tcp", req.URL.Host)
	if err != nil {
		return nil, err
	}
	return &conn{nc: nc, br: bufio.NewReaderSize(nc, 16<<10), req: b.Bytes()}, nil
}

// do sends the request and returns the answer's status and body.
func (c *conn) do() (int, []byte, error) {
	if _, err := c.nc.Write(c.req); err != nil {
		return 0, nil, err
	}
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		return 0, nil, err
	}
	c.buf.Reset()
	_, err = c.buf.ReadFrom(resp.Body)
	resp.Body.Close()
	if err == nil && resp.Close {
		err = errors.New("the service closed the connection")
	}
	return resp.StatusCode, c.buf.Bytes(), err
}

func (c *conn) close() { c.nc.Close() }

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[min(len(d)-1, int(p*float64(len(d))))]
}

// runValidate has clients validate the example plant for duration. With
// rate 0 each client is closed-loop (its next request when the last is
// answered: the service's throughput); with a rate, client k sends at
// start + (i*clients+k)/rate, an open load whose latencies include any
// queueing in the service.
func runValidate(ordo string, clients int, duration time.Duration, rate float64, lean bool) error {
	s, err := startService(ordo, "", "", "--log-level", "warn")
	if err != nil {
		return err
	}
	defer s.stop()
	body := examples.PlantJSON
	var mu sync.Mutex
	var lat []time.Duration
	var errs atomic.Int64
	var firstErr atomic.Value
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var wg sync.WaitGroup
	load0 := loadAvg()
	srvCPU0, _ := procCPU(s.cmd.Process.Pid)
	cliCPU0, _ := procCPU(os.Getpid())
	start := time.Now()
	for k := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			post := func() (int, []byte, error) { return s.do("POST", "/v1/validate", body) }
			if lean {
				c, err := s.dial("POST", "/v1/validate", body)
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					return
				}
				defer c.close()
				post = c.do
			}
			for i := 0; ctx.Err() == nil; i++ {
				if rate > 0 {
					at := start.Add(time.Duration(float64(i*clients+k) / rate * float64(time.Second)))
					select {
					case <-time.After(time.Until(at)):
					case <-ctx.Done():
						continue
					}
				}
				t0 := time.Now()
				code, data, err := post()
				d := time.Since(t0)
				if err != nil || code != 200 {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("%d %v %.200s", code, err, data))
					continue
				}
				mine = append(mine, d)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	srvCPU1, errS := procCPU(s.cmd.Process.Pid)
	cliCPU1, errC := procCPU(os.Getpid())
	slices.Sort(lat)
	rss, _ := peakRSS(s.cmd.Process.Pid)
	mode := "closed loop"
	if rate > 0 {
		mode = fmt.Sprintf("offered %.0f req/s", rate)
	}
	fmt.Printf("validate (%s): %d clients for %s: %d ok, %d errors, %.0f req/s, p50 %s, p99 %s, max %s, server peak RSS %d MiB\n",
		mode, clients, elapsed.Round(time.Millisecond), len(lat), errs.Load(), float64(len(lat))/elapsed.Seconds(),
		percentile(lat, 0.50).Round(10*time.Microsecond), percentile(lat, 0.99).Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond), rss>>20)
	if n := len(lat) + int(errs.Load()); n > 0 && errS == nil && errC == nil {
		perReq := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
		fmt.Printf("validate: CPU per request: server %.2f ms, load-test client %.2f ms; machine load average %s at the start, %s at the end (%d cores)\n",
			perReq(srvCPU1-srvCPU0), perReq(cliCPU1-cliCPU0), load0, loadAvg(), runtime.NumCPU())
	}
	if e := firstErr.Load(); e != nil {
		fmt.Printf("validate: first error: %s\n", e)
	}
	return nil
}

type job struct {
	ID        string   `json:"id"`
	State     string   `json:"state"`
	Objective *float64 `json:"objective"`
	ResultURL string   `json:"result_url"`
}

func runSolves(ordo string, n int) error {
	s, err := startService(ordo, "", "", "--log-level", "warn")
	if err != nil {
		return err
	}
	defer s.stop()
	body, _ := json.Marshal(map[string]any{"problem": json.RawMessage(examples.PlantJSON), "solver": "dispatch"})
	ids := make([]string, n)
	codes := make([]int, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, data, err := s.do("POST", "/v1/solves", body)
			codes[i] = code
			if err == nil && code == http.StatusAccepted {
				var j job
				_ = json.Unmarshal(data, &j)
				ids[i] = j.ID
			}
		}()
	}
	wg.Wait()
	accepted := 0
	for _, c := range codes {
		if c == http.StatusAccepted {
			accepted++
		}
	}
	// wait for every job (bounded: 5 minutes)
	deadline := time.Now().Add(5 * time.Minute)
	done, lost, failed := 0, 0, 0
	for _, id := range ids {
		if id == "" {
			continue
		}
		for {
			code, data, err := s.do("GET", "/v1/solves/"+id, nil)
			if err != nil || code != 200 {
				lost++
				break
			}
			var j job
			_ = json.Unmarshal(data, &j)
			if j.State == "done" && j.ResultURL != "" {
				done++
				break
			}
			if j.State == "failed" || j.State == "canceled" {
				failed++
				break
			}
			if time.Now().After(deadline) {
				lost++
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	elapsed := time.Since(start)
	rss, _ := peakRSS(s.cmd.Process.Pid)
	fmt.Printf("solves: %d submitted at once, %d accepted (202), %d done with a result, %d failed, %d lost, all finished in %s, server peak RSS %d MiB\n",
		n, accepted, done, failed, lost, elapsed.Round(time.Millisecond), rss>>20)
	return nil
}

func runKill(ordo string, n int) error {
	s, err := startService(ordo, "", "")
	if err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]any{"problem": json.RawMessage(examples.PlantJSON), "solver": "dispatch", "name": "kill test"})
	code, data, err := s.do("POST", "/v1/plans", body)
	if err != nil || code != http.StatusCreated {
		s.stop()
		return fmt.Errorf("create plan: %d %w %s", code, err, data)
	}
	var plan struct{ ID string }
	_ = json.Unmarshal(data, &plan)
	// n events, each acknowledged (201) before the next: a job's weight
	// changes, so every version differs
	acked := map[int]string{} // version -> events id
	start := time.Now()
	for i := range n {
		ev := fmt.Sprintf(`{"now": "2026-12-07T00:00:00+01:00", "events": [{"type": "priority_changed", "job": "SHF-4101", "weight": %d}]}`, i+1)
		code, data, err := s.do("POST", "/v1/plans/"+plan.ID+"/events", []byte(ev))
		if err != nil || code != http.StatusCreated {
			s.stop()
			return fmt.Errorf("events %d: %d %w %.300s", i, code, err, data)
		}
		var v struct {
			Version int
			Events  string
		}
		_ = json.Unmarshal(data, &v)
		acked[v.Version] = v.Events
	}
	elapsed := time.Since(start)
	// kill -9 right after the last acknowledgement
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.log.Close()
	fmt.Printf("kill: %d events acknowledged in %s (%.1f ms each), then kill -9 of ordo serve (pid %d)\n",
		n, elapsed.Round(time.Millisecond), float64(elapsed.Microseconds())/1000/float64(n), s.cmd.Process.Pid)

	s2, err := startService(ordo, s.store, s.token)
	if err != nil {
		return err
	}
	defer s2.stop()
	code, data, err = s2.do("GET", "/v1/plans/"+plan.ID+"/events", nil)
	if err != nil || code != 200 {
		return fmt.Errorf("events after restart: %d %w", code, err)
	}
	var list struct {
		Events []struct {
			ID string
			To int `json:"to_version"`
		}
	}
	_ = json.Unmarshal(data, &list)
	found := 0
	for _, e := range list.Events {
		if acked[e.To] == e.ID {
			found++
		}
	}
	intact := 0
	for v := 1; v <= n+1; v++ {
		code, data, err := s2.do("GET", fmt.Sprintf("/v1/plans/%s/versions/%d", plan.ID, v), nil)
		var vv struct {
			Version int
			Result  json.RawMessage
		}
		if err == nil && code == 200 && json.Unmarshal(data, &vv) == nil && vv.Version == v && len(vv.Result) > 0 {
			intact++
		}
	}
	_, data, _ = s2.do("GET", "/v1/plans/"+plan.ID, nil)
	var pv struct{ Version int }
	_ = json.Unmarshal(data, &pv)
	fmt.Printf("kill: after restart: %d of %d acknowledged events there, %d of %d versions readable, latest version %d\n",
		found, n, intact, n+1, pv.Version)
	if found != n || intact != n+1 || pv.Version != n+1 {
		return errors.New("kill: acknowledged work lost")
	}
	return nil
}
