package engine

import (
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
)

// benchCompile measures Compile on p.
func benchCompile(b *testing.B, p *model.Problem) {
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		if _, err := Compile(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the CPU time (user + system) used by the process so far:
// reported per operation ("cpu-ns/op") beside the wall time, which on a
// shared, busy machine depends on the other processes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCompile measures Compile on a 30x20 job shop (Taillard's size
// of ta41, random times) and on the generated 20,000-operation plant
// (calendars, setups, materials, operators).
func BenchmarkCompile(b *testing.B) {
	b.Run("jobshop30x20", func(b *testing.B) { benchCompile(b, jobShop(30, 20)) })
	b.Run("plant20k", func(b *testing.B) {
		benchCompile(b, instance.GeneratePlant(instance.PlantConfig{Seed: 1, Orders: 2000, OpsPerOrder: 10, Machines: 50}))
	})
}

// jobShop returns a job shop of nj jobs visiting the nm machines in a
// rotated order, with times 1..99 from a fixed linear congruence.
func jobShop(nj, nm int) *model.Problem {
	p := &model.Problem{}
	for m := 0; m < nm; m++ {
		p.Machines = append(p.Machines, model.Machine{ID: "M" + strconv.Itoa(m)})
	}
	x := uint32(12345)
	for j := 0; j < nj; j++ {
		job := model.Job{ID: "J" + strconv.Itoa(j)}
		for k := 0; k < nm; k++ {
			x = x*1103515245 + 12345
			d := int64(1 + (x>>16)%99)
			job.Operations = append(job.Operations, model.Operation{
				Alternatives: []model.Alternative{{Machine: "M" + strconv.Itoa((j+k)%nm), Duration: d}},
			})
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p
}
