package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	// The two database/sql drivers: SQLite (pure Go) and PostgreSQL.
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// ErrNotFound is returned by Store methods when the record does not exist
// (or belongs to another plant).
var ErrNotFound = errors.New("not found")

// ErrConflict is returned by Store.AddVersion when the plan's latest
// version is no longer the one the new version was built on.
var ErrConflict = errors.New("conflict")

// Store keeps the service's state: tokens, solve jobs, plans, their
// versions and the events that made them. Every method that takes a plant
// sees only that plant's records: another plant's record is ErrNotFound.
// OpenStore returns the SQL implementation for SQLite or PostgreSQL.
type Store interface {
	// Ping checks that the database answers (the readiness probe).
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error

	// CreateToken stores a token record (its hash, never the token).
	CreateToken(ctx context.Context, t TokenRecord) error
	// TokenByHash returns the token record with the given hash.
	TokenByHash(ctx context.Context, hash string) (TokenRecord, error)

	// CreateJob stores a new solve job.
	CreateJob(ctx context.Context, j *JobRecord) error
	// UpdateJob writes a job's state, figures, result and error.
	UpdateJob(ctx context.Context, j *JobRecord) error
	// Job returns plant's job id.
	Job(ctx context.Context, plant, id string) (*JobRecord, error)
	// UnfinishedJobs returns the jobs of every plant still queued or
	// running (those a stopped service left behind), oldest first.
	UnfinishedJobs(ctx context.Context) ([]*JobRecord, error)

	// CreatePlan stores a plan with its first version (number 1).
	CreatePlan(ctx context.Context, p *PlanRecord, v *VersionRecord) error
	// Plan returns plant's plan id.
	Plan(ctx context.Context, plant, id string) (*PlanRecord, error)
	// Plans returns plant's plans, newest first.
	Plans(ctx context.Context, plant string) ([]*PlanRecord, error)
	// Version returns a version of plant's plan id (0: the latest).
	Version(ctx context.Context, plant, id string, version int) (*VersionRecord, error)
	// Versions lists the versions of plant's plan id, oldest first, without
	// their problems and results.
	Versions(ctx context.Context, plant, id string) ([]*VersionRecord, error)
	// AddVersion stores, in one transaction, the events ev applied to
	// version v.Base of plant's plan and the version v they made, which
	// becomes the plan's latest (v.Version is set). It returns ErrConflict
	// when v.Base is no longer the latest version. When it returns nil,
	// both are committed.
	AddVersion(ctx context.Context, plant string, ev *EventsRecord, v *VersionRecord) error
	// Events lists the events applied to plant's plan id, oldest first.
	Events(ctx context.Context, plant, id string) ([]*EventsRecord, error)

	// PutTeam creates or replaces plant's team t.Name (its machines and
	// pools; Created is kept when it exists, Updated is set) and reports
	// whether it created it.
	PutTeam(ctx context.Context, t *TeamRecord) (created bool, err error)
	// Team returns plant's team name.
	Team(ctx context.Context, plant, name string) (*TeamRecord, error)
	// Teams returns plant's teams by name.
	Teams(ctx context.Context, plant string) ([]*TeamRecord, error)
	// DeleteTeam deletes plant's team name.
	DeleteTeam(ctx context.Context, plant, name string) error
}

// TokenRecord is a stored API token: the SHA-256 of the token (hex), the
// plant it is scoped to and its role.
type TokenRecord struct {
	Hash    string
	Plant   string
	Role    Role
	Created time.Time
}

// TeamRecord is a team of a plant: a name and the machine and operator
// pool IDs whose work it does (ids of the plant's problems, checked
// against a plan version only when its work list is read).
type TeamRecord struct {
	Plant    string
	Name     string
	Machines []string
	Pools    []string
	Created  time.Time
	Updated  time.Time
}

// Job states.
const (
	JobQueued   = "queued"
	JobRunning  = "running"
	JobDone     = "done"
	JobCanceled = "canceled"
	JobFailed   = "failed"
)

// JobRecord is a solve job: its input, its state and, once it has one,
// its best result.
type JobRecord struct {
	ID      string
	Plant   string
	State   string
	Solver  string
	Problem []byte // the problem JSON as submitted
	Params  []byte // the solve parameters (JSON of SolveParams)
	Created time.Time
	Started time.Time // zero until it runs
	Ended   time.Time // zero until it ends
	// HasObjective says whether Objective is set; Bound is NaN-free:
	// HasBound says whether it is known.
	HasObjective, HasBound bool
	Objective, Bound       float64
	Status, Stop           string // the solver's status and stop reason
	Result                 []byte // the result document JSON (nil: none)
	Error                  string
}

