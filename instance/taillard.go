package instance

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ordo-sched/ordo/model"
)

// taillardSpec is one row of Taillard's seed table: the size, the two seeds
// and the bounds printed in the header of his 1993 files (historical only).
type taillardSpec struct {
	n, m                  int
	timeSeed, machineSeed int64
	ub, lb                int64
}

// taillardTable lists ta01..ta80 in order (index 0 is ta01). Source:
// E. Taillard, "Benchmarks for basic scheduling problems", EJOR 64(2), 1993
// (time seed, machine seed, and the upper and lower bounds of the paper).
var taillardTable = [80]taillardSpec{
	{15, 15, 840612802, 398197754, 1231, 1005},    // ta01
	{15, 15, 1314640371, 386720536, 1244, 953},    // ta02
	{15, 15, 1227221349, 316176388, 1222, 1036},   // ta03
	{15, 15, 342269428, 1806358582, 1181, 973},    // ta04
	{15, 15, 1603221416, 1501949241, 1233, 940},   // ta05
	{15, 15, 1357584978, 1734077082, 1243, 1134},  // ta06
	{15, 15, 44531661, 1374316395, 1228, 1103},    // ta07
	{15, 15, 302545136, 2092186050, 1220, 980},    // ta08
	{15, 15, 1153780144, 1393392374, 1282, 1020},  // ta09
	{15, 15, 73896786, 1544979948, 1259, 940},     // ta10
	{20, 15, 533484900, 317419073, 1376, 1254},    // ta11
	{20, 15, 1894307698, 1474268163, 1377, 1267},  // ta12
	{20, 15, 874340513, 509669280, 1367, 1243},    // ta13
	{20, 15, 1124986343, 1209573668, 1345, 1329},  // ta14
	{20, 15, 1463788335, 529048107, 1366, 1163},   // ta15
	{20, 15, 1056908795, 25321885, 1371, 1211},    // ta16
	{20, 15, 195672285, 1717580117, 1480, 1306},   // ta17
	{20, 15, 961965583, 1353003786, 1413, 1315},   // ta18
	{20, 15, 1610169733, 1734469503, 1352, 1202},  // ta19
	{20, 15, 532794656, 998486810, 1362, 1213},    // ta20
	{20, 20, 1035939303, 773961798, 1663, 1217},   // ta21
	{20, 20, 5997802, 1872541150, 1626, 1314},     // ta22
	{20, 20, 1357503601, 722225039, 1574, 1248},   // ta23
	{20, 20, 806159563, 1166962073, 1660, 1284},   // ta24
	{20, 20, 1902815253, 1879990068, 1598, 1256},  // ta25
	{20, 20, 1503184031, 1850351876, 1657, 1245},  // ta26
	{20, 20, 1032645967, 99711329, 1704, 1403},    // ta27
	{20, 20, 229894219, 1158117804, 1626, 1387},   // ta28
	{20, 20, 823349822, 108033225, 1629, 1352},    // ta29
	{20, 20, 1297900341, 489486403, 1614, 1277},   // ta30
	{30, 15, 98640593, 1981283465, 1770, 1764},    // ta31
	{30, 15, 1839268120, 248890888, 1841, 1774},   // ta32
	{30, 15, 573875290, 2081512253, 1832, 1733},   // ta33
	{30, 15, 1670898570, 788294565, 1851, 1828},   // ta34
	{30, 15, 1118914567, 1074349202, 2007, 1754},  // ta35
	{30, 15, 178750207, 294279708, 1844, 1777},    // ta36
	{30, 15, 1549372605, 596993084, 1815, 1771},   // ta37
	{30, 15, 798174738, 151685779, 1700, 1673},    // ta38
	{30, 15, 553410952, 1329272528, 1811, 1764},   // ta39
	{30, 15, 1661531649, 1173386294, 1720, 1608},  // ta40
	{30, 20, 1841414609, 1357882888, 2064, 1850},  // ta41
	{30, 20, 2116959593, 1546338557, 1983, 1761},  // ta42
	{30, 20, 796392706, 1230864158, 1896, 1710},   // ta43
	{30, 20, 532496463, 254174057, 2031, 1820},    // ta44
	{30, 20, 2020525633, 978943053, 2032, 1785},   // ta45
	{30, 20, 524444252, 185526083, 2057, 1940},    // ta46
	{30, 20, 1569394691, 487269855, 1947, 1751},   // ta47
	{30, 20, 1460267840, 1631446539, 2001, 1770},  // ta48
	{30, 20, 198324822, 1937476577, 2013, 1758},   // ta49
	{30, 20, 38071822, 1541985579, 1973, 1678},    // ta50
	{50, 15, 17271, 718939, 2760, 2760},           // ta51
	{50, 15, 660481279, 449650254, 2756, 2756},    // ta52
	{50, 15, 352229765, 949737911, 2717, 2717},    // ta53
	{50, 15, 1197518780, 166840558, 2839, 2813},   // ta54
	{50, 15, 1376020303, 483922052, 2679, 2679},   // ta55
	{50, 15, 2106639239, 955932362, 2781, 2781},   // ta56
	{50, 15, 1765352082, 1209982549, 2943, 2943},  // ta57
	{50, 15, 1105092880, 1349003108, 2885, 2885},  // ta58
	{50, 15, 907248070, 919544535, 2655, 2655},    // ta59
	{50, 15, 2011630757, 1845447001, 2723, 2723},  // ta60
	{50, 20, 8493988, 2738939, 2868, 2868},        // ta61
	{50, 20, 1991925010, 709517751, 2902, 2848},   // ta62
	{50, 20, 342093237, 786960785, 2755, 2755},    // ta63
	{50, 20, 1634043183, 973178279, 2702, 2697},   // ta64
	{50, 20, 341706507, 286513148, 2725, 2725},    // ta65
	{50, 20, 320167954, 1411193018, 2845, 2845},   // ta66
	{50, 20, 1089696753, 298068750, 2841, 2812},   // ta67
	{50, 20, 433032965, 1589656152, 2784, 2764},   // ta68
	{50, 20, 615974477, 331205412, 3071, 3071},    // ta69
	{50, 20, 236150141, 592292984, 2995, 2995},    // ta70
	{100, 20, 302034063, 1203569070, 5464, 5464},  // ta71
	{100, 20, 1437643198, 1692025209, 5181, 5181}, // ta72
	{100, 20, 1792475497, 1039908559, 5568, 5552}, // ta73
	{100, 20, 1647273132, 1012841433, 5339, 5339}, // ta74
	{100, 20, 696480901, 1689682358, 5392, 5392},  // ta75
	{100, 20, 1785569423, 1092647459, 5342, 5342}, // ta76
	{100, 20, 117806902, 739059626, 5436, 5436},   // ta77
	{100, 20, 1639154709, 1319962509, 5394, 5394}, // ta78
	{100, 20, 2007423389, 749368241, 5358, 5358},  // ta79
	{100, 20, 682761130, 262763021, 5183, 5183},   // ta80
}

