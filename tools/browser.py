"""What the kit's browser tests share (the book, JupyterLab, the feedback pages): the system's Chromium, Chrome or
Edge driven by Playwright, which never downloads a browser of its own, and a static server on 127.0.0.1.

The browser is told that no host but 127.0.0.1 exists, and started without the background services (update
checks, sync, field trials) that would otherwise call out on every start; so a page that reaches for a CDN fails
visibly in the test instead of quietly working on a machine that happens to be online.
"""
import functools
import http.server
import os
import threading

from commands.common import INSTALL, chromium

FLAGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def missing_browser():
    """The message for a machine without a Chromium-family browser, with the install line for each system."""
    what, how = INSTALL["chromium"]
    return f"no {what}: " + "; ".join(f"{system}: {line}" for system, line in how.items())


def launch(playwright):
    """Headless Chromium from the system, or None when there is none (missing_browser() says what to install)."""
    path = chromium()
    if not path:
        return None
    args = list(FLAGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")   # Chromium refuses to run as root with its sandbox
    return playwright.chromium.launch(executable_path=path, args=args)


def local(url, base):
    """Whether a request stayed on this machine: the page's own server, data inside the page, or a file on disk."""
    return url.startswith(base) or url.startswith(("data:", "blob:", "about:", "file:"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    """A static file server for folder on 127.0.0.1 and a free port, in a background thread; .shutdown() stops it."""
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
