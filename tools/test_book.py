"""Tests the book as a reader meets it, run by `kit.py test` inside .venv/.

Builds the site, serves it on 127.0.0.1 and opens every page in headless Chromium (the system's, e.g. Debian's
`chromium` package, driven by Playwright). On each page: every request stayed on 127.0.0.1 (the browser is also told
that no other host exists), no request failed, KaTeX typeset the math with no errors and
no formula was left as raw text, every image loaded, every link
inside the book leads to a page and an anchor that exist, and the console shows no error.

    python tools/test_book.py                       build into target/book-test/ and check every page
    python tools/test_book.py --screenshot PNG      also save a screenshot of a chapter (docs/book.png in the README)
"""
import json
import os
import sys
from urllib.parse import urldefrag, urlparse

import nbformat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import report  # noqa: E402
import book  # noqa: E402
import browser  # noqa: E402

OUT = os.path.join(book.ROOT, "target", "book-test")
SCREENSHOT_PAGE = "07-latent-space.html"


# what the page itself reports once KaTeX has run: math typeset, math that failed, images that did not load,
# every link, and every id a link may point at
PAGE_FACTS = """() => ({
  math: document.querySelectorAll('.katex').length,
  mathErrors: Array.from(document.querySelectorAll('.katex-error')).map(e => e.getAttribute('title') || e.textContent),
  images: document.images.length,
  brokenImages: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80)),
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
  ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
  rawMath: (() => {   // prose text still holding a $: math that KaTeX never found (an unclosed formula)
    const found = [];
    for (const md of document.querySelectorAll('.jp-RenderedMarkdown, .jp-RenderedHTMLCommon')) {
      const walk = document.createTreeWalker(md, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        if (n.textContent.includes('$') && !n.parentElement.closest('.katex, code, pre, .jp-OutputArea')) found.push(n.textContent.slice(0, 80));
      }
    }
    return found;
  })(),
})"""


def check(out, screenshot=None):
    from playwright.sync_api import sync_playwright
    server = browser.serve(out)
    base = f"http://127.0.0.1:{server.server_port}/"
    pages = [p["file"] for p in json.load(open(os.path.join(out, "pages.json")))]
    problems, facts = [], {}
    with sync_playwright() as pw:
        chromium = browser.launch(pw)
        if not chromium:
            server.shutdown()
            return [browser.missing_browser()]
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        seen = []
        page.on("request", lambda r: seen.append(r.url))
        page.on("requestfailed", lambda r: problems.append(f"{r.url}: request failed ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.url}: HTTP {r.status}"))
        page.on("console", lambda m: m.type == "error" and problems.append(f"console error on {page.url}: {m.text}"))
        for name in pages:
            seen.clear()
            page.goto(base + name)
            page.wait_for_selector("body[data-math-rendered=yes]", timeout=30_000)
            page.wait_for_load_state("load")
            f = page.evaluate(PAGE_FACTS)
            facts[name] = f
            for url in seen:
                if not browser.local(url, base):
                    problems.append(f"{name}: a request left the machine: {url[:100]}")
            for e in f["mathErrors"]:
                problems.append(f"{name}: KaTeX could not typeset: {e[:160]}")
            for text in f["rawMath"]:
                problems.append(f"{name}: math left as text: {text}")
            for src in f["brokenImages"]:
                problems.append(f"{name}: image did not load: {src}")
            source = open(os.path.join(out, name), encoding="utf-8").read()
            if name[:2].isdigit() and f["math"] == 0 and "$" in source:
                problems.append(f"{name}: no math typeset")
            charts = expected_images(name)
            if f["images"] < charts:
                problems.append(f"{name}: {f['images']} images on the page, {charts} charts in the notebook")
            if name == SCREENSHOT_PAGE and screenshot:
                page.screenshot(path=screenshot)
        chromium.close()
    server.shutdown()
    for name, f in facts.items():
        for link in f["links"]:
            url, anchor = urldefrag(link)
            if not url.startswith(base):
                continue
            target = urlparse(url).path.lstrip("/") or "index.html"
            if target not in facts:
                problems.append(f"{name}: link to {target}, which is not a page of the book")
            elif anchor and anchor not in facts[target]["ids"]:
                problems.append(f"{name}: link to {target}#{anchor}, which has no such anchor")
    total_math = sum(f["math"] for f in facts.values())
    total_images = sum(f["images"] for f in facts.values())
    print(f"[test_book] {len(facts)} pages in Chromium: {total_math} formulas typeset, {total_images} images loaded, "
          f"{sum(len(f['links']) for f in facts.values())} links checked", flush=True)
    return problems


def expected_images(page):
    """How many image outputs the page's notebook holds (0 for the Markdown pages)."""
    path = os.path.join(book.NOTEBOOKS, page[:-len(".html")] + ".ipynb")
    if not os.path.exists(path):
        return 0
    nb = nbformat.read(path, as_version=4)
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {}))


def main(args):
    screenshot = os.path.abspath(args[args.index("--screenshot") + 1]) if "--screenshot" in args else None
    book.build(OUT)
    problems = check(OUT, screenshot)
    return report("book", problems)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
