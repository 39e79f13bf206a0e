"""Tests JupyterLab as a student meets it, run by `kit.py test` inside .venv/.

Starts `python3 kit.py lab` headless on 127.0.0.1 (a free port, a random token; JupyterLab's settings and workspaces in
target/lab-test/, on a copy of 00-quickstart.ipynb without its outputs there, so nothing is written into notebooks/),
opens the notebook in headless Chromium, waits for the kernel, then Run ▸ Run All Cells from the menu, and waits for
the first chart and for the last cell. Checks: the kernel is "Java (aekit)"; every code cell ran and none shows an
error or anything on stderr; the chart is an image that loaded; no request left 127.0.0.1; nbgrader's teacher tools
are not there (no Nbgrader menu, no Create Assignment sidebar, /formgrader is 404) while the student's Validate button
is, and `kit.py lab --teacher`'s configuration turns them on. Prints the time from the click to the first chart,
saves a screenshot, and stops the server through its API.

    python tools/test_lab.py                       the test; screenshot in target/lab-test/jupyterlab.png
    python tools/test_lab.py --screenshot PNG      also save the screenshot to PNG (docs/jupyterlab.png in the README)
"""
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import nbformat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import report  # noqa: E402
import browser  # noqa: E402
from commands import core  # noqa: E402

ROOT = core.ROOT
WORK = os.path.join(ROOT, "target", "lab-test")
NOTEBOOK = "00-quickstart.ipynb"
KERNEL = "Java (aekit)"

# every code cell has run: no prompt left empty or queued ([*]), and the kernel is idle again
ALL_RAN = """() => {
  const prompts = Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt'));
  const idle = document.querySelector('.jp-Notebook-ExecutionIndicator.idle, .jp-Notebook-ExecutionIndicator[data-status=idle]');
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)) && !!idle;
}"""
KERNEL_READY = """() => {
  const name = document.querySelector('.jp-NotebookPanel [data-jp-item-name=kernelName]');
  const idle = document.querySelector('.jp-Notebook-ExecutionIndicator.idle, .jp-Notebook-ExecutionIndicator[data-status=idle]');
  return !!idle && !!name && name.textContent.trim() !== '' && !/no kernel/i.test(name.textContent);
}"""
FIRST_CHART = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-RenderedImage img'))
  .some(i => i.complete && i.naturalWidth > 0)"""
STDERR = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
  .map(e => e.textContent.slice(0, 300))"""
# what `lab --teacher` changes, read the way JupyterLab and Jupyter Server read their configuration
TEACHER_TOOLS = """
import json
from jupyter_server.serverapp import ServerApp
from jupyterlab_server.config import get_static_page_config
app = ServerApp()
app.find_server_extensions()
disabled = get_static_page_config(level="all").get("disabledExtensions", {})
print(json.dumps({"server": {k: v for k, v in app.jpserver_extensions.items() if k.startswith("nbgrader")},
                  "disabled": sorted(k for k, v in (disabled.items() if isinstance(disabled, dict) else {d: True for d in disabled}.items()) if v)}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare():
    """target/lab-test/: the notebook without outputs (so the first chart on the page is a new one), and JupyterLab
    settings that keep the news and update prompts from covering the notebook."""
    shutil.rmtree(WORK, ignore_errors=True)
    notebooks = os.path.join(WORK, "notebooks")
    os.makedirs(notebooks)
    nb = nbformat.read(os.path.join(ROOT, "notebooks", NOTEBOOK), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, os.path.join(notebooks, NOTEBOOK))
    settings = os.path.join(WORK, "settings", "@jupyterlab", "apputils-extension")
    os.makedirs(settings)
    with open(os.path.join(settings, "notification.jupyterlab-settings"), "w") as f:
        json.dump({"fetchNews": "false", "checkForUpdates": False}, f)
    return notebooks


def start_lab(notebooks, port, token):
    """`python3 kit.py lab` with JupyterLab's own options after it, as a user would start it."""
    log = open(os.path.join(WORK, "server.log"), "w")
    cmd = [sys.executable, os.path.join(ROOT, "kit.py"), "lab", "--no-browser", "--ip", "127.0.0.1", "--port", str(port),
           f"--ServerApp.token={token}", f"--notebook-dir={notebooks}",
           f"--LabApp.user_settings_dir={os.path.join(WORK, 'settings')}",
           f"--LabApp.workspaces_dir={os.path.join(WORK, 'workspaces')}"]
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    start = time.monotonic()
    while time.monotonic() - start < 300:
        if server.poll() is not None:
            raise RuntimeError(f"kit.py lab exited with {server.returncode}: see {os.path.join(WORK, 'server.log')}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=5)
            return server, time.monotonic() - start
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise RuntimeError("kit.py lab did not answer within 300 s")


def stop_lab(server, port, token):
    """Through the server's own API (kernels are shut down with it), then by signal if it does not stop."""
    try:
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/api/shutdown", method="POST",
                                                      headers={"Authorization": f"token {token}"}), timeout=10)
    except (urllib.error.URLError, OSError):
        pass
    try:
        return server.wait(30)
    except subprocess.TimeoutExpired:
        server.terminate()
        return server.wait(10)


def status(port, token, path):
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?token={token}", timeout=10).status
    except urllib.error.HTTPError as e:
        return e.code


def menu(page, top, item):
    """Clicks a menu of JupyterLab's menu bar and then one of its items, as a user does."""
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-content .lm-Menu-itemLabel").filter(has_text=item).first.click()


