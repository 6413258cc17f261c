package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ordo-sched/ordo/server"
)

// defaultStore is the store of ordo serve and ordo token create when
// --store is not given: an SQLite file in the working directory.
const defaultStore = "sqlite:ordo.db"

func cmdServe(e *env, args []string) error {
	fs := newFlags(e, "serve", "[options]",
		"Runs the HTTP service: the API of /v1/openapi.json over a store that survives restarts.\n"+
			"Requests need \"Authorization: Bearer TOKEN\" (see ordo token create), except /healthz,\n"+
			"/readyz, /metrics and /v1/openapi.json. SIGINT or SIGTERM shut it down gracefully.")
	addr := fs.String("addr", "127.0.0.1:8080", "listen on HOST:PORT")
	store := fs.String("store", defaultStore, "store: sqlite:PATH (embedded) or a postgres:// URL")
	certFile := fs.String("tls-cert", "", "serve HTTPS with this certificate (PEM) ...")
	keyFile := fs.String("tls-key", "", "... and this private key (PEM)")
	maxBody := fs.Int64("max-body", 16<<20, "largest request body in bytes (larger: 413)")
	maxBodyMemory := fs.Int64("max-body-memory", 256<<20, "bytes of request bodies held at once over all requests (beyond: wait up to 10 s, then 503)")
	maxSolves := fs.Int("max-solves", 0, "solves running at once (0: the number of CPUs)")
	queue := fs.Int("queue", 256, "solves that may wait beyond those running (then 429)")
	timeLimit := fs.Duration("time-limit", 10*time.Second, "a solve's time limit when the request gives none")
	maxTimeLimit := fs.Duration("max-time-limit", 10*time.Minute, "the longest time limit a request may ask")
	grace := fs.Duration("grace", 30*time.Second, "how long a shutdown waits for requests in flight")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if (*certFile == "") != (*keyFile == "") {
		return usagef("--tls-cert and --tls-key go together")
	}
	if *queue < 0 {
		return usagef("--queue must not be negative")
	}
	if *maxBody > 0 && *maxBodyMemory > 0 && *maxBodyMemory < *maxBody {
		return usagef("--max-body-memory (%d) must be at least --max-body (%d)", *maxBodyMemory, *maxBody)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return usagef("--log-level %q: want debug, info, warn or error", *logLevel)
	}
	hopts := &slog.HandlerOptions{Level: level}
	var logger *slog.Logger
	switch *logFormat {
	case "text":
		logger = slog.New(slog.NewTextHandler(e.stderr, hopts))
	case "json":
		logger = slog.New(slog.NewJSONHandler(e.stderr, hopts))
	default:
		return usagef("--log-format %q: want text or json", *logFormat)
	}

	// A service answers many short requests: unless the environment sets
	// them, collect garbage less often (GOGC=800) within a soft memory
	// limit (GOMEMLIMIT=768MiB) that makes the collector work harder
	// before the process grows past it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
	procs, turns := serveProcs(os.Getenv("GOMAXPROCS"), startProcs())
	if procs != runtime.GOMAXPROCS(0) {
		runtime.GOMAXPROCS(procs)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := server.OpenStore(ctx, *store)
	if err != nil {
		return err
	}
	defer st.Close()
	q := *queue
	if q == 0 {
		q = -1 // no queue
	}
	srv, err := server.New(ctx, server.Config{
		Store: st, Logger: logger, MaxBodyBytes: *maxBody, MaxBodyMemory: *maxBodyMemory, MaxSolves: *maxSolves, QueueSize: q,
		DefaultTimeLimit: *timeLimit, MaxTimeLimit: *maxTimeLimit, CPUTurns: turns,
	})
	if err != nil {
		return err
	}
	scheme := "http"
	if *certFile != "" {
		scheme = "https"
	}
	err = srv.ListenAndServe(ctx, *addr, *certFile, *keyFile, *grace, func(a net.Addr) {
		logger.Info("ordo serve listening", "url", scheme+"://"+a.String(), "store", server.RedactSpec(*store),
			"gomaxprocs", runtime.GOMAXPROCS(0), "validation_turns", turns)
	})
	if err != nil {
		return err
	}
	logger.Info("ordo serve stopped")
	return nil
}

func cmdToken(e *env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprintln(e.stderr, "Usage: ordo token create --plant P --role planner|viewer|team:GROUP [--store S]")
			return nil
		}
		return usagef("want: ordo token create --plant P --role planner|viewer|team:GROUP [--store S]")
	}
	fs := newFlags(e, "token create", "--plant P --role planner|viewer|team:GROUP [--store S]",
		"Creates an API token for ordo serve, scoped to plant P with a role: planner (read and write),\n"+
			"viewer (read), team:GROUP (its group's work lists only; GROUP is a team of the plant, see ordo\n"+
			"team, whose token also reads the lists of the team's machines and pools; else a machine ID or an\n"+
			"operator pool ID). The store keeps only its hash: the token is printed once, as the last line.")
	plant := fs.String("plant", "", "the plant the token is scoped to (letters, digits, '.', '_', '-')")
	role := fs.String("role", "", "planner, viewer or team:GROUP")
	store := fs.String("store", defaultStore, "store: sqlite:PATH (embedded) or a postgres:// URL")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *plant == "" || *role == "" {
		return usagef("--plant and --role are required")
	}
	r, err := server.ParseRole(*role)
	if err != nil {
		return usageError{err.Error()}
	}
	ctx := context.Background()
	st, err := server.OpenStore(ctx, *store)
	if err != nil {
		return err
	}
	defer st.Close()
	tok, err := server.CreateToken(ctx, st, *plant, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "token for plant %s, role %s (stored hashed in %s; keep it, it is not shown again):\n%s\n", *plant, r, server.RedactSpec(*store), tok)
	return nil
}

