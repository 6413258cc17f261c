package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/sync/semaphore"
)

// OpenAPI is the OpenAPI 3.1 document of the service (server/openapi.json),
// served at /v1/openapi.json: the one list of its routes.
//
//go:embed openapi.json
var OpenAPI []byte

// Config configures a Server. Only Store is required.
type Config struct {
	// Store keeps tokens, jobs, plans, versions and events.
	Store Store
	// Logger receives structured logs (nil: slog.Default()).
	Logger *slog.Logger
	// MaxBodyBytes bounds request bodies (0: 16 MiB); larger ones get 413.
	MaxBodyBytes int64
	// MaxSolves bounds the solves running at once (0: the number of CPUs).
	MaxSolves int
	// QueueSize is how many more solves may wait (0: 256; negative: none);
	// beyond it a solve request gets 429.
	QueueSize int
	// DefaultTimeLimit is a solve's time limit when the request gives none
	// (0: 10 s); MaxTimeLimit caps what a request may ask (0: 10 min).
	DefaultTimeLimit, MaxTimeLimit time.Duration
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout are the
	// HTTP server's timeouts against slow clients (0: 5 s, 30 s, 60 s,
	// 120 s). Progress streams and synchronous solves extend their own
	// write deadline.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// Runner runs solves (nil: a LocalRunner with MaxSolves workers and
	// QueueSize places, reporting to the server).
	Runner func(Reporter) Runner
	// TokenCacheTTL is how long the service trusts a token the store has
	// verified without asking the store again (0: 10 s; negative: it asks
	// on every request). A token deleted or changed in the store is
	// refused or changed at most this long after.
	TokenCacheTTL time.Duration
	// MaxBodyMemory bounds the bytes of request bodies read and held at
	// once over all requests (0: 256 MiB; never below MaxBodyBytes): a
	// request reserves its Content-Length (MaxBodyBytes when unknown)
	// until its handler returns. One that finds no room waits up to
	// BodyWait (0: 10 s) for others to end, then gets 503 with
	// Retry-After.
	MaxBodyMemory int64
	BodyWait      time.Duration
	// CPUTurns is how many CPU-bound requests (validations) run at once,
	// the others waiting their turn in arrival order (0: GOMAXPROCS when
	// the server is made).
	CPUTurns int
}

func (c *Config) defaults() {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 16 << 20
	}
	if c.MaxSolves <= 0 {
		c.MaxSolves = runtime.NumCPU()
	}
	if c.QueueSize == 0 {
		c.QueueSize = 256
	}
	if c.QueueSize < 0 {
		c.QueueSize = 0
	}
	if c.DefaultTimeLimit <= 0 {
		c.DefaultTimeLimit = 10 * time.Second
	}
	if c.MaxTimeLimit <= 0 {
		c.MaxTimeLimit = 10 * time.Minute
	}
	if c.ReadHeaderTimeout <= 0 {
		c.ReadHeaderTimeout = 5 * time.Second
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 30 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 60 * time.Second
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 120 * time.Second
	}
	if c.MaxBodyMemory <= 0 {
		c.MaxBodyMemory = 256 << 20
	}
	c.MaxBodyMemory = max(c.MaxBodyMemory, c.MaxBodyBytes)
	if c.BodyWait <= 0 {
		c.BodyWait = 10 * time.Second
	}
	if c.CPUTurns <= 0 {
		c.CPUTurns = runtime.GOMAXPROCS(0)
	}
	if c.TokenCacheTTL == 0 {
		c.TokenCacheTTL = 10 * time.Second
	}
}

// maxCachedTokens bounds the verified tokens a server remembers.
const maxCachedTokens = 10000

// Server is the HTTP service: its routes (Handler), its solves (a Runner)
// and its store.
type Server struct {
	cfg     Config
	store   Store
	log     *slog.Logger
	runner  Runner
	metrics *metrics
	mux     *http.ServeMux
	routes  []Route

	tokens *tokenCache // nil when off
	// cpu admits short CPU-bound requests (validating a problem whose
	// body has been read: decoding, validating, answering)
	// Config.CPUTurns at a time.
	// Waiting on a channel is first come, first served: under load the
	// requests queue in order instead of sharing the cores all at once,
	// which keeps the slowest answers close to the typical one.
	cpu chan struct{}
	// bodies holds the room of the request bodies in memory
	// (Config.MaxBodyMemory).
	bodies *semaphore.Weighted

	mu       sync.Mutex
	jobs     map[string]*liveJob // queued and running jobs
	stopping chan struct{}
	stopOnce sync.Once
}