// Constants of the "minimal standard" Lehmer generator used by Taillard
// (Park and Miller), evaluated with Schrage's decomposition.
const (
	lehmerA = 16807
	lehmerM = 2147483647 // 2^31 - 1
	lehmerQ = lehmerM / lehmerA
	lehmerR = lehmerM % lehmerA
)

// unif advances *seed and returns an integer drawn uniformly from
// [low, high], exactly as Taillard's generator does.
func unif(seed *int64, low, high int) int {
	k := *seed / lehmerQ
	*seed = lehmerA*(*seed%lehmerQ) - k*lehmerR
	if *seed < 0 {
		*seed += lehmerM
	}
	u := float64(*seed) / float64(lehmerM)
	return low + int(u*float64(high-low+1))
}

// normSeed maps any int64 onto the generator's valid seeds [1, 2^31-2].
func normSeed(s int64) int64 {
	s %= lehmerM
	if s < 0 {
		s += lehmerM
	}
	if s == 0 {
		s = 1
	}
	return s
}

// taillardMatrices returns the machine order (0-based) and the processing
// times of Taillard's job-shop generator.
func taillardMatrices(n, m int, timeSeed, machineSeed int64) (mach [][]int, dur [][]int64) {
	ts, ms := normSeed(timeSeed), normSeed(machineSeed)
	dur = make([][]int64, n)
	for i := range dur {
		dur[i] = make([]int64, m)
		for j := range dur[i] {
			dur[i][j] = int64(unif(&ts, 1, 99))
		}
	}
	mach = make([][]int, n)
	for i := range mach {
		mach[i] = make([]int, m)
		for j := range mach[i] {
			mach[i][j] = j
		}
	}
	for i := range mach {
		row := mach[i]
		for j := range row {
			k := unif(&ms, j, m-1)
			row[j], row[k] = row[k], row[j]
		}
	}
	return mach, dur
}

