package server

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// TestStore runs the store's contract against SQLite, and against
// PostgreSQL when ORDO_TEST_POSTGRES is set (a connection failure then
// fails the test).
func TestStore(t *testing.T) {
	for name, spec := range stores(t) {
		t.Run(name, func(t *testing.T) { testStore(t, spec) })
	}
}

func testStore(t *testing.T, spec string) {
	ctx := context.Background()
	st, err := OpenStore(ctx, spec)
	if err != nil {
		t.Fatalf("OpenStore(%s): %v", RedactSpec(spec), err)
	}
	defer st.Close()
	if err := st.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	// migrations are applied once: opening again changes nothing
	st2, err := OpenStore(ctx, spec)
	if err != nil {
		t.Fatalf("second OpenStore: %v", err)
	}
	st2.Close()

	// tokens (ids are random: a PostgreSQL database is shared by runs)
	tok, err := CreateToken(ctx, st, "plant-a", Role{Kind: RoleTeam, Group: "lathes"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := st.TokenByHash(ctx, HashToken(tok))
	if err != nil || rec.Plant != "plant-a" || rec.Role.String() != "team:lathes" {
		t.Errorf("TokenByHash: %+v, %v", rec, err)
	}
	if _, err := st.TokenByHash(ctx, HashToken(tok+"x")); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown token: %v", err)
	}

	// jobs
	now := time.Now().UTC().Truncate(time.Millisecond)
	j := &JobRecord{ID: newID("s_"), Plant: "plant-a", State: JobQueued, Solver: "dispatch", Problem: []byte(`{"p":1}`), Params: []byte(`{"solver":"dispatch"}`), Created: now}
	if err := st.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	un, err := st.UnfinishedJobs(ctx)
	if err != nil || !containsJob(un, j.ID) {
		t.Errorf("UnfinishedJobs lacks the queued job: %v", err)
	}
	j.State, j.Started, j.Ended, j.HasObjective, j.Objective, j.Result = JobDone, now, now.Add(time.Second), true, 42.5, []byte(`{"r":2}`)
	if err := st.UpdateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	got, err := st.Job(ctx, "plant-a", j.ID)
	if err != nil || got.State != JobDone || !got.HasObjective || got.Objective != 42.5 || got.HasBound || string(got.Result) != `{"r":2}` ||
		!got.Ended.Equal(now.Add(time.Second)) || string(got.Problem) != `{"p":1}` {
		t.Errorf("Job: %+v, %v", got, err)
	}
	if _, err := st.Job(ctx, "plant-b", j.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("another plant's job: %v", err)
	}
	if un, _ := st.UnfinishedJobs(ctx); containsJob(un, j.ID) {
		t.Errorf("UnfinishedJobs has a done job")
	}

	// plans, versions, events
	p := &PlanRecord{ID: newID("p_"), Plant: "plant-a", Name: "week", Created: now, Updated: now}
	v1 := &VersionRecord{Created: now, Now: 5, Problem: []byte(`{"v":1}`), Result: []byte(`{"res":1}`), Actuals: []byte(`[]`)}
	if err := st.CreatePlan(ctx, p, v1); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Plan(ctx, "plant-b", p.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("another plant's plan: %v", err)
	}
	if _, err := st.Version(ctx, "plant-b", p.ID, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("another plant's version: %v", err)
	}
	if err := st.AddVersion(ctx, "plant-b", &EventsRecord{ID: newID("e_"), Body: []byte(`{}`), Created: now},
		&VersionRecord{PlanID: p.ID, Base: 1, Created: now, Problem: []byte(`{}`), Result: []byte(`{}`), Actuals: []byte(`[]`)}); !errors.Is(err, ErrNotFound) {
		t.Errorf("AddVersion to another plant's plan: %v", err)
	}
	// concurrent AddVersion on the same base: exactly one wins
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = st.AddVersion(ctx, "plant-a", &EventsRecord{ID: newID("e_"), Body: []byte(`{"now":1}`), Created: now},
				&VersionRecord{PlanID: p.ID, Base: 1, Created: now, Now: 7, Problem: []byte(`{"v":2}`), Result: []byte(`{"res":2}`), Actuals: []byte(`[]`), Diff: []byte(`{"d":1}`)})
		}()
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, ErrConflict):
			t.Errorf("concurrent AddVersion: %v", err)
		}
	}
	if wins != 1 {
		t.Errorf("%d concurrent AddVersion on version 1 succeeded, want 1", wins)
	}
	latest, err := st.Version(ctx, "plant-a", p.ID, 0)
	if err != nil || latest.Version != 2 || latest.Base != 1 || latest.Now != 7 || string(latest.Diff) != `{"d":1}` || latest.Events == "" {
		t.Errorf("latest version: %+v, %v", latest, err)
	}
	vs, err := st.Versions(ctx, "plant-a", p.ID)
	if err != nil || len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 {
		t.Errorf("Versions: %v, %v", vs, err)
	}
	evs, err := st.Events(ctx, "plant-a", p.ID)
	if err != nil || len(evs) != 1 || evs[0].From != 1 || evs[0].To != 2 || evs[0].ID != latest.Events {
		t.Errorf("Events: %v, %v", evs, err)
	}
	plans, err := st.Plans(ctx, "plant-a")
	if err != nil || len(plans) == 0 {
		t.Errorf("Plans: %v", err)
	}
	found := false
	for _, q := range plans {
		found = found || (q.ID == p.ID && q.Latest == 2)
	}
	if !found {
		t.Errorf("Plans lacks %s at version 2", p.ID)
	}
}

func containsJob(js []*JobRecord, id string) bool {
	for _, j := range js {
		if j.ID == id {
			return true
		}
	}
	return false
}

func TestParseRole(t *testing.T) {
	for _, s := range []string{"planner", "viewer", "team:lathes", "team:line-2.a"} {
		r, err := ParseRole(s)
		if err != nil || r.String() != s {
			t.Errorf("ParseRole(%q) = %v, %v", s, r, err)
		}
	}
	for _, s := range []string{"", "admin", "team:", "team:a b", "Planner"} {
		if _, err := ParseRole(s); err == nil {
			t.Errorf("ParseRole(%q) accepted", s)
		}
	}
	team := Role{Kind: RoleTeam, Group: "lathes"}
	if !team.Allows(WorkList, "lathes") || !team.Allows(WorkList, "mills") || team.Allows(WorkList, "") || team.Allows(Read, "") || team.Allows(Write, "") {
		t.Errorf("a team's access is wrong")
	}
	viewer := Role{Kind: RoleViewer}
	if !viewer.Allows(Read, "") || viewer.Allows(Write, "") || !viewer.Allows(WorkList, "mills") {
		t.Errorf("a viewer's access is wrong")
	}
	if _, err := CreateToken(context.Background(), nil, "bad plant", viewer); err == nil {
		t.Errorf("CreateToken accepted a plant with a space")
	}
	if RedactSpec("postgres://u:secret@h/db") != "postgres://u:xxx@h/db" {
		t.Errorf("redact: %s", RedactSpec("postgres://u:secret@h/db"))
	}
}
