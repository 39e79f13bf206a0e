"""Builds the kit's book: a static HTML site of every chapter from the committed outputs (nothing is re-executed).

    python tools/book.py [OUT]      OUT defaults to target/book/; open OUT/index.html, or serve the folder

Run by kit.py inside .venv/. Each notebook becomes a page in JupyterLab's own nbconvert look, with a chapter list
beside it; notebooks/README.md (the tour and the errata), SYLLABUS.md, GLOSSARY.md and docs/teaching.md become pages
too, and links between them point at the pages. The math is typeset in the reader's browser by KaTeX, copied into
the site from its npm package (fetched once from the npm registry into target/book-deps/ and checked against the
registry's SHA-512), so the site needs no network at all: charts and tables are already inside the pages.
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
KATEX_VERSION = "0.16.22"
KATEX_URL = f"https://registry.npmjs.org/katex/-/katex-{KATEX_VERSION}.tgz"
# npm's "dist.integrity" for that version: `npm view katex@0.16.22 dist.integrity`
KATEX_SHA512 = "XCHRdUw4lf3SKBaJe4EvgqIuWwkPSo9XoeO8GjQW94Bp7TWv9hNhzZjZ+OH9yf1UmLygb7DIT5GSFQiyt16zYg=="

# the Markdown pages of the book: source file → page
MARKDOWN_PAGES = {
    os.path.join(NOTEBOOKS, "README.md"): "index.html",
    os.path.join(NOTEBOOKS, "SYLLABUS.md"): "syllabus.html",
    os.path.join(NOTEBOOKS, "GLOSSARY.md"): "glossary.html",
    os.path.join(ROOT, "docs", "teaching.md"): "teaching.html",
}


def say(msg):
    print(f"[book] {msg}", flush=True)


def katex_tarball():
    """KaTeX's npm package, downloaded once; refused if it is not byte for byte the one the registry published."""
    path = os.path.join(DEPS, f"katex-{KATEX_VERSION}.tgz")
    if not os.path.exists(path):
        os.makedirs(DEPS, exist_ok=True)
        say(f"fetching KaTeX {KATEX_VERSION} from the npm registry")
        try:
            with urllib.request.urlopen(KATEX_URL, timeout=60) as r, open(path + ".part", "wb") as f:
                shutil.copyfileobj(r, f)
        except OSError as e:
            sys.exit(f"[book] could not download {KATEX_URL} ({e}). Without network, copy that file (or the output "
                     f"of `npm pack katex@{KATEX_VERSION}`) to {path} and run again.")
        os.replace(path + ".part", path)
    got = base64.b64encode(hashlib.sha512(open(path, "rb").read()).digest()).decode()
    if got != KATEX_SHA512:
        sys.exit(f"[book] {path} has SHA-512 {got}, not the registry's {KATEX_SHA512}: delete it and run again")
    return path


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
    shutil.copyfile(os.path.join(TEMPLATES, "book.css"), os.path.join(static, "book.css"))


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
    for i, (page, title, nb) in enumerate(pages):
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = relink(cell.source, files)
        book = {"pages": nav, "current": page, "previous": nav[i - 1] if i > 0 else None,
                "next": nav[i + 1] if i + 1 < len(nav) else None}
        text, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}, "book": book})
        with open(os.path.join(out, page), "w", encoding="utf-8") as f:
            f.write(github_anchors(text))
    with open(os.path.join(out, "pages.json"), "w") as f:
        json.dump(nav, f, indent=1, ensure_ascii=False)
    say(f"{len(pages)} pages in {out}; open {os.path.join(out, 'index.html')}")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit(__doc__)
    build(os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
