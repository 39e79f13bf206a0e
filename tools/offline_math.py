"""Math in nbgrader's feedback pages without a network: the book's KaTeX, inside each page.

nbgrader writes a student's feedback as one HTML file that loads MathJax from a CDN, so offline a student read raw
`$32 \\to 128$`. configure(config) puts tools/feedback_template/ in front of nbgrader's templates, so that nbgrader's own feedback
page is written with KaTeX in place of MathJax: KaTeX's script, its auto-render extension and
the book's static/math.js inline, and its style with the fonts as data: URLs (woff2 only, which every browser that
runs KaTeX reads). A feedback page stays one self-contained file that can be mailed or uploaded alone (about 0.6 MB
more than before) and typesets the same way as the book.
"""
import base64
import functools
import os
import re
import tarfile

import book

TEMPLATES = os.path.join(book.ROOT, "tools", "feedback_template")


@functools.lru_cache(maxsize=1)
def katex_inline(_=None):
    """<style> and <script> elements that typeset a page's math with no file or host besides the page itself.
    (A Jinja filter: the template calls it as `url | katex_inline`, so it takes and ignores one argument.)"""
    with tarfile.open(book.katex_tarball()) as tar:
        def read(name):
            return tar.extractfile("package/dist/" + name).read()
        css = read("katex.min.css").decode("utf-8")

        def embed(m):
            font = base64.b64encode(read("fonts/" + m.group(1) + ".woff2")).decode()
            return f'src:url(data:font/woff2;base64,{font}) format("woff2")'
        css = re.sub(r'src:url\(fonts/([\w-]+)\.woff2\) format\("woff2"\)(?:,url\([^)]*\) format\("[^"]*"\))*', embed, css)
        scripts = [read("katex.min.js").decode("utf-8"), read("contrib/auto-render.min.js").decode("utf-8"),
                   open(os.path.join(book.TEMPLATES, "math.js"), encoding="utf-8").read()]
    if "url(fonts/" in css or any("</script" in s for s in scripts):
        raise RuntimeError("KaTeX's files are not as offline_math.py expects: a font left out, or a script that ends early")
    return f"<style>{css}</style>\n" + "\n".join(f"<script>{s}</script>" for s in scripts)


def configure(config):
    """nbgrader's feedback template (its API insists on the name "feedback") found with tools/feedback_template/ in
    front, whose feedback/mathjax.html.j2 stands in for nbconvert's: KaTeX for its math."""
    nbgrader_templates = os.path.join(os.path.dirname(__import__("nbgrader").__file__), "server_extensions", "formgrader", "templates")
    config.HTMLExporter.extra_template_basedirs = [TEMPLATES, nbgrader_templates]
    config.HTMLExporter.filters = {"katex_inline": katex_inline}