def teacher_tools(teacher):
    """nbgrader's server extensions and the disabled lab plugins as a server started in this environment sees them."""
    env = dict(os.environ)
    env.pop("JUPYTER_CONFIG_PATH", None)
    if teacher:
        env["JUPYTER_CONFIG_PATH"] = core.TEACHER_CONFIG
    out = subprocess.run([sys.executable, "-c", TEACHER_TOOLS], env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def check_configuration():
    problems = []
    student, teacher = teacher_tools(False), teacher_tools(True)
    for ext in core.TEACHER_SERVER_EXTENSIONS:
        if student["server"].get(ext) is not False:
            problems.append(f"a student's lab runs nbgrader's {ext}")
        if teacher["server"].get(ext) is not True:
            problems.append(f"`kit.py lab --teacher` does not run nbgrader's {ext}")
    if not student["server"].get("nbgrader.server_extensions.validate_assignment"):
        problems.append("the Validate button's server extension is off in a student's lab")
    if sorted(set(core.TEACHER_PLUGINS) - set(student["disabled"])):
        problems.append(f"a student's lab has nbgrader's {sorted(set(core.TEACHER_PLUGINS) - set(student['disabled']))}")
    if set(core.TEACHER_PLUGINS) & set(teacher["disabled"]):
        problems.append(f"`kit.py lab --teacher` disables {sorted(set(core.TEACHER_PLUGINS) & set(teacher['disabled']))}")
    return problems


def check(screenshot=None):
    from playwright.sync_api import sync_playwright
    problems = check_configuration()
    notebooks = prepare()
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}/"
    server, up = start_lab(notebooks, port, token)
    times = {"server up (kit.py lab, set-up included)": up}
    try:
        with sync_playwright() as pw:
            chromium = browser.launch(pw)
            if not chromium:
                return problems + [browser.missing_browser()]
            page = chromium.new_page(viewport={"width": 1280, "height": 800})
            outside = []
            page.on("request", lambda r: browser.local(r.url, base) or outside.append(r.url))
            try:
                opened = time.monotonic()
                page.goto(f"{base}lab/tree/{NOTEBOOK}?token={token}")
                page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-CodeCell", timeout=120_000)
                # idle with a kernel: before the session exists the indicator can read idle beside "No Kernel"
                page.wait_for_function(KERNEL_READY, timeout=180_000)
                times["notebook opened → kernel idle"] = time.monotonic() - opened
                kernel = page.inner_text(".jp-NotebookPanel [data-jp-item-name=kernelName]").strip()
                if kernel != KERNEL:
                    problems.append(f"the notebook's kernel is {kernel!r}, not {KERNEL!r}")
                menus = [m.strip() for m in page.locator("#jp-MainMenu .lm-MenuBar-itemLabel").all_inner_texts()]
                tabs = page.eval_on_selector_all(".lm-TabBar-tab", "els => els.map(e => e.getAttribute('title') || e.textContent)")
                if "Nbgrader" in menus:
                    problems.append(f"a student's lab shows nbgrader's menu: {menus}")
                if any("Create Assignment" in t for t in tabs):
                    problems.append("a student's lab shows nbgrader's Create Assignment sidebar")
                if not page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate").count():
                    problems.append("the student's Validate button is missing from the notebook's toolbar")
                if status(port, token, "/formgrader") != 404:
                    problems.append("a student's lab serves nbgrader's formgrader at /formgrader")

                clicked = time.monotonic()
                menu(page, "Run", "Run All Cells")
                page.wait_for_function(f"() => ({FIRST_CHART})() || ({STDERR})().length > 0", timeout=180_000)
                if page.evaluate(FIRST_CHART):
                    times["Run All clicked → first chart"] = time.monotonic() - clicked
                page.wait_for_function(f"() => ({ALL_RAN})() || ({STDERR})().length > 0", timeout=300_000)
                times["Run All clicked → last cell done"] = time.monotonic() - clicked
                for text in page.evaluate(STDERR):
                    problems.append(f"{NOTEBOOK}: error or stderr output in JupyterLab: {text}")
                if not page.evaluate(FIRST_CHART):
                    problems.append(f"{NOTEBOOK}: no chart on the page after Run All")
                cells = page.locator(".jp-NotebookPanel .jp-CodeCell").count()
                if page.evaluate(FIRST_CHART):   # the screenshot shows the first chart
                    page.locator(".jp-NotebookPanel .jp-RenderedImage img").first.scroll_into_view_if_needed()
            except Exception as e:   # a timeout names what did not appear; the screenshot shows where it stood
                problems.append(f"JupyterLab: {type(e).__name__}: {str(e).splitlines()[0]}")
                cells = 0
            shot = os.path.join(WORK, "jupyterlab.png")
            page.screenshot(path=shot)
            if screenshot:
                shutil.copyfile(shot, screenshot)
            for url in outside:
                problems.append(f"a request left the machine: {url[:100]}")
            chromium.close()
    finally:
        code = stop_lab(server, port, token)
    if code != 0:
        problems.append(f"kit.py lab exited with {code} after /api/shutdown (log: {os.path.join(WORK, 'server.log')})")
    print(f"[test_lab] {NOTEBOOK} in JupyterLab, headless Chromium, {cells} code cells: "
          + "; ".join(f"{k} {v:.1f} s" for k, v in times.items()) + f"; screenshot {os.path.relpath(shot, ROOT)}", flush=True)
    return problems


def main(args):
    screenshot = os.path.abspath(args[args.index("--screenshot") + 1]) if "--screenshot" in args else None
    return report("lab", check(screenshot))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