// PlanRecord is a plan: a name, a plant and its latest version number.
type PlanRecord struct {
	ID      string
	Plant   string
	Name    string
	Latest  int
	Created time.Time
	Updated time.Time
}

// VersionRecord is one version of a plan: the problem, the result
// document, the plan's time now and its actuals; Events is the id of the
// events that made it from version Base (empty for version 1), and Diff
// the JSON of what changed.
type VersionRecord struct {
	PlanID  string
	Version int
	Base    int
	Created time.Time
	Now     int64
	Problem []byte
	Result  []byte
	Actuals []byte
	Events  string
	Diff    []byte
}

// EventsRecord is an events file applied to a plan: the body as received
// and the versions before and after.
type EventsRecord struct {
	ID      string
	PlanID  string
	From    int
	To      int
	Body    []byte
	Created time.Time
}

// OpenStore opens the store named by spec: "sqlite:PATH" (or a plain path)
// for an embedded SQLite file, or a "postgres://" or "postgresql://" URL,
// and applies the schema migrations it lacks.
func OpenStore(ctx context.Context, spec string) (Store, error) {
	var s *sqlStore
	switch {
	case strings.HasPrefix(spec, "postgres://"), strings.HasPrefix(spec, "postgresql://"):
		db, err := sql.Open("pgx", spec)
		if err != nil {
			return nil, fmt.Errorf("store %s: %w", RedactSpec(spec), err)
		}
		db.SetMaxOpenConns(16)
		s = &sqlStore{db: db, postgres: true}
	default:
		path := strings.TrimPrefix(spec, "sqlite:")
		if path == "" {
			return nil, errors.New("store: empty SQLite path")
		}
		// WAL lets readers work beside the writer; FULL makes every commit
		// durable before it returns; immediate transactions take the write
		// lock at BEGIN, so that concurrent writers wait (busy_timeout)
		// instead of failing on upgrade.
		dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_txlock=immediate"
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("store %s: %w", path, err)
		}
		db.SetMaxOpenConns(8)
		s = &sqlStore{db: db}
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("store %s: %w", RedactSpec(spec), err)
	}
	return s, nil
}

// RedactSpec hides the password of a database URL (a store spec of
// OpenStore), for logs and messages.
func RedactSpec(spec string) string {
	at := strings.LastIndexByte(spec, '@')
	scheme := strings.Index(spec, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return spec
	}
	user := spec[scheme+3 : at]
	if i := strings.IndexByte(user, ':'); i >= 0 {
		user = user[:i] + ":xxx"
	}
	return spec[:scheme+3] + user + spec[at:]
}

// sqlStore implements Store over database/sql, for SQLite and PostgreSQL.
// Queries are written with ? placeholders and rebound for PostgreSQL.
type sqlStore struct {
	db       *sql.DB
	postgres bool
}

// migrations are the schema's versions, applied in order, each once; a
// new version is appended, never edited.
var migrations = []string{
	// 1: the first schema.
	`CREATE TABLE tokens (
		hash TEXT PRIMARY KEY,
		plant TEXT NOT NULL,
		role TEXT NOT NULL,
		created BIGINT NOT NULL
	);
	CREATE TABLE jobs (
		id TEXT PRIMARY KEY,
		plant TEXT NOT NULL,
		state TEXT NOT NULL,
		solver TEXT NOT NULL,
		problem TEXT NOT NULL,
		params TEXT NOT NULL,
		created BIGINT NOT NULL,
		started BIGINT NOT NULL DEFAULT 0,
		ended BIGINT NOT NULL DEFAULT 0,
		objective DOUBLE PRECISION,
		bound DOUBLE PRECISION,
		status TEXT NOT NULL DEFAULT '',
		stop TEXT NOT NULL DEFAULT '',
		result TEXT,
		error TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX jobs_state ON jobs (state, created);
	CREATE TABLE plans (
		id TEXT PRIMARY KEY,
		plant TEXT NOT NULL,
		name TEXT NOT NULL,
		latest INTEGER NOT NULL,
		created BIGINT NOT NULL,
		updated BIGINT NOT NULL
	);
	CREATE INDEX plans_plant ON plans (plant, created);
	CREATE TABLE versions (
		plan_id TEXT NOT NULL REFERENCES plans (id),
		version INTEGER NOT NULL,
		base INTEGER NOT NULL,
		created BIGINT NOT NULL,
		now BIGINT NOT NULL,
		problem TEXT NOT NULL,
		result TEXT NOT NULL,
		actuals TEXT NOT NULL,
		events TEXT NOT NULL,
		diff TEXT,
		PRIMARY KEY (plan_id, version)
	);
	CREATE TABLE events (
		id TEXT PRIMARY KEY,
		plan_id TEXT NOT NULL REFERENCES plans (id),
		from_version INTEGER NOT NULL,
		to_version INTEGER NOT NULL,
		body TEXT NOT NULL,
		created BIGINT NOT NULL
	);
	CREATE INDEX events_plan ON events (plan_id, to_version);`,
	// 2: teams, per plant (machines and pools are JSON arrays of IDs).
	`CREATE TABLE teams (
		plant TEXT NOT NULL,
		name TEXT NOT NULL,
		machines TEXT NOT NULL,
		pools TEXT NOT NULL,
		created BIGINT NOT NULL,
		updated BIGINT NOT NULL,
		PRIMARY KEY (plant, name)
	)`,
}