// New returns a server over cfg.Store. Solve jobs that a previous run left
// queued or running are queued again.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	cfg.defaults()
	s := &Server{cfg: cfg, store: cfg.Store, log: cfg.Logger, jobs: map[string]*liveJob{}, stopping: make(chan struct{}),
		tokens: newTokenCache(cfg.TokenCacheTTL, maxCachedTokens), cpu: make(chan struct{}, cfg.CPUTurns),
		bodies: semaphore.NewWeighted(cfg.MaxBodyMemory)}
	if cfg.Runner != nil {
		s.runner = cfg.Runner(s)
	} else {
		s.runner = NewLocalRunner(cfg.MaxSolves, cfg.QueueSize, s)
	}
	s.metrics = newMetrics(s.runner.Counts)
	s.buildRoutes()
	if err := s.resume(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// admit waits for a turn of a CPU-bound request (first come, first
// served) and returns the function that ends it; ok is false when the
// client gave up while waiting.
func (s *Server) admit(r *http.Request) (done func(), ok bool) {
	select {
	case s.cpu <- struct{}{}:
		return func() { <-s.cpu }, true
	case <-r.Context().Done():
		return nil, false
	}
}

// resume queues again the jobs a stopped service left queued or running.
func (s *Server) resume(ctx context.Context) error {
	jobs, err := s.store.UnfinishedJobs(ctx)
	if err != nil {
		return fmt.Errorf("server: unfinished jobs: %w", err)
	}
	for _, j := range jobs {
		j.State = JobQueued
		if err := s.enqueue(ctx, j, false); err != nil {
			s.log.Warn("cannot resume solve job", "job", j.ID, "err", err)
			j.State, j.Error, j.Ended = JobFailed, "not resumed after a restart: "+err.Error(), time.Now()
			if err := s.store.UpdateJob(ctx, j); err != nil {
				return err
			}
			continue
		}
		s.log.Info("solve job resumed", "job", j.ID, "plant", j.Plant)
	}
	return nil
}

// Route is one route of the service: its method and path pattern (as in
// the OpenAPI document), what it needs from the caller's token, and its
// handler.
type Route struct {
	Method, Path string
	Access       Access
	handler      func(w http.ResponseWriter, r *http.Request, who Principal)
}

// Routes returns the service's routes (the test holds them against the
// OpenAPI document).
func (s *Server) Routes() []Route { return s.routes }

// Handler returns the service's HTTP handler.
func (s *Server) Handler() http.Handler { return s.mux }

func (s *Server) buildRoutes() {
	s.routes = []Route{
		{"GET", "/healthz", Public, s.healthz},
		{"GET", "/readyz", Public, s.readyz},
		{"GET", "/metrics", Public, nil},
		{"GET", "/v1/openapi.json", Public, s.openapi},
		{"GET", "/v1/solvers", Read, s.listSolvers},
		{"POST", "/v1/validate", Read, s.validate},
		{"POST", "/v1/solves", Write, s.submitSolve},
		{"GET", "/v1/solves/{id}", Read, s.getSolve},
		{"GET", "/v1/solves/{id}/progress", Read, s.streamSolve},
		{"POST", "/v1/solves/{id}/cancel", Write, s.cancelSolve},
		{"GET", "/v1/solves/{id}/result", Read, s.solveResult},
		{"GET", "/v1/plans", Read, s.listPlans},
		{"POST", "/v1/plans", Write, s.createPlan},
		{"GET", "/v1/plans/{id}", Read, s.getPlan},
		{"GET", "/v1/plans/{id}/versions", Read, s.listVersions},
		{"GET", "/v1/plans/{id}/versions/{version}", Read, s.getVersion},
		{"GET", "/v1/plans/{id}/versions/{version}/problem", Read, s.versionProblem},
		{"GET", "/v1/plans/{id}/versions/{version}/kpis", Read, s.versionKPIs},
		{"GET", "/v1/plans/{id}/versions/{version}/gantt", Read, s.versionGantt},
	}
	s.routes = append(s.routes, s.laterRoutes()...)
	s.routes = append(s.routes, s.reportRoutes()...)
	s.routes = append(s.routes, s.teamRoutes()...)
	mux := http.NewServeMux()
	metricsHandler := promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})
	for _, rt := range s.routes {
		h := rt.handler
		if rt.Path == "/metrics" {
			h = func(w http.ResponseWriter, r *http.Request, _ Principal) { metricsHandler.ServeHTTP(w, r) }
		}
		mux.Handle(rt.Method+" "+rt.Path, s.wrap(rt.Method+" "+rt.Path, rt.Access, h))
	}
	mux.Handle("/", s.wrap("unmatched", Public, func(w http.ResponseWriter, r *http.Request, _ Principal) {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no route %s %s (see /v1/openapi.json)", r.Method, r.URL.Path))
	}))
	s.mux = mux
}

