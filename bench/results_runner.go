package bench

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// The files of an output folder.
const (
	ResultsCSV   = "results.csv"
	ResultsJSONL = "results.jsonl"
	ResultsJSON  = "results.json"
	ProgressDir  = "progress"
)

// wireRecord is the JSON form of a Record.
type wireRecord struct {
	Instance     string   `json:"instance"`
	Family       string   `json:"family"`
	N            int      `json:"n"`
	M            int      `json:"m"`
	Solver       string   `json:"solver"`
	Seed         uint64   `json:"seed"`
	TimeLimit    string   `json:"time_limit"`
	WorkLimit    int64    `json:"work_limit"`
	Workers      int      `json:"workers"`
	Objective    string   `json:"objective"`
	Value        *float64 `json:"objective_value"`
	Makespan     int64    `json:"makespan"`
	Bound        *float64 `json:"bound"`
	BestLB       int64    `json:"best_lb"`
	BestUB       int64    `json:"best_ub"`
	RPD          *float64 `json:"rpd"`
	Status       string   `json:"status"`
	Stop         string   `json:"stop"`
	TimeToBestS  float64  `json:"time_to_best_s"`
	ElapsedS     float64  `json:"elapsed_s"`
	Work         int64    `json:"work"`
	Checked      bool     `json:"checked"`
	Violations   int      `json:"violations"`
	Error        string   `json:"error,omitempty"`
	Unsupported  bool     `json:"unsupported,omitempty"`
	Tracked      bool     `json:"tracked,omitempty"`
	StopAtBest   bool     `json:"stop_at_best,omitempty"`
	ProgressFile string   `json:"progress_file,omitempty"`
	Costs        *Costs   `json:"costs,omitempty"`
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func seconds(d time.Duration) float64 { return math.Round(d.Seconds()*1e6) / 1e6 }

func fromSeconds(s float64) time.Duration { return time.Duration(math.Round(s * 1e9)) }

// MarshalJSON writes the record with snake_case keys, durations in seconds
// and null for unknown bounds and deviations.
func (r Record) MarshalJSON() ([]byte, error) {
	return json.Marshal(wireRecord{
		Instance: r.Instance, Family: r.Family, N: r.N, M: r.M, Solver: r.Solver, Seed: r.Seed,
		TimeLimit: r.TimeLimit.String(), WorkLimit: r.WorkLimit, Workers: r.Workers, Objective: r.Objective,
		Value: finite(r.Value), Makespan: r.Makespan, Bound: finite(r.Bound), BestLB: r.BestLB, BestUB: r.BestUB,
		RPD: finite(r.RPD), Status: r.Status, Stop: r.Stop, TimeToBestS: seconds(r.TimeToBest),
		ElapsedS: seconds(r.Elapsed), Work: r.Work, Checked: r.Checked, Violations: r.Violations,
		Error: r.Error, Unsupported: r.Unsupported, Tracked: r.Tracked, StopAtBest: r.StopAtBest, ProgressFile: r.ProgressFile,
		Costs: r.Costs,
	})
}

// UnmarshalJSON reads the form written by MarshalJSON.
func (r *Record) UnmarshalJSON(data []byte) error {
	var w wireRecord
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	tl, err := time.ParseDuration(w.TimeLimit)
	if w.TimeLimit == "" {
		tl, err = 0, nil
	}
	if err != nil {
		return fmt.Errorf("time_limit: %w", err)
	}
	*r = Record{
		Instance: w.Instance, Family: w.Family, N: w.N, M: w.M, Solver: w.Solver, Seed: w.Seed,
		TimeLimit: tl, WorkLimit: w.WorkLimit, Workers: w.Workers, Objective: w.Objective,
		Value: orNaN(w.Value), Makespan: w.Makespan, Bound: orNaN(w.Bound), BestLB: w.BestLB, BestUB: w.BestUB,
		RPD: orNaN(w.RPD), Status: w.Status, Stop: w.Stop, TimeToBest: fromSeconds(w.TimeToBestS),
		Elapsed: fromSeconds(w.ElapsedS), Work: w.Work, Checked: w.Checked, Violations: w.Violations,
		Error: w.Error, Unsupported: w.Unsupported, Tracked: w.Tracked, StopAtBest: w.StopAtBest, ProgressFile: w.ProgressFile,
		Costs: w.Costs,
	}
	return nil
}

// CSVHeader lists the columns of results.csv: the run, then the cost
// breakdown of its plan (Record.Costs; empty cells when the problem has no
// costs).
var CSVHeader = append([]string{
	"instance", "family", "n", "m", "solver", "seed", "time_limit_s", "work_limit", "workers",
	"objective", "objective_value", "makespan", "bound", "best_lb", "best_ub", "rpd",
	"status", "stop", "time_to_best_s", "elapsed_s", "work", "checked", "violations", "error",
}, costColumns...)

func fmtFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func fmtOpt(v int64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatInt(v, 10)
}

// csvRow returns the record's row of results.csv (columns CSVHeader).
func (r *Record) csvRow() []string {
	rpd := ""
	if !math.IsNaN(r.RPD) {
		rpd = strconv.FormatFloat(r.RPD, 'f', 4, 64)
	}
	return append([]string{
		r.Instance, r.Family, strconv.Itoa(r.N), strconv.Itoa(r.M), r.Solver,
		strconv.FormatUint(r.Seed, 10), fmtFloat(r.TimeLimit.Seconds()), strconv.FormatInt(r.WorkLimit, 10),
		strconv.Itoa(r.Workers), r.Objective, fmtFloat(r.Value), strconv.FormatInt(r.Makespan, 10),
		fmtFloat(r.Bound), fmtOpt(r.BestLB), fmtOpt(r.BestUB), rpd, r.Status, r.Stop,
		fmtFloat(seconds(r.TimeToBest)), fmtFloat(seconds(r.Elapsed)), strconv.FormatInt(r.Work, 10),
		strconv.FormatBool(r.Checked), strconv.Itoa(r.Violations), r.Error,
	}, r.Costs.csvCells()...)
}

// ReadResults reads the records stored in an output folder (results.jsonl),
// with their traces from the progress files. A missing folder or file gives
// no record and no error; a truncated last line (a crash while writing) is
// ignored. When a run appears twice, the last record wins.
func ReadResults(dir string) ([]Record, error) {
	name := filepath.Join(dir, ResultsJSONL)
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	lines := bytes.Split(data, []byte("\n"))
	var out []Record
	index := map[string]int{}
	for i, line := range lines {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var r Record
		if err := json.Unmarshal(line, &r); err != nil {
			if i >= len(lines)-2 {
				break // the last line, cut by a crash
			}
			return nil, fmt.Errorf("bench: %s line %d: %w", name, i+1, err)
		}
		if r.ProgressFile != "" {
			r.Trace, _ = readTrace(filepath.Join(dir, r.ProgressFile))
		}
		if k, ok := index[r.Key()]; ok {
			out[k] = r
			continue
		}
		index[r.Key()] = len(out)
		out = append(out, r)
	}
	return out, nil
}

// writeTrace writes a run's objective over time as CSV.
func writeTrace(name string, tr []TracePoint) error {
	var b bytes.Buffer
	b.WriteString("elapsed_s,work,objective,bound\n")
	for _, p := range tr {
		fmt.Fprintf(&b, "%s,%d,%s,%s\n", fmtFloat(seconds(p.Elapsed)), p.Work, fmtFloat(p.Objective), fmtFloat(p.Bound))
	}
	return os.WriteFile(name, b.Bytes(), 0o644)
}

// readTrace reads a file written by writeTrace.
func readTrace(name string) ([]TracePoint, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var tr []TracePoint
	for i, row := range rows {
		if i == 0 || len(row) < 4 {
			continue
		}
		el, err1 := strconv.ParseFloat(row[0], 64)
		work, err2 := strconv.ParseInt(row[1], 10, 64)
		obj, err3 := strconv.ParseFloat(row[2], 64)
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, i+1, err)
		}
		bound := math.NaN()
		if row[3] != "" {
			bound, _ = strconv.ParseFloat(row[3], 64)
		}
		tr = append(tr, TracePoint{Elapsed: fromSeconds(el), Work: work, Objective: obj, Bound: bound})
	}
	return tr, nil
}