// migrate applies the migrations the database lacks, each in its own
// transaction with its row in schema_migrations.
func (s *sqlStore) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	for i, m := range migrations {
		version := i + 1
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			for _, stmt := range strings.Split(m, ";") {
				if strings.TrimSpace(stmt) == "" {
					continue
				}
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied) VALUES (?, ?)`), version, time.Now().UnixMilli())
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %d: %w", version, err)
		}
	}
	return nil
}

// q rebinds the ? placeholders of query for PostgreSQL ($1, $2, ...).
func (s *sqlStore) q(query string) string {
	if !s.postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// tx runs fn in a transaction, committed when fn returns nil.
func (s *sqlStore) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (s *sqlStore) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

func (s *sqlStore) Close() error { return s.db.Close() }

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

func (s *sqlStore) CreateToken(ctx context.Context, t TokenRecord) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO tokens (hash, plant, role, created) VALUES (?, ?, ?, ?)`),
		t.Hash, t.Plant, t.Role.String(), ms(t.Created))
	return err
}

func (s *sqlStore) TokenByHash(ctx context.Context, hash string) (TokenRecord, error) {
	var t TokenRecord
	var role string
	var created int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT hash, plant, role, created FROM tokens WHERE hash = ?`), hash).
		Scan(&t.Hash, &t.Plant, &role, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	if err != nil {
		return t, err
	}
	if t.Role, err = ParseRole(role); err != nil {
		return t, fmt.Errorf("token record: %w", err)
	}
	t.Created = fromMS(created)
	return t, nil
}

func nullFloat(has bool, v float64) sql.NullFloat64 { return sql.NullFloat64{Float64: v, Valid: has} }

func nullText(b []byte) sql.NullString {
	if b == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: string(b), Valid: true}
}

func (s *sqlStore) CreateJob(ctx context.Context, j *JobRecord) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO jobs (id, plant, state, solver, problem, params, created, started, ended, objective, bound, status, stop, result, error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		j.ID, j.Plant, j.State, j.Solver, string(j.Problem), string(j.Params), ms(j.Created), ms(j.Started), ms(j.Ended),
		nullFloat(j.HasObjective, j.Objective), nullFloat(j.HasBound, j.Bound), j.Status, j.Stop, nullText(j.Result), j.Error)
	return err
}

func (s *sqlStore) UpdateJob(ctx context.Context, j *JobRecord) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE jobs SET state = ?, started = ?, ended = ?, objective = ?, bound = ?, status = ?, stop = ?, result = ?, error = ? WHERE id = ?`),
		j.State, ms(j.Started), ms(j.Ended), nullFloat(j.HasObjective, j.Objective), nullFloat(j.HasBound, j.Bound),
		j.Status, j.Stop, nullText(j.Result), j.Error, j.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return ErrNotFound
	}
	return nil
}

const jobColumns = `id, plant, state, solver, problem, params, created, started, ended, objective, bound, status, stop, result, error`