// statusWriter records the status code of a response.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wrap adds to h what every route does: the body limit, the token check
// (401, 403), metrics and a log line.
func (s *Server) wrap(route string, access Access, h func(http.ResponseWriter, *http.Request, Principal)) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		w := &statusWriter{ResponseWriter: rw}
		var who Principal
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("handler panic", "route", route, "panic", fmt.Sprint(v))
				if w.code == 0 {
					writeError(w, http.StatusInternalServerError, "internal", "internal error")
				}
			}
			code := w.code
			if code == 0 {
				code = http.StatusOK
			}
			d := time.Since(start)
			s.metrics.requests.WithLabelValues(route, r.Method, strconv.Itoa(code)).Inc()
			s.metrics.latency.WithLabelValues(route, r.Method).Observe(d.Seconds())
			level := slog.LevelInfo
			if code >= 500 {
				level = slog.LevelError
			}
			if s.log.Enabled(r.Context(), level) {
				s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "route", route,
					"code", code, "ms", float64(d.Microseconds())/1000, "plant", who.Plant, "remote", r.RemoteAddr)
			}
		}()
		if r.ContentLength > s.cfg.MaxBodyBytes {
			w.Header().Set("Connection", "close")
			writeError(w, http.StatusRequestEntityTooLarge, "body_too_large",
				fmt.Sprintf("the request body is %d bytes; the limit is %d", r.ContentLength, s.cfg.MaxBodyBytes))
			return
		}
		if access != Public {
			var ok bool
			if who, ok = s.authenticate(w, r); !ok {
				return
			}
			group := r.PathValue("group")
			if access == Team {
				group = r.PathValue("team")
			}
			if !who.Role.Allows(access, group) {
				writeError(w, http.StatusForbidden, "forbidden",
					fmt.Sprintf("a %s token may not %s %s", who.Role.Kind, r.Method, r.URL.Path))
				return
			}
		}
		release, ok := s.reserveBody(w, r)
		if !ok {
			return
		}
		defer release()
		h(w, r, who)
	})
}

// reserveBody reserves room for r's body among the bodies in memory
// (Config.MaxBodyMemory), waiting up to Config.BodyWait for it, and
// returns the function that gives the room back; beyond the wait it
// answers 503 with Retry-After and returns false, as when the client
// leaves meanwhile. A request without a body reserves nothing.
func (s *Server) reserveBody(w http.ResponseWriter, r *http.Request) (release func(), ok bool) {
	n := r.ContentLength
	if n == 0 || r.Body == nil || r.Body == http.NoBody {
		return func() {}, true
	}
	if n < 0 || n > s.cfg.MaxBodyBytes {
		n = s.cfg.MaxBodyBytes // unknown length: as much as it may be
	}
	release = func() {
		s.metrics.bodyBytes.Sub(float64(n))
		s.bodies.Release(n)
	}
	if s.bodies.TryAcquire(n) {
		s.metrics.bodyBytes.Add(float64(n))
		return release, true
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.BodyWait)
	defer cancel()
	if err := s.bodies.Acquire(ctx, n); err != nil {
		if r.Context().Err() == nil {
			s.metrics.bodyBusy.Inc()
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(s.cfg.BodyWait/time.Second))))
			writeError(w, http.StatusServiceUnavailable, "busy", fmt.Sprintf(
				"the request bodies in memory are at the service's limit of %d bytes (--max-body-memory); retry later", s.cfg.MaxBodyMemory))
		}
		return nil, false
	}
	s.metrics.bodyBytes.Add(float64(n))
	return release, true
}

