package mip

import (
	"fmt"
	"sort"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// check verifies schedule s of p. It is a stand-in for schedule.Check
// covering what the formulation models: every operation placed once on one
// of its machines with its duration, releases, deadlines, precedence arcs,
// machine capacity with setups, working windows and fixed operations.
func check(p *model.Problem, s *schedule.Schedule) error {
	if s == nil {
		return fmt.Errorf("nil schedule")
	}
	x := p.NewIndex()
	at := make([][]*schedule.Assignment, len(p.Jobs))
	for j := range p.Jobs {
		at[j] = make([]*schedule.Assignment, len(p.Jobs[j].Operations))
	}
	for i := range s.Assignments {
		a := &s.Assignments[i]
		if a.Job < 0 || a.Job >= len(p.Jobs) || a.Op < 0 || a.Op >= len(at[a.Job]) {
			return fmt.Errorf("assignment %d: no operation %d of job %d", i, a.Op, a.Job)
		}
		if at[a.Job][a.Op] != nil {
			return fmt.Errorf("job %d operation %d assigned twice", a.Job, a.Op)
		}
		if a.Machine < 0 || a.Machine >= len(p.Machines) {
			return fmt.Errorf("job %d operation %d: bad machine %d", a.Job, a.Op, a.Machine)
		}
		at[a.Job][a.Op] = a
	}
	horizon := int64(0)
	for _, a := range s.Assignments {
		horizon = max(horizon, a.End)
	}
	horizon++
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := range job.Operations {
			a := at[j][k]
			if a == nil {
				return fmt.Errorf("job %q operation %q not scheduled", job.ID, job.OpID(k))
			}
			op := &job.Operations[k]
			mID := p.Machines[a.Machine].ID
			if op.Fixed != nil {
				if mID != op.Fixed.Machine || a.SetupStart != op.Fixed.SetupStart || a.Start != op.Fixed.Start || a.End != op.Fixed.End {
					return fmt.Errorf("job %q operation %q moved from its fixed placement", job.ID, job.OpID(k))
				}
				continue
			}
			ok := false
			for _, alt := range op.Alternatives {
				if alt.Machine == mID && a.End-a.Start == alt.ProcessingTime(job.Quantity) {
					ok = true
				}
			}
			if !ok {
				return fmt.Errorf("job %q operation %q: machine %q or duration %d not allowed", job.ID, job.OpID(k), mID, a.End-a.Start)
			}
			if a.SetupStart < job.Release {
				return fmt.Errorf("job %q operation %q starts at %d before release %d", job.ID, job.OpID(k), a.SetupStart, job.Release)
			}
			if job.Deadline != nil && a.End > *job.Deadline {
				return fmt.Errorf("job %q operation %q ends at %d after deadline %d", job.ID, job.OpID(k), a.End, *job.Deadline)
			}
			if !op.Resumable || true {
				ivs, err := p.MachineIntervals(&p.Machines[a.Machine], horizon)
				if err != nil {
					return err
				}
				in := false
				for _, iv := range ivs {
					if iv.Start <= a.SetupStart && a.End <= iv.End {
						in = true
					}
				}
				if !in && a.End > a.SetupStart {
					return fmt.Errorf("job %q operation %q [%d,%d) outside the working time of machine %q", job.ID, job.OpID(k), a.SetupStart, a.End, mID)
				}
			}
		}
	}
	for _, arc := range p.Arcs(x) {
		f, t := at[arc.From.Job][arc.From.Op], at[arc.To.Job][arc.To.Op]
		if t.Start < f.End+arc.MinLag {
			return fmt.Errorf("precedence %v -> %v violated: start %d < end %d + lag %d", arc.From, arc.To, t.Start, f.End, arc.MinLag)
		}
	}
	byM := make([][]*schedule.Assignment, len(p.Machines))
	for i := range s.Assignments {
		a := &s.Assignments[i]
		byM[a.Machine] = append(byM[a.Machine], a)
	}
	for m, list := range byM {
		sort.SliceStable(list, func(x, y int) bool {
			if list[x].Start != list[y].Start {
				return list[x].Start < list[y].Start
			}
			return list[x].End < list[y].End
		})
		var mat *model.SetupMatrix
		for k := range p.SetupMatrices {
			if p.SetupMatrices[k].ID == p.Machines[m].SetupMatrix && p.Machines[m].SetupMatrix != "" {
				mat = &p.SetupMatrices[k]
			}
		}
		for n, a := range list {
			want := int64(0)
			fam := p.Jobs[a.Job].Operations[a.Op].SetupFamily
			if mat != nil {
				want = mat.Initial
				if n > 0 {
					prev := p.Jobs[list[n-1].Job].Operations[list[n-1].Op].SetupFamily
					t := (&setupTable{mat: mat}).time(prev, fam)
					want = t
				}
			}
			if a.Start-a.SetupStart != want {
				return fmt.Errorf("job %d operation %d on machine %q: setup %d, want %d", a.Job, a.Op, p.Machines[m].ID, a.Start-a.SetupStart, want)
			}
			if n > 0 && a.SetupStart < list[n-1].End {
				return fmt.Errorf("machine %q: overlap of job %d op %d and job %d op %d", p.Machines[m].ID, list[n-1].Job, list[n-1].Op, a.Job, a.Op)
			}
		}
	}
	return nil
}