func scanJob(sc interface{ Scan(...any) error }) (*JobRecord, error) {
	j := &JobRecord{}
	var problem, params string
	var created, started, ended int64
	var obj, bound sql.NullFloat64
	var result sql.NullString
	if err := sc.Scan(&j.ID, &j.Plant, &j.State, &j.Solver, &problem, &params, &created, &started, &ended, &obj, &bound, &j.Status, &j.Stop, &result, &j.Error); err != nil {
		return nil, err
	}
	j.Problem, j.Params = []byte(problem), []byte(params)
	j.Created, j.Started, j.Ended = fromMS(created), fromMS(started), fromMS(ended)
	j.HasObjective, j.Objective = obj.Valid, obj.Float64
	j.HasBound, j.Bound = bound.Valid, bound.Float64
	if result.Valid {
		j.Result = []byte(result.String)
	}
	return j, nil
}

func (s *sqlStore) Job(ctx context.Context, plant, id string) (*JobRecord, error) {
	j, err := scanJob(s.db.QueryRowContext(ctx, s.q(`SELECT `+jobColumns+` FROM jobs WHERE id = ? AND plant = ?`), id, plant))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return j, err
}

func (s *sqlStore) UnfinishedJobs(ctx context.Context) ([]*JobRecord, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+jobColumns+` FROM jobs WHERE state IN (?, ?) ORDER BY created, id`), JobQueued, JobRunning)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*JobRecord
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

func (s *sqlStore) insertVersion(ctx context.Context, tx *sql.Tx, v *VersionRecord) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO versions (plan_id, version, base, created, now, problem, result, actuals, events, diff)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		v.PlanID, v.Version, v.Base, ms(v.Created), v.Now, string(v.Problem), string(v.Result), string(v.Actuals), v.Events, nullText(v.Diff))
	return err
}

func (s *sqlStore) CreatePlan(ctx context.Context, p *PlanRecord, v *VersionRecord) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		p.Latest = 1
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO plans (id, plant, name, latest, created, updated) VALUES (?, ?, ?, ?, ?, ?)`),
			p.ID, p.Plant, p.Name, p.Latest, ms(p.Created), ms(p.Updated)); err != nil {
			return err
		}
		v.PlanID, v.Version, v.Base = p.ID, 1, 0
		return s.insertVersion(ctx, tx, v)
	})
}

const planColumns = `id, plant, name, latest, created, updated`

func scanPlan(sc interface{ Scan(...any) error }) (*PlanRecord, error) {
	p := &PlanRecord{}
	var created, updated int64
	if err := sc.Scan(&p.ID, &p.Plant, &p.Name, &p.Latest, &created, &updated); err != nil {
		return nil, err
	}
	p.Created, p.Updated = fromMS(created), fromMS(updated)
	return p, nil
}

func (s *sqlStore) Plan(ctx context.Context, plant, id string) (*PlanRecord, error) {
	p, err := scanPlan(s.db.QueryRowContext(ctx, s.q(`SELECT `+planColumns+` FROM plans WHERE id = ? AND plant = ?`), id, plant))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return p, err
}

func (s *sqlStore) Plans(ctx context.Context, plant string) ([]*PlanRecord, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+planColumns+` FROM plans WHERE plant = ? ORDER BY created DESC, id DESC`), plant)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*PlanRecord{}
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *sqlStore) Version(ctx context.Context, plant, id string, version int) (*VersionRecord, error) {
	p, err := s.Plan(ctx, plant, id)
	if err != nil {
		return nil, err
	}
	if version == 0 {
		version = p.Latest
	}
	v := &VersionRecord{}
	var created int64
	var problem, result, actuals string
	var diff sql.NullString
	err = s.db.QueryRowContext(ctx, s.q(`SELECT plan_id, version, base, created, now, problem, result, actuals, events, diff FROM versions WHERE plan_id = ? AND version = ?`), id, version).
		Scan(&v.PlanID, &v.Version, &v.Base, &created, &v.Now, &problem, &result, &actuals, &v.Events, &diff)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	v.Created = fromMS(created)
	v.Problem, v.Result, v.Actuals = []byte(problem), []byte(result), []byte(actuals)
	if diff.Valid {
		v.Diff = []byte(diff.String)
	}
	return v, nil
}

func (s *sqlStore) Versions(ctx context.Context, plant, id string) ([]*VersionRecord, error) {
	if _, err := s.Plan(ctx, plant, id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT plan_id, version, base, created, now, events FROM versions WHERE plan_id = ? ORDER BY version`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*VersionRecord
	for rows.Next() {
		v := &VersionRecord{}
		var created int64
		if err := rows.Scan(&v.PlanID, &v.Version, &v.Base, &created, &v.Now, &v.Events); err != nil {
			return nil, err
		}
		v.Created = fromMS(created)
		out = append(out, v)
	}
	return out, rows.Err()
}