// authenticate reads the bearer token and finds its record; on failure it
// answers 401 (or 503 when the store fails) and returns false.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (Principal, bool) {
	tok, err := bearer(r.Header.Get("Authorization"))
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="ordo"`)
		writeError(w, http.StatusUnauthorized, "unauthorized", err.Error())
		return Principal{}, false
	}
	sum := sha256.Sum256([]byte(tok))
	now := time.Now()
	if who, ok := s.tokens.get(sum, now); ok {
		return who, true
	}
	rec, err := s.store.TokenByHash(r.Context(), hex.EncodeToString(sum[:]))
	if errors.Is(err, ErrNotFound) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="ordo", error="invalid_token"`)
		writeError(w, http.StatusUnauthorized, "unauthorized", "unknown token")
		return Principal{}, false
	}
	if err != nil {
		s.log.Error("token lookup", "err", err)
		writeError(w, http.StatusServiceUnavailable, "store_unavailable", "the store cannot be reached")
		return Principal{}, false
	}
	who := Principal{Plant: rec.Plant, Role: rec.Role}
	s.tokens.put(sum, who, now)
	return who, true
}

// APIError is the body of every error response.
type APIError struct {
	// Code is a stable machine-readable code ("invalid_problem").
	Code string `json:"code"`
	// Message is a sentence for people.
	Message string `json:"message"`
	// Issues locate what is wrong in the input, when the error is about it.
	Issues []Issue `json:"issues,omitempty"`
}

// Issue is one located problem of an input.
type Issue struct {
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		code = http.StatusInternalServerError
		data = []byte(`{"code":"internal","message":"cannot encode the response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)+1))
	w.WriteHeader(code)
	_, _ = w.Write(append(data, '\n'))
}

func writeError(w http.ResponseWriter, code int, errCode, msg string) {
	writeJSON(w, code, APIError{Code: errCode, Message: msg})
}

// newID returns a random id with a prefix ("s_", "p_", "e_").
func newID(prefix string) string {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return prefix + hex.EncodeToString(b[:])
}

// HTTPServer returns an http.Server for the handler with the configured
// timeouts.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr: addr, Handler: s.Handler(),
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout, ReadTimeout: s.cfg.ReadTimeout,
		WriteTimeout: s.cfg.WriteTimeout, IdleTimeout: s.cfg.IdleTimeout,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// ListenAndServe serves on addr (with TLS when certFile and keyFile are
// given) until ctx is done, then shuts down gracefully: it stops accepting
// connections, ends progress streams, cancels running solves (their best
// schedules are stored), waits for the requests in flight (up to grace)
// and returns. ready, when not nil, is called with the address listened
// on.
func (s *Server) ListenAndServe(ctx context.Context, addr, certFile, keyFile string, grace time.Duration, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := s.HTTPServer(addr)
	errc := make(chan error, 1)
	go func() {
		if certFile != "" || keyFile != "" {
			errc <- hs.ServeTLS(ln, certFile, keyFile)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	if ready != nil {
		ready(ln.Addr())
	}
	select {
	case err := <-errc:
		_ = s.Shutdown(context.Background())
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	var wg sync.WaitGroup
	var herr error
	wg.Add(1)
	go func() { defer wg.Done(); herr = hs.Shutdown(sctx) }()
	serr := s.Shutdown(sctx)
	wg.Wait()
	if herr != nil {
		hs.Close()
	}
	return errors.Join(herr, serr)
}

// Shutdown ends progress streams, refuses new solves, cancels the running
// ones and waits until their best results are stored. Queued solves stay
// queued in the store and start again with the next server.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() { close(s.stopping) })
	return s.runner.Shutdown(ctx)
}