// TaillardJSP generates a job-shop instance with Taillard's 1993 procedure:
// n jobs and m machines, processing times drawn uniformly from 1..99 with
// the time seed, job by job, then each job's machine order shuffled with
// the machine seed. With the seeds of the published table it reproduces
// ta01-ta80 exactly (see TaillardInstance).
//
// Seeds are meaningful in [1, 2^31-2]; other values are reduced modulo
// 2^31-1 and 0 is replaced by 1. A non-positive n or m gives a problem with
// no jobs (and no machines when m <= 0). The problem is named
// "taillard-NxM-TIMESEED-MACHINESEED" and follows the conventions of the
// benchmark readers (see ReadJSP). The caller bounds n*m: the generator
// allocates it.
func TaillardJSP(n, m int, timeSeed, machineSeed int64) *model.Problem {
	n, m = max(n, 0), max(m, 0)
	if m == 0 {
		n = 0
	}
	name := fmt.Sprintf("taillard-%dx%d-%d-%d", n, m, timeSeed, machineSeed)
	return taillardProblem(name, n, m, timeSeed, machineSeed)
}

func taillardProblem(name string, n, m int, timeSeed, machineSeed int64) *model.Problem {
	mach, dur := taillardMatrices(n, m, timeSeed, machineSeed)
	return matrixProblem(name, n, m, mach, dur)
}

// matrixProblem returns the n-job, m-machine job shop named name whose
// job i visits machine mach[i][j] for dur[i][j] ticks at its j-th
// operation, with the conventions of ReadJSP.
func matrixProblem(name string, n, m int, mach [][]int, dur [][]int64) *model.Problem {
	p := newBenchProblem(name, m)
	p.Jobs = make([]model.Job, n)
	for i := range p.Jobs {
		ops := make([]model.Operation, m)
		alts := make([]model.Alternative, m)
		for j := range ops {
			alts[j] = model.Alternative{Machine: p.Machines[mach[i][j]].ID, Duration: dur[i][j]}
			ops[j].Alternatives = alts[j : j+1 : j+1]
		}
		p.Jobs[i] = newBenchJob(i, ops)
	}
	return p
}

// taillardIndex returns the index (0..79) of a Taillard instance name:
// "ta01".."ta80", case-insensitive, also "ta1", "ta001" and "tai01".
func taillardIndex(name string) (int, bool) {
	s := strings.ToLower(strings.TrimSpace(name))
	switch {
	case strings.HasPrefix(s, "tai"):
		s = s[3:]
	case strings.HasPrefix(s, "ta"):
		s = s[2:]
	default:
		return 0, false
	}
	if s == "" || len(s) > 3 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	k, err := strconv.Atoi(s)
	if err != nil || k < 1 || k > len(taillardTable) {
		return 0, false
	}
	return k - 1, true
}

// taillardName returns the canonical name of the Taillard instance of the
// given index (0 is "ta01").
func taillardName(i int) string { return fmt.Sprintf("ta%02d", i+1) }

// TaillardInstance returns Taillard's job-shop instance ta01..ta80,
// generated from the published seeds. The name is case-insensitive and may
// be written "ta1", "ta01", "ta001" or "tai01"; the problem is named
// "ta01".."ta80". The result equals the embedded file jsp/taNN.txt as read
// by ReadJSP (see Embedded).
func TaillardInstance(name string) (*model.Problem, error) {
	i, ok := taillardIndex(name)
	if !ok {
		return nil, fmt.Errorf("unknown Taillard instance %q (want ta01..ta80)", name)
	}
	s := taillardTable[i]
	return taillardProblem(taillardName(i), s.n, s.m, s.timeSeed, s.machineSeed), nil
}

// TaillardNames returns the names of Taillard's job-shop instances,
// "ta01".."ta80", in order.
func TaillardNames() []string {
	names := make([]string, len(taillardTable))
	for i := range names {
		names[i] = taillardName(i)
	}
	return names
}