func (s *sqlStore) AddVersion(ctx context.Context, plant string, ev *EventsRecord, v *VersionRecord) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var latest int
		lock := ""
		if s.postgres {
			lock = " FOR UPDATE" // SQLite's immediate transactions already serialise writers
		}
		err := tx.QueryRowContext(ctx, s.q(`SELECT latest FROM plans WHERE id = ? AND plant = ?`+lock), v.PlanID, plant).Scan(&latest)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if latest != v.Base {
			return fmt.Errorf("%w: the plan's latest version is %d, not %d", ErrConflict, latest, v.Base)
		}
		v.Version = latest + 1
		ev.PlanID, ev.From, ev.To = v.PlanID, v.Base, v.Version
		v.Events = ev.ID
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO events (id, plan_id, from_version, to_version, body, created) VALUES (?, ?, ?, ?, ?, ?)`),
			ev.ID, ev.PlanID, ev.From, ev.To, string(ev.Body), ms(ev.Created)); err != nil {
			return err
		}
		if err := s.insertVersion(ctx, tx, v); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE plans SET latest = ?, updated = ? WHERE id = ? AND latest = ?`), v.Version, ms(v.Created), v.PlanID, latest)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n != 1 {
			return fmt.Errorf("%w: the plan changed meanwhile", ErrConflict)
		}
		return nil
	})
}

func (s *sqlStore) Events(ctx context.Context, plant, id string) ([]*EventsRecord, error) {
	if _, err := s.Plan(ctx, plant, id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, plan_id, from_version, to_version, body, created FROM events WHERE plan_id = ? ORDER BY to_version`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*EventsRecord
	for rows.Next() {
		e := &EventsRecord{}
		var body string
		var created int64
		if err := rows.Scan(&e.ID, &e.PlanID, &e.From, &e.To, &body, &created); err != nil {
			return nil, err
		}
		e.Body, e.Created = []byte(body), fromMS(created)
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *sqlStore) PutTeam(ctx context.Context, t *TeamRecord) (bool, error) {
	machines, err := json.Marshal(nonNil(t.Machines))
	if err != nil {
		return false, err
	}
	pools, err := json.Marshal(nonNil(t.Pools))
	if err != nil {
		return false, err
	}
	created := false
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var was int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT created FROM teams WHERE plant = ? AND name = ?`), t.Plant, t.Name).Scan(&was)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			created = true
		case err != nil:
			return err
		default:
			t.Created = fromMS(was)
		}
		// The upsert also settles two PUTs racing to create the team.
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO teams (plant, name, machines, pools, created, updated) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (plant, name) DO UPDATE SET machines = excluded.machines, pools = excluded.pools, updated = excluded.updated`),
			t.Plant, t.Name, string(machines), string(pools), ms(t.Created), ms(t.Updated))
		return err
	})
	return created, err
}

func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

func scanTeam(sc interface{ Scan(...any) error }) (*TeamRecord, error) {
	t := &TeamRecord{}
	var machines, pools string
	var created, updated int64
	if err := sc.Scan(&t.Plant, &t.Name, &machines, &pools, &created, &updated); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(machines), &t.Machines); err != nil {
		return nil, fmt.Errorf("team %s machines: %w", t.Name, err)
	}
	if err := json.Unmarshal([]byte(pools), &t.Pools); err != nil {
		return nil, fmt.Errorf("team %s pools: %w", t.Name, err)
	}
	t.Created, t.Updated = fromMS(created), fromMS(updated)
	return t, nil
}

const teamColumns = `plant, name, machines, pools, created, updated`

func (s *sqlStore) Team(ctx context.Context, plant, name string) (*TeamRecord, error) {
	t, err := scanTeam(s.db.QueryRowContext(ctx, s.q(`SELECT `+teamColumns+` FROM teams WHERE plant = ? AND name = ?`), plant, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return t, err
}

func (s *sqlStore) Teams(ctx context.Context, plant string) ([]*TeamRecord, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+teamColumns+` FROM teams WHERE plant = ?`), plant)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*TeamRecord{}
	for rows.Next() {
		t, err := scanTeam(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	// sorted here: PostgreSQL's ORDER BY follows the database's collation
	slices.SortFunc(out, func(a, b *TeamRecord) int { return strings.Compare(a.Name, b.Name) })
	return out, rows.Err()
}

func (s *sqlStore) DeleteTeam(ctx context.Context, plant, name string) error {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM teams WHERE plant = ? AND name = ?`), plant, name)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return ErrNotFound
	}
	return nil
}
