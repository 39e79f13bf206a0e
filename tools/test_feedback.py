"""Tests nbgrader's feedback pages as a student opens them, offline; run by `kit.py test` inside .venv/ after
tools/test_classroom.py, whose grading writes them (target/classroom-test/course/feedback/<student>/<chapter>/).

Each page is served on 127.0.0.1 and opened in headless Chromium, which is told that no other host exists: no
request may leave 127.0.0.1, no request may fail, the page names no CDN, KaTeX typesets its math with no errors,
and no formula is left as raw text. One page is also opened from disk, as a student who was sent the file opens it.

    python tools/test_feedback.py
"""
import glob
import os
import pathlib
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import report  # noqa: E402
import browser  # noqa: E402
import test_classroom  # noqa: E402

FEEDBACK = os.path.join(test_classroom.COURSE, "feedback")

PAGE_FACTS = """() => ({
  math: document.querySelectorAll('.katex').length,
  mathErrors: Array.from(document.querySelectorAll('.katex-error')).map(e => e.getAttribute('title') || e.textContent),
  rawMath: (() => {   // markdown text still holding a $: math that was never typeset
    const found = [];
    for (const md of document.querySelectorAll('.text_cell_render')) {
      const walk = document.createTreeWalker(md, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        if (n.textContent.includes('$') && !n.parentElement.closest('.katex, code, pre')) found.push(n.textContent.slice(0, 80));
      }
    }
    return found;
  })(),
})"""


def check():
    from playwright.sync_api import sync_playwright
    pages = sorted(os.path.relpath(p, FEEDBACK) for p in glob.glob(os.path.join(FEEDBACK, "*", "*", "*.html")))
    if not pages:
        return [f"no feedback pages in {FEEDBACK}: run tools/test_classroom.py first (kit.py test does)"]
    problems, formulas = [], 0
    server = browser.serve(FEEDBACK)
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as pw:
        chromium = browser.launch(pw)
        if not chromium:
            server.shutdown()
            return [browser.missing_browser()]
        page = chromium.new_page()
        page.on("request", lambda r: browser.local(r.url, base) or problems.append(f"{page.url}: a request left the machine: {r.url[:100]}"))
        page.on("requestfailed", lambda r: problems.append(f"{r.url[:100]}: request failed ({r.failure})"))
        # a missing file is reported by its address (the console only says "Failed to load resource"); the
        # browser's own /favicon.ico is not the page's: nbgrader's feedback page names no icon
        page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico")
                and problems.append(f"{r.url[:100]}: HTTP {r.status}"))
        page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource")
                and problems.append(f"console error on {page.url}: {m.text}"))
        for name in pages:
            html = open(os.path.join(FEEDBACK, name), encoding="utf-8").read()
            for cdn in ("cdnjs", "cdn.jsdelivr", "unpkg.com", "MathJax.js"):
                if cdn in html:
                    problems.append(f"{name}: the page still names {cdn}")
            page.goto(base + name.replace(os.sep, "/"))
            try:
                page.wait_for_selector("body[data-math-rendered=yes]", timeout=30_000)
            except Exception:
                problems.append(f"{name}: the math was never typeset (no KaTeX ran in 30 s)")
                continue
            f = page.evaluate(PAGE_FACTS)
            formulas += f["math"]
            if f["math"] == 0:
                problems.append(f"{name}: no math typeset")
            for e in f["mathErrors"]:
                problems.append(f"{name}: KaTeX could not typeset: {e[:160]}")
            for text in f["rawMath"]:
                problems.append(f"{name}: math left as text: {text}")
        # as a student opens it: the file alone, from disk
        page.goto(pathlib.Path(os.path.join(FEEDBACK, pages[0])).as_uri())
        page.wait_for_selector("body[data-math-rendered=yes]", timeout=30_000)
        if not page.evaluate(PAGE_FACTS)["math"]:
            problems.append(f"{pages[0]}: opened from disk, no math typeset")
        chromium.close()
    server.shutdown()
    print(f"[test_feedback] {len(pages)} feedback pages in Chromium, offline: {formulas} formulas typeset by the "
          f"KaTeX inside each page", flush=True)
    return problems


if __name__ == "__main__":
    sys.exit(report("feedback", check()))
