// Package server is ordo's HTTP service (ordo serve): the API an ERP
// plugin or an MES calls to validate problems, run solves and keep plans
// with their versions, over a store that survives restarts.
//
// # API
//
// JSON over HTTP, versioned under /v1 and described by the OpenAPI 3.1
// document openapi.json (embedded as OpenAPI, served at
// /v1/openapi.json): the one list of the routes. /healthz, /readyz,
// /metrics and /v1/openapi.json need no token; every other route needs
// "Authorization: Bearer TOKEN".
//
// # Who may do what
//
// Tokens (CreateToken, ordo token create) are random 32-byte values
// stored as their SHA-256 only, each scoped to a plant with a Role:
// planner (read and write), viewer (read), team:GROUP (its group's work
// lists only). A request without a valid token gets 401, one whose role
// does not allow the route 403, and another plant's solve or plan 404.
//
// # Reports and answers on demand
//
// On any plan version (/v1/plans/{id}/versions/{version}/...) the service
// serves what the report, explain, plan and scenario packages compute, as
// the CLI does: the work lists of a shift (worklists, and
// worklists/{group} for one machine or operator pool as JSON, CSV or
// printable HTML), the dashboard (one HTML page), the cost report (JSON,
// CSV or Markdown), why orders are late (late, late/{order}), the quotes
// of a new order (POST promise: plan.PromiseDocument, as ordo promise
// --json) and the comparison of scenarios (POST compare: scenario.Compare,
// as ordo compare --to json). None of them changes the plan: viewers may
// use them all, a team token only its own group's work lists.
//
// # Store
//
// Store is the one interface over the state: tokens, solve jobs, plans,
// versions and events. OpenStore gives an embedded SQLite database
// (modernc.org/sqlite, pure Go; WAL, synchronous commits) for
// "sqlite:PATH", or PostgreSQL (pgx through database/sql) for a
// postgres:// URL; both share the SQL code and its versioned migrations,
// applied at open. A write the service acknowledges is committed.
//
// # Solves
//
// Solves run behind the Runner interface (Submit, Cancel, Counts,
// Shutdown), which a work queue over several machines can implement; the
// LocalRunner runs at most Config.MaxSolves at once with Config.QueueSize
// more waiting, and a request beyond that gets 429. A solve reports its
// progress (best objective and bound) to the status route and to a
// Server-Sent Events stream; cancelling it keeps its best schedule.
//
// # Operations
//
// Bodies over Config.MaxBodyBytes get 413; the HTTP server has header,
// read, write and idle timeouts against slow clients; ListenAndServe
// shuts down gracefully (stop accepting, end the streams, cancel running
// solves keeping and storing their best schedules; queued solves resume
// at the next start). Prometheus metrics are at /metrics, and every
// request is logged with log/slog.
package server
