package explain

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Bottleneck is a resource's share of the lateness of a plan: the sum,
// over the late orders, of the causes on that resource.
type Bottleneck struct {
	// Resource is the machine, operator pool or material ID.
	Resource string `json:"resource"`
	// Type is "machine", "operators" or "material".
	Type string `json:"type"`
	// Ticks is the lateness this resource causes, summed over the orders.
	Ticks int64 `json:"ticks"`
	// Share is Ticks over the total lateness of the late orders.
	Share float64 `json:"share"`
	// ByKind splits Ticks by kind of cause (busy, setup, closed, ...).
	ByKind map[Kind]int64 `json:"by_kind"`
	// Orders are the late orders the resource delays.
	Orders []string `json:"orders"`
}

// resourceType returns the type of resource a cause of kind k is on ("" for
// causes that are on no resource: release, fixed, work).
func resourceType(k Kind) string {
	switch k {
	case Machine, Setup, Closed, Holiday, Downtime, Idle:
		return "machine"
	case Operators, OperatorsOff:
		return "operators"
	case Material:
		return "material"
	}
	return ""
}

// bottlenecks returns the resources that cause lateness in the plan, most
// first. The shares of all resources plus those of causes on no resource
// (releases, fixed operations, orders whose own work exceeds their
// release-to-due time) add up to 1.
func (r *Report) bottlenecks() []Bottleneck {
	var total int64
	idx := map[[2]string]int{}
	var out []Bottleneck
	for _, o := range r.Orders {
		total += o.Lateness
		for _, c := range o.Causes {
			t := resourceType(c.Kind)
			if t == "" || c.Resource == "" {
				continue
			}
			key := [2]string{t, c.Resource}
			i, ok := idx[key]
			if !ok {
				i = len(out)
				idx[key] = i
				out = append(out, Bottleneck{Resource: c.Resource, Type: t, ByKind: map[Kind]int64{}})
			}
			b := &out[i]
			b.Ticks += c.Ticks
			b.ByKind[c.Kind] += c.Ticks
			if !slices.Contains(b.Orders, o.Job) {
				b.Orders = append(b.Orders, o.Job)
			}
		}
	}
	for i := range out {
		if total > 0 {
			out[i].Share = float64(out[i].Ticks) / float64(total)
		}
	}
	slices.SortStableFunc(out, func(a, b Bottleneck) int {
		return cmp.Or(cmp.Compare(b.Ticks, a.Ticks), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Resource, b.Resource))
	})
	return out
}

// kindWords names cause kinds in the bottleneck summary.
var kindWords = map[Kind]string{
	Machine: "busy", Setup: "setups", Closed: "closed", Holiday: "holidays", Downtime: "downtime",
	Idle: "idle", Operators: "busy", OperatorsOff: "off shift", Material: "short",
}

// writeBottlenecks writes the top resources of bs, one line each.
func (r *Report) writeBottlenecks(w io.Writer, bs []Bottleneck, top int) error {
	if len(bs) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("\nwhat causes the lateness (share of the total over the late orders):\n")
	for i, bn := range bs {
		if i == top {
			fmt.Fprintf(&b, "  ... and %d more resource(s)\n", len(bs)-top)
			break
		}
		kinds := make([]Kind, 0, len(bn.ByKind))
		for k := range bn.ByKind {
			kinds = append(kinds, k)
		}
		slices.SortFunc(kinds, func(x, y Kind) int { return cmp.Or(cmp.Compare(bn.ByKind[y], bn.ByKind[x]), cmp.Compare(x, y)) })
		parts := make([]string, len(kinds))
		for j, k := range kinds {
			parts[j] = fmt.Sprintf("%s %s", kindWords[k], r.dur(bn.ByKind[k]))
		}
		fmt.Fprintf(&b, "  %3.0f%% %s %s: %s (%s), %d order(s)\n", 100*bn.Share, bn.Type, bn.Resource, r.dur(bn.Ticks), strings.Join(parts, ", "), len(bn.Orders))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) dur(d int64) string {
	if r.p == nil {
		return fmt.Sprintf("%d ticks", d)
	}
	return FormatDuration(r.p, d)
}
