// Package browsertest opens HTML files in a real headless Chromium from Go
// tests: it checks that a page loads without console errors and renders
// something, measures its load time and keeps a screenshot.
//
// The browser is found on the PATH (chromium, chromium-browser,
// google-chrome, google-chrome-stable, headless-shell) or at
// $ORDO_BROWSER. Without one, tests skip with a message saying how to
// install it, unless ORDO_BROWSER_TESTS=1 (as the CI sets it), which
// makes a missing browser a failure. Screenshots go to
// $ORDO_SCREENSHOTS when set, else to the test's temporary directory.
// ORDO_BROWSER_TIMING=1 logs the browser's navigation and paint timings of
// every page opened.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium started for one test.
type Browser struct {
	t   testing.TB
	ctx context.Context
}

// Path returns the browser executable to use, or "" when none is found.
func Path() string {
	if p := os.Getenv("ORDO_BROWSER"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Required reports whether a missing browser is a failure
// (ORDO_BROWSER_TESTS=1).
func Required() bool { return os.Getenv("ORDO_BROWSER_TESTS") == "1" }

// New starts a headless browser that lives until the end of the test. It
// skips the test when no browser is found (fails when Required).
func New(t testing.TB) *Browser {
	t.Helper()
	path := Path()
	if path == "" {
		msg := "no Chromium or Chrome found (install the chromium package, or set ORDO_BROWSER to a browser executable)"
		if Required() {
			t.Fatal("ORDO_BROWSER_TESTS=1 requires a browser, but " + msg)
		}
		t.Skip(msg + ": browser test skipped")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1400, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		acancel()
	})
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return &Browser{t: t, ctx: ctx}
}

// Page is what Open found.
type Page struct {
	// Load is the wall-clock time from the navigation to the load event;
	// LoadEvent is the browser's own measure (navigation start to the end
	// of the load event).
	Load, LoadEvent time.Duration
	// Errors are the console errors and uncaught exceptions.
	Errors []string
	// Text is the length of the page's visible text; Elements counts the
	// elements of the body and SVG the SVG elements.
	Text, Elements, SVG int
	// Width and Height are the document's size in CSS pixels.
	Width, Height int
	// Screenshot is the file the page's screenshot was written to.
	Screenshot string
}

// Open loads the HTML file at path, waits for it to load, collects console
// errors, measures it and writes a full-page PNG screenshot named name.png.
// It fails the test when the page cannot be loaded.
func (b *Browser) Open(path, name string) *Page {
	t := b.t
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	pg := &Page{}
	cctx, ccancel := context.WithCancel(b.ctx)
	var mu sync.Mutex
	done := make(chan struct{})
	msgs := chromedp.Console(cctx)
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				pg.Errors = append(pg.Errors, m.String())
				mu.Unlock()
			}
		}
	}()
	start := time.Now()
	if err := chromedp.Do(b.ctx, chromedp.Navigate("file://"+abs)); err != nil {
		ccancel()
		t.Fatalf("loading %s: %v", path, err)
	}
	pg.Load = time.Since(start)
	ms, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`(function(){var n=performance.getEntriesByType("navigation")[0];return n?n.loadEventEnd:0;})()`))
	if os.Getenv("ORDO_BROWSER_TIMING") != "" {
		tm, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`JSON.stringify(performance.getEntriesByType("navigation")[0]) + JSON.stringify(performance.getEntriesByType("paint"))`))
		t.Logf("%s timing: %s", path, tm)
	}
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	pg.LoadEvent = time.Duration(ms * float64(time.Millisecond))
	type stats struct {
		Text, Elements, SVG, Width, Height int
	}
	st, err := chromedp.Run(b.ctx, chromedp.Evaluate[stats](`({Text: document.body.innerText.trim().length, Elements: document.body.getElementsByTagName("*").length, SVG: document.getElementsByTagName("svg").length, Width: document.documentElement.scrollWidth, Height: document.documentElement.scrollHeight})`))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	pg.Text, pg.Elements, pg.SVG, pg.Width, pg.Height = st.Text, st.Elements, st.SVG, st.Width, st.Height
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("%s: screenshot: %v", path, err)
	}
	// Give the console a moment to deliver late messages, then stop.
	time.Sleep(100 * time.Millisecond)
	ccancel()
	<-done
	dir := os.Getenv("ORDO_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pg.Screenshot = filepath.Join(dir, name+".png")
	if err := os.WriteFile(pg.Screenshot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return pg
}

// Check fails the test when the page logged errors or shows nothing: less
// than minText characters of text or minElements elements.
func (pg *Page) Check(t testing.TB, name string, minText, minElements int) {
	t.Helper()
	if len(pg.Errors) > 0 {
		t.Errorf("%s: %d console error(s):\n%s", name, len(pg.Errors), strings.Join(pg.Errors, "\n"))
	}
	if pg.Text < minText || pg.Elements < minElements || pg.Width == 0 || pg.Height == 0 {
		t.Errorf("%s renders too little: %d characters of text, %d elements, %dx%d px", name, pg.Text, pg.Elements, pg.Width, pg.Height)
	}
	t.Logf("%s: loaded in %s (load event at %s), %d characters, %d elements, %d SVG, %dx%d px; screenshot %s",
		name, pg.Load.Round(time.Millisecond), pg.LoadEvent.Round(time.Millisecond), pg.Text, pg.Elements, pg.SVG, pg.Width, pg.Height, pg.Screenshot)
}

// String summarises the page.
func (pg *Page) String() string {
	return fmt.Sprintf("load %s, %d errors", pg.Load, len(pg.Errors))
}
