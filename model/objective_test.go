package model

import "testing"

func TestParseObjective(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"makespan", "makespan"},
		{"cmax", "makespan"},
		{"twt", "weighted_tardiness"},
		{" Max_Lateness ", "max_lateness"},
		{"makespan+0.5*flow_time", "1*makespan+0.5*flow_time"},
		{"2*late_jobs", "2*late_jobs"},
	} {
		o, err := ParseObjective(tc.in)
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if got := o.String(); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{"", "fast", "x*makespan", "makespan+"} {
		if _, err := ParseObjective(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if !(Objective{}).IsMakespan() || Single(FlowTime).IsMakespan() {
		t.Error("IsMakespan")
	}
}

func TestIntervalAlgebra(t *testing.T) {
	a := Normalize([]Interval{{5, 10}, {0, 3}, {3, 4}, {8, 12}, {20, 20}})
	if len(a) != 2 || a[0] != (Interval{0, 4}) || a[1] != (Interval{5, 12}) {
		t.Fatalf("Normalize: %v", a)
	}
	s := Subtract(a, []Interval{{2, 6}, {11, 30}})
	if len(s) != 2 || s[0] != (Interval{0, 2}) || s[1] != (Interval{6, 11}) {
		t.Fatalf("Subtract: %v", s)
	}
	x := Intersect(a, []Interval{{1, 6}, {10, 11}})
	if len(x) != 3 || x[0] != (Interval{1, 4}) || x[1] != (Interval{5, 6}) || x[2] != (Interval{10, 11}) {
		t.Fatalf("Intersect: %v", x)
	}
}