// resultStore appends records to the files of an output folder.
type resultStore struct {
	dir     string
	records []Record // stored before and during this run
	index   map[string]int
	csv     *os.File
	jsonl   *os.File
}

// openStore reads the folder's records, rewrites its files in canonical
// order (repairing a truncated line) and opens them for appending.
func openStore(dir string) (*resultStore, error) {
	if err := ensureDir(dir); err != nil {
		return nil, err
	}
	recs, err := ReadResults(dir)
	if err != nil {
		return nil, err
	}
	s := &resultStore{dir: dir, records: recs, index: map[string]int{}}
	for i := range recs {
		s.index[recs[i].Key()] = i
	}
	if err := s.rewrite(false); err != nil {
		return nil, err
	}
	if s.csv, err = os.OpenFile(filepath.Join(dir, ResultsCSV), os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if s.jsonl, err = os.OpenFile(filepath.Join(dir, ResultsJSONL), os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
		s.csv.Close()
		return nil, fmt.Errorf("bench: %w", err)
	}
	return s, nil
}

// append stores one finished run: its progress file, then one line in each
// results file, synced to disk.
func (s *resultStore) append(r *Record) error {
	r.ProgressFile = filepath.ToSlash(filepath.Join(ProgressDir, r.fileName()))
	if err := writeTrace(filepath.Join(s.dir, r.ProgressFile), r.Trace); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if _, err := s.jsonl.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(r.csvRow())
	cw.Flush()
	if _, err := s.csv.Write(b.Bytes()); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	s.jsonl.Sync()
	s.csv.Sync()
	if k, ok := s.index[r.Key()]; ok {
		s.records[k] = *r
	} else {
		s.index[r.Key()] = len(s.records)
		s.records = append(s.records, *r)
	}
	return nil
}

// finish rewrites the files in canonical order and writes results.json.
func (s *resultStore) finish() error {
	return s.rewrite(true)
}

func (s *resultStore) close() {
	if s.csv != nil {
		s.csv.Close()
	}
	if s.jsonl != nil {
		s.jsonl.Close()
	}
}

// rewrite writes results.csv and results.jsonl (and results.json when
// withJSON) from s.records in canonical order, each through a temporary
// file renamed into place.
func (s *resultStore) rewrite(withJSON bool) error {
	recs := append([]Record(nil), s.records...)
	SortRecords(recs)
	var c, l bytes.Buffer
	cw := csv.NewWriter(&c)
	cw.Write(CSVHeader)
	for i := range recs {
		cw.Write(recs[i].csvRow())
		line, err := json.Marshal(&recs[i])
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		l.Write(line)
		l.WriteByte('\n')
	}
	cw.Flush()
	files := map[string][]byte{ResultsCSV: c.Bytes(), ResultsJSONL: l.Bytes()}
	if withJSON {
		if recs == nil {
			recs = []Record{}
		}
		j, err := json.MarshalIndent(recs, "", "  ")
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		files[ResultsJSON] = append(j, '\n')
	}
	for _, name := range []string{ResultsCSV, ResultsJSONL, ResultsJSON} {
		data, ok := files[name]
		if !ok {
			continue
		}
		if err := writeAtomic(filepath.Join(s.dir, name), data); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomic writes data to a temporary file and renames it to name.
func writeAtomic(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if err := os.Rename(tmp, name); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}
