package main

import (
	"bytes"
	"fmt"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
)

func cmdGen(e *env, args []string) error {
	fs := newFlags(e, "gen", "taillard NAME | plant [options]",
		"Generates a problem on stdout:\n  taillard NAME   Taillard's instance NAME (ta01..ta80) in the standard format\n  plant           a realistic plant as problem JSON\n\n"+
			fmt.Sprintf("plant is limited to %d orders, %d operations per order, %d machines,\nand %d operations in all (--orders times --ops).", maxGenOrders, maxGenOpsPerOrder, maxGenMachines, maxGenOperations))
	format := fs.String("to", "jsp", "taillard: output format, jsp (standard, 0-based) or taillard")
	// --format was the output format of gen taillard; every other command
	// takes --format for its input, so the output format is --to (as in
	// ordo export). The old spelling is kept for scripts and hidden.
	fs.StringVar(format, "format", "jsp", "deprecated: use --to")
	out := fs.String("out", "", "write to this file instead of stdout")
	orders := fs.Int("orders", 200, "plant: number of orders")
	ops := fs.Int("ops", 10, "plant: operations per order")
	machines := fs.Int("machines", 20, "plant: number of machines")
	window := fs.Float64("release-window", 0.5, "plant: share of the estimated span over which orders are released (0.5: twice as fast as the plant works; above 1 it keeps up)")
	seed := fs.Uint64("seed", 1, "plant: random seed")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("want a generator: taillard NAME or plant")
	}
	var buf bytes.Buffer
	switch pos[0] {
	case "taillard":
		if len(pos) != 2 {
			return usagef("want: ordo gen taillard NAME (ta01..ta80)")
		}
		p, err := instance.TaillardInstance(pos[1])
		if err != nil {
			return err
		}
		switch *format {
		case "jsp", "txt":
			err = instance.WriteJSP(&buf, p)
		case "taillard", "tai":
			err = instance.WriteTaillard(&buf, p)
		default:
			return usagef("unknown --to %q (want jsp or taillard)", *format)
		}
		if err != nil {
			return err
		}
	case "plant":
		if len(pos) != 1 {
			return usagef("ordo gen plant takes no argument")
		}
		if err := checkPlantSize(*orders, *ops, *machines); err != nil {
			return err
		}
		if !(*window > 0) || *window > 1e6 {
			return usagef("--release-window must be positive (and at most 1e6), got %v", *window)
		}
		p := instance.GeneratePlant(instance.PlantConfig{Orders: *orders, OpsPerOrder: *ops, Machines: *machines, Seed: *seed, ReleaseWindow: *window})
		data, err := model.Encode(p)
		if err != nil {
			return err
		}
		buf.Write(data)
	default:
		return usagef("unknown generator %q (want taillard or plant)", pos[0])
	}
	return writeOut(e.stdout, *out, buf.Bytes())
}
