module github.com/ordo-sched/ordo

go 1.26
