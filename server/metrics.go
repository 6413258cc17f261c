package server

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the service's Prometheus metrics, in a registry of its own
// (so that several servers can live in one process, as in tests).
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	running   prometheus.GaugeFunc
	queued    prometheus.GaugeFunc
	finished  *prometheus.CounterVec
	objective *prometheus.GaugeVec
	// bodyBytes is the room of the request bodies held now, bodyBusy the
	// requests refused for want of it (Config.MaxBodyMemory).
	bodyBytes prometheus.Gauge
	bodyBusy  prometheus.Counter
}

func newMetrics(counts func() (int, int)) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ordo_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
	}, []string{"route", "method", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "ordo_http_request_duration_seconds", Help: "HTTP request latency by route pattern and method.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route", "method"})
	m.running = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "ordo_solves_running", Help: "Solves running now.",
	}, func() float64 { r, _ := counts(); return float64(r) })
	m.queued = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "ordo_solves_queued", Help: "Solves waiting in the queue.",
	}, func() float64 { _, q := counts(); return float64(q) })
	m.finished = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ordo_solves_finished_total", Help: "Finished solves by solver and final state (done, canceled, failed).",
	}, []string{"solver", "state"})
	m.objective = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "ordo_solve_objective", Help: "Objective value of the last finished solve, by solver.",
	}, []string{"solver"})
	m.bodyBytes = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "ordo_request_body_bytes", Help: "Bytes of request bodies held now (reserved against --max-body-memory).",
	})
	m.bodyBusy = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "ordo_request_body_busy_total", Help: "Requests answered 503 busy: no room among the request bodies in memory.",
	})
	m.reg.MustRegister(m.requests, m.latency, m.running, m.queued, m.finished, m.objective, m.bodyBytes, m.bodyBusy,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}
