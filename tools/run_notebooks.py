"""Executes every notebook in notebooks/ top to bottom with the kit's JJava kernel.

    python tools/run_notebooks.py test     executed copies go to target/notebooks/; the committed ones are untouched
    python tools/run_notebooks.py render   the outputs are written back into notebooks/
    ... test 03 05                         only the notebooks whose names start with 03 or 05
    ... test --students DIR                also proves each chapter's exercise checks are real: after the chapter
                                           passes, its student version's answer and check cells (from DIR, as
                                           `kit.py assign` writes them) run in the same kernel, and every check
                                           must fail on the placeholders while no answer cell does

Run by kit.py inside .venv/. A cell that throws (a failed Expect check included) stops that notebook; the
run then names the notebook and the cell, prints the error, and exits non-zero after trying the rest.
"""
import glob
import os
import sys
import threading
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
OUT = os.path.join(ROOT, "target", "notebooks")
CELL_TIMEOUT_S = 600


class PeakMemory(threading.Thread):
    """The largest resident set (Linux's VmHWM) of any process started under this one: the kernel's JVM.
    Sampled every half second while a notebook runs; None where /proc does not exist."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak_mb, self.done = None, threading.Event()

    def descendants(self):
        parent = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        parent[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    pass
        found, frontier = set(), {os.getpid()}
        while frontier:
            frontier = {pid for pid, pp in parent.items() if pp in frontier} - found
            found |= frontier
        return found

    def run(self):
        if not os.path.isdir("/proc"):
            return
        while not self.done.wait(0.5):
            for pid in self.descendants():
                try:
                    with open(f"/proc/{pid}/status") as f:
                        kb = next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), 0)
                    self.peak_mb = max(self.peak_mb or 0, kb / 1024)
                except OSError:
                    pass


def student_cells(students, name):
    """The exercise cells of a chapter's student version, marked so that nbclient runs on past their errors."""
    path = os.path.join(students, name[:-len(".ipynb")], name)
    if not os.path.exists(path):
        return []
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code" and
             (c.metadata.get("nbgrader", {}).get("solution") or c.metadata.get("nbgrader", {}).get("grade"))]
    for c in cells:
        c.metadata = {"tags": ["raises-exception"], "student": c.metadata["nbgrader"]["grade_id"]}
        c.outputs = []
    return cells


def student_errors(nb, appended):
    """What is wrong with how the student version's exercise cells ran: a check that passed on a placeholder (it
    proves nothing), or an answer cell that failed as handed out. The appended cells are removed from nb."""
    ran, problems = nb.cells[len(nb.cells) - appended:], []
    del nb.cells[len(nb.cells) - appended:]
    for cell in ran:
        failed = any(out.get("output_type") == "error" for out in cell.get("outputs", []))
        role = cell.metadata["student"]
        if role.endswith("-check") and not failed:
            problems.append(f"{role} passed in the student version, before any answer was written")
        if role.endswith("-answer") and failed:
            problems.append(f"{role} fails in the student version as handed out")
    return problems


def join_streams(nb):
    """One printf line as one output: the kernel sends each write of System.out as a message of its own (a printf
    with five arguments arrives in ten pieces), which JupyterLab shows joined but the saved notebook and the book
    would keep apart. Consecutive pieces of the same stream are joined, in order; nothing else moves."""
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        joined = []
        for out in cell.get("outputs", []):
            if (out.get("output_type") == "stream" and joined and joined[-1].get("output_type") == "stream"
                    and joined[-1].get("name") == out.get("name")):
                joined[-1]["text"] += out["text"]
            else:
                joined.append(out)
        cell["outputs"] = joined


def execute(path, students=None):
    nb = nbformat.read(path, as_version=4)
    appended = student_cells(students, os.path.basename(path)) if students else []
    nb.cells.extend(appended)
    # shutdown "immediate": once the last cell has replied there is nothing left to save, and JJava's graceful
    # shutdown waits about 3 s per notebook (about 50 s over the series)
    client = NotebookClient(nb, kernel_name="aekit", timeout=CELL_TIMEOUT_S, record_timing=False,
                            shutdown_kernel="immediate", resources={"metadata": {"path": NOTEBOOKS}})
    try:
        client.execute()
        join_streams(nb)
        problems = student_errors(nb, len(appended)) if appended else []
        if problems:
            return nb, (None, "student version: " + "; ".join(problems))
        return nb, None
    except CellExecutionError as e:
        if appended:
            del nb.cells[len(nb.cells) - len(appended):]
        for i, cell in enumerate(nb.cells):
            for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
                if out.get("output_type") == "error":
                    # the exception's own words first (they say what is wrong), then the cell's code
                    return nb, (i, f"{out.get('ename')}: {out.get('evalue')}\n--- cell source ---\n{cell.source}")
        return nb, (None, e)
    except Exception as e:  # the kernel did not start, died, or timed out: still name the notebook
        if appended:
            del nb.cells[len(nb.cells) - len(appended):]
        return nb, (None, f"{type(e).__name__}: {e}")


def main(mode, args):
    students = None
    if "--students" in args:
        i = args.index("--students")
        students, args = args[i + 1], args[:i] + args[i + 2:]
    prefixes = args
    os.makedirs(OUT, exist_ok=True)
    paths = sorted(glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")))
    if prefixes:
        paths = [p for p in paths if os.path.basename(p).startswith(tuple(prefixes))]
    if not paths:
        sys.exit(f"no notebooks found in notebooks/{' starting with ' + ' or '.join(prefixes) if prefixes else ''}")
    failures, timings = [], []
    for path in paths:
        name = os.path.basename(path)
        print(f"[notebooks] running {name} ...", flush=True)
        start = time.time()
        memory = PeakMemory()
        memory.start()
        nb, error = execute(path, students)
        memory.done.set()
        memory.join()
        seconds = time.time() - start
        timings.append((name, seconds, error is None, memory.peak_mb))
        nbformat.write(nb, os.path.join(OUT, name))
        if error is None:
            if mode == "render":
                nbformat.write(nb, path)
            rss = "" if memory.peak_mb is None else f", kernel peak RSS {memory.peak_mb:.0f} MB"
            print(f"[notebooks] ok     {name} ({seconds:.0f} s{rss})", flush=True)
        else:
            cell, exc = error
            failures.append(name)
            where = f"cell {cell}" if cell is not None else "a cell"
            print(f"[notebooks] FAILED {name}, {where} (of {len(nb.cells)}):\n{exc}", flush=True)

    with open(os.path.join(OUT, "timings.md"), "w") as f:
        f.write("| notebook | seconds | kernel peak RSS (MB) | result |\n|---|---:|---:|---|\n")
        for name, seconds, ok, peak in timings:
            f.write(f"| {name} | {seconds:.0f} | {'–' if peak is None else f'{peak:.0f}'} | {'ok' if ok else 'FAILED'} |\n")
    total = sum(t[1] for t in timings)
    print(f"[notebooks] total {total:.0f} s; timings in target/notebooks/timings.md")
    print(f"notebooks: {len(paths) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("test", "render"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
