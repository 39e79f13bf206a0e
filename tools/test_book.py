"""Tests the book as a reader meets it, run by `kit.py test` inside .venv/.

Builds the site, serves it on 127.0.0.1 and opens every page in headless Chromium (the system's, e.g. Debian's
`chromium` package, driven by Playwright). On each page: every request stayed on 127.0.0.1 (the browser is also told
that no other host exists), no request failed, KaTeX typeset the math with no errors and
no formula was left as raw text, every image loaded, every link
inside the book leads to a page and an anchor that exist, and the console shows no error.
Then every page again on a phone's screen (390 × 844 px): the page never scrolls sideways and nothing is cut off
(what is wider than the screen scrolls in its own box), the chapter list is folded behind its button (which opens
it) and the text starts on the first screen, and every Chinese character is set in the site's own Noto Sans SC
(asked of Chromium's layout through the DevTools protocol, so a machine without a CJK font proves it).

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
PHONE = {"width": 390, "height": 844}
PHONE_SCREENSHOT_PAGE = "05-backpropagation.html"
CJK = "[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"


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


# on a phone's screen: whether the page scrolls sideways; the outermost elements that stick out past the right edge
# without a box that scrolls them (cut off, or widening the page); where the text starts; the chapter list's state;
# and every element whose own text holds Chinese characters, marked for the font check
PHONE_FACTS = """() => {
  const W = document.documentElement.clientWidth;
  const scroller = el => { for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o !== 'visible') return o; } return null; };
  const cut = [];
  // KaTeX's MathML copy for screen readers is clipped to 1 px on purpose, and its stretchy SVG arrows and braces
  // are drawn wide and cut to size by their own box: neither is content a reader can miss
  for (const el of document.querySelectorAll('main *')) {
    if (el.closest('.katex-mathml') || el.parentElement.closest('svg')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1 || el.parentElement.getBoundingClientRect().right > W + 1) continue;
    if (!['auto', 'scroll'].includes(scroller(el)))
      cut.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right - W)} px past the edge): ${el.textContent.trim().slice(0, 60)}`);
  }
  const cjk = [];
  const re = /CJK/g;
  for (const el of document.querySelectorAll('main *, .book-nav *')) {
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('');
    const found = own.match(re);
    if (found && el.getClientRects().length) {   // shown on this screen (not in the folded chapter list)
      el.dataset.cjkProbe = cjk.length; cjk.push([found.length, `${el.tagName.toLowerCase()}.${el.className}: ${own.trim().slice(0, 40)}`]); }
  }
  const first = document.querySelector('main .jp-Cell');
  const list = document.querySelector('.book-nav ul');
  return {
    sideways: document.documentElement.scrollWidth - W,
    cut: cut.slice(0, 5), cutCount: cut.length,
    contentTop: first ? Math.round(first.getBoundingClientRect().top + window.scrollY) : null,
    listShown: !!(list && list.offsetHeight > 0),
    buttonShown: !!document.querySelector('.book-menu')?.offsetHeight,
    cjk,
  };
}""".replace("CJK", CJK)


def noto_glyphs(cdp, probe):
    """How many glyphs of the marked element Chromium drew with the site's Noto Sans SC (a web font, not a system one)."""
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f'[data-cjk-probe="{probe}"]'})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    # the web font's own name table calls it "Noto Sans SC Thin" (one variable font for every weight)
    return sum(f["glyphCount"] for f in fonts if f["familyName"].startswith("Noto Sans SC") and f["isCustomFont"]), fonts


def check_phone(chromium, base, pages, problems):
    """Every page on a phone's screen (see the module's docstring)."""
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("request", lambda r: browser.local(r.url, base) or problems.append(f"phone: a request left the machine: {r.url[:100]}"))
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    characters, tops, cjk_pages = 0, [], 0
    for name in pages:
        page.goto(base + name)
        page.wait_for_selector("body[data-math-rendered=yes]", timeout=30_000)
        f = page.evaluate(PHONE_FACTS)
        # a font slice starts loading when text that needs it is laid out: wait for that, for the loads, and a redraw
        page.evaluate("""async () => {
          const frames = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
          await frames(); await document.fonts.ready; await frames();
        }""")
        if f["sideways"] > 0:
            problems.append(f"phone, {name}: the page scrolls sideways by {f['sideways']} px")
        for what in f["cut"]:
            problems.append(f"phone, {name}: sticks out with no box to scroll it: {what}")
        if f["cutCount"] > len(f["cut"]):
            problems.append(f"phone, {name}: {f['cutCount'] - len(f['cut'])} more such elements")
        if f["listShown"] or not f["buttonShown"]:
            problems.append(f"phone, {name}: the chapter list is not folded behind its button")
        if f["contentTop"] is None or f["contentTop"] > PHONE["height"] / 3:
            problems.append(f"phone, {name}: the text starts {f['contentTop']} px down, below the first third of the screen")
        else:
            tops.append(f["contentTop"])
        for probe, (count, where) in enumerate(f["cjk"]):
            drawn, fonts = noto_glyphs(cdp, probe)
            if drawn < count:
                problems.append(f"phone, {name}: {count - drawn} Chinese characters not set in the site's Noto Sans SC in "
                                f"{where} (fonts used: {[(x['familyName'], x['glyphCount']) for x in fonts]})")
        characters += sum(count for count, _ in f["cjk"])
        cjk_pages += bool(f["cjk"])
        if name == PHONE_SCREENSHOT_PAGE:
            page.screenshot(path=os.path.join(OUT, "phone.png"))
    # the button opens the list and closes it again
    page.goto(base + pages[0])
    page.click(".book-menu")
    opened = page.evaluate("[document.querySelector('.book-nav ul').offsetHeight > 0, document.querySelector('.book-menu').getAttribute('aria-expanded'),"
                           " document.querySelectorAll('.book-nav ul a').length, document.documentElement.scrollWidth - document.documentElement.clientWidth]")
    page.click(".book-menu")
    closed = page.evaluate("document.querySelector('.book-nav ul').offsetHeight")
    if opened != [True, "true", len(pages), 0] or closed != 0:
        problems.append(f"phone: the Chapters button does not open and close the list (opened: shown, aria-expanded, links, "
                        f"sideways = {opened}; closed: height {closed})")
    context.close()
    print(f"[test_book] {len(pages)} pages at {PHONE['width']} px: text starts {min(tops, default=0)}–{max(tops, default=0)} px down, "
          f"{characters} Chinese characters on {cjk_pages} pages checked in Noto Sans SC", flush=True)


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
        check_phone(chromium, base, pages, problems)
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
