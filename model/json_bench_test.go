package model

import (
	"fmt"
	"strings"
	"testing"
)

// manyErrors returns a problem on a single line with n jobs, each with an
// unknown key: Decode reports n issues, all on line 1.
func manyErrors(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"machines":[{"id":"M"}],"jobs":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"J%d","qty":1,"operations":[{"machine":"M","duration":1}]}`, i)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// BenchmarkDecodeManyErrors measures reporting n located errors on
// single-line JSON: the time per error must stay flat as n grows (it grew
// linearly with n, quadratic in all, when each column was counted from the
// start of the line).
func BenchmarkDecodeManyErrors(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		data := manyErrors(n)
		b.Run(fmt.Sprintf("errors=%d", n), func(b *testing.B) {
			for b.Loop() {
				_, err := Decode(data)
				if is, ok := err.(Issues); !ok || len(is) != n {
					b.Fatalf("got %d issues, want %d", len(is), n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/error")
		})
	}
}

// BenchmarkLocateManyIssues measures Locate with n issues on single-line
// JSON.
func BenchmarkLocateManyIssues(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		data := []byte(strings.ReplaceAll(string(manyErrors(n)), `"qty":1,`, ""))
		issues := make(Issues, n)
		b.Run(fmt.Sprintf("issues=%d", n), func(b *testing.B) {
			for b.Loop() {
				for i := range issues {
					issues[i] = Issue{Path: fmt.Sprintf("jobs[%d].operations[0].machine", i), Message: "x"}
				}
				Locate(data, issues)
				if issues[n-1].Line != 1 || issues[n-1].Column <= 1 {
					b.Fatalf("last issue at %d:%d", issues[n-1].Line, issues[n-1].Column)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/issue")
		})
	}
}

// TestPositionsOnOneLine checks the line and column of issues far along a
// single line and after multi-byte characters and a byte-order mark.
func TestPositionsOnOneLine(t *testing.T) {
	data := manyErrors(300)
	_, err := Decode(data)
	is := err.(Issues)
	for k, i := range is {
		want := strings.Index(string(data), fmt.Sprintf(`"J%d","qty"`, k)) + len(fmt.Sprintf(`"J%d",`, k)) + 1
		if i.Line != 1 || i.Column != want {
			t.Fatalf("issue %d at %d:%d, want 1:%d", k, i.Line, i.Column, want)
		}
	}
	text := "\xef\xbb\xbf{\"name\": \"é\u00e9€\", \"jobs\": [], \n  \"bad\": 1}"
	_, err = Decode([]byte(text))
	is, ok := err.(Issues)
	if !ok || len(is) != 1 || is[0].Line != 2 || is[0].Column != 3 {
		t.Fatalf("Decode(%q) = %v, want one issue at line 2, column 3", text, err)
	}
	text = "\xef\xbb\xbf{\"name\": \"é€\", \"x\": 1}"
	_, err = Decode([]byte(text))
	is, ok = err.(Issues)
	// {"name": "é€", "x" : the key starts at character 16 (the mark is not counted)
	if !ok || len(is) != 1 || is[0].Line != 1 || is[0].Column != 16 {
		t.Fatalf("Decode(%q) = %v, want one issue at line 1, column 16", text, err)
	}
}

type zeros struct{}

func (zeros) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}

// TestReadLimited checks that an endless input stops at the limit with a
// clear error, and that an input at the limit is read whole.
func TestReadLimited(t *testing.T) {
	if _, err := readLimited(zeros{}, 1000); err == nil || !strings.Contains(err.Error(), "larger than the limit of 1000 bytes") {
		t.Errorf("endless input: %v", err)
	}
	data, err := readLimited(strings.NewReader(strings.Repeat("x", 1000)), 1000)
	if err != nil || len(data) != 1000 {
		t.Errorf("input at the limit: %d bytes, %v", len(data), err)
	}
	if got := formatSize(MaxInputSize); got != "256 MiB" {
		t.Errorf("MaxInputSize is %s", got)
	}
}