const teamUsage = "ordo team set --plant P [--store S] NAME [--machines ID,ID] [--pools ID,ID] | " +
	"ordo team list --plant P [--store S] | ordo team delete --plant P [--store S] NAME"

// cmdTeam sets, lists and deletes the teams of a plant in the store of
// ordo serve, as PUT, GET and DELETE /v1/teams/{team} do.
func cmdTeam(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("want: %s", teamUsage)
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		fmt.Fprintln(e.stderr, "Usage: "+teamUsage)
		return nil
	}
	sub := args[0]
	if sub != "set" && sub != "list" && sub != "delete" {
		return usagef("unknown team command %q; want: %s", sub, teamUsage)
	}
	usage := map[string]string{
		"set":    "--plant P [--store S] NAME [--machines ID,ID] [--pools ID,ID]",
		"list":   "--plant P [--store S]",
		"delete": "--plant P [--store S] NAME",
	}[sub]
	fs := newFlags(e, "team "+sub, usage,
		"Defines the teams of a plant for ordo serve, without HTTP: a team is a name and the machines and\n"+
			"operator pools whose work it does; GET .../worklists/NAME is one list for all of them, which a\n"+
			"team:NAME token reads (with the single lists of the team's machines and pools). set creates or\n"+
			"replaces a team; the IDs are checked against a plan only when its work list is read.")
	plant := fs.String("plant", "", "the plant of the team")
	store := fs.String("store", defaultStore, "store: sqlite:PATH (embedded) or a postgres:// URL")
	var machines, pools *string
	if sub == "set" {
		machines = fs.String("machines", "", "comma-separated machine IDs")
		pools = fs.String("pools", "", "comma-separated operator pool IDs")
	}
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if *plant == "" {
		return usagef("--plant is required")
	}
	switch {
	case sub == "list" && len(pos) > 0:
		return usagef("unexpected argument %q", pos[0])
	case sub != "list" && len(pos) != 1:
		return usagef("want one team NAME, got %d arguments", len(pos))
	}
	ctx := context.Background()
	st, err := server.OpenStore(ctx, *store)
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "set":
		ms, ps := splitIDs(*machines), splitIDs(*pools)
		if len(ms)+len(ps) == 0 {
			return usagef("give --machines or --pools")
		}
		t, created, err := server.SetTeam(ctx, st, *plant, pos[0], ms, ps)
		if err != nil {
			return err
		}
		verb := "replaced"
		if created {
			verb = "created"
		}
		fmt.Fprintf(e.stdout, "team %s of plant %s %s: machines %s, pools %s\n", t.Name, t.Plant, verb, idList(t.Machines), idList(t.Pools))
	case "list":
		ts, err := st.Teams(ctx, *plant)
		if err != nil {
			return err
		}
		for _, t := range ts {
			fmt.Fprintf(e.stdout, "%s\tmachines %s\tpools %s\n", t.Name, idList(t.Machines), idList(t.Pools))
		}
	case "delete":
		if err := st.DeleteTeam(ctx, *plant, pos[0]); err != nil {
			if errors.Is(err, server.ErrNotFound) {
				return fmt.Errorf("plant %s has no team %q", *plant, pos[0])
			}
			return err
		}
		fmt.Fprintf(e.stdout, "team %s of plant %s deleted\n", pos[0], *plant)
	}
	return nil
}

// idList prints IDs comma-separated, "-" for none.
func idList(ids []string) string {
	if len(ids) == 0 {
		return "-"
	}
	return strings.Join(ids, ",")
}

// startProcs is the process's GOMAXPROCS before the service changed it
// (the cores it may use), read once so that serving again in the same
// process does not add another P.
var startProcs = sync.OnceValue(func() int { return runtime.GOMAXPROCS(0) })

// serveProcs returns the service's GOMAXPROCS and its validation turns,
// given the GOMAXPROCS environment variable and the runtime's value. Unless
// the environment sets it, the service runs one more P than the cores it
// has (procs), with validations taking turns as many at a time as cores:
// when every P runs a turn, Go's scheduler looks at the network only from
// its monitor thread (about every 10 ms) and runs newly arrived requests
// after the woken turns, so some requests wait far longer than the others;
// the spare P takes them as they arrive and they queue in order. On the
// load program's 64 validating clients (2 cores) the p99 latency went from
// 32-38 ms to 20-22 ms at the same throughput.
func serveProcs(env string, cores int) (procs, turns int) {
	if env != "" {
		return cores, cores
	}
	return cores + 1, cores
}
