"""How long a student waits for the first chart: kernel start → the first PNG of 00-quickstart, through the real kernel.

    python bench/first_plot.py [RUNS]      inside .venv/ (`python3 kit.py bench --first-plot` runs it)

Each run starts a fresh kernel and runs 00-quickstart's cells in order until one shows a chart, timing the kernel's
start, each cell, and the total. The first run also gets an empty JavaCPP cache, as on a machine where the kit has
never run: ND4J's native libraries are unpacked there once (`~/.javacpp/cache` afterwards); the others are warm.
The last runs wait a few seconds before each cell, as a student reading the notebook does: the kernel's start-up
warms up the JIT compiler in the background (`aekit.fast.Warmup`), and those runs show what that buys the training cell.
"""
import os
import shutil
import sys
import tempfile
import time

import nbformat
from jupyter_client.manager import KernelManager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
READING_SECONDS = 5   # between the kernel being ready and each cell: a student reading the markdown


def run_once(cold, reading=0):
    cache = tempfile.mkdtemp(prefix="javacpp-cold-") if cold else None
    km = KernelManager(kernel_name="aekit")
    if cold:   # an empty cache: what the very first kernel on a machine meets (the kernelspec's env wins over ours)
        km.kernel_spec.argv.insert(1, f"-Dorg.bytedeco.javacpp.cachedir={cache}")
    start = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=300)
    steps = [("kernel start", time.perf_counter() - start)]
    nb = nbformat.read(os.path.join(ROOT, "notebooks", "00-quickstart.ipynb"), as_version=4)
    try:
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            time.sleep(reading)
            t = time.perf_counter()
            msg_id = kc.execute(cell.source)
            chart = False
            while True:
                msg = kc.get_iopub_msg(timeout=300)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] in ("display_data", "execute_result") and "image/png" in msg["content"]["data"]:
                    chart = True
                if msg["msg_type"] == "error":
                    raise RuntimeError(f"cell {i} failed: {msg['content']['evalue']}")
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
            steps.append((f"cell {i}: {cell.source.splitlines()[0][:60]}", time.perf_counter() - t))
            if chart:
                break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        if cache:
            shutil.rmtree(cache, ignore_errors=True)
    return time.perf_counter() - start, steps


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    totals = []
    for r in range(runs):
        total, steps = run_once(cold=(r == 0))
        label = "cold (empty JavaCPP cache)" if r == 0 else "warm"
        print(f"run {r + 1}, {label}: first chart after {total:.1f} s")
        for name, seconds in steps:
            print(f"    {seconds:6.1f} s  {name}")
        if r > 0:
            totals.append(total)
    totals.sort()
    print(f"first chart, warm: median {totals[len(totals) // 2]:.1f} s over {len(totals)} runs (target ≤ 5 s)")
    for r in range(2):
        total, steps = run_once(cold=False, reading=READING_SECONDS)
        print(f"reading run {r + 1}, {READING_SECONDS} s before each cell (not counted in the cells' times):")
        for name, seconds in steps:
            print(f"    {seconds:6.1f} s  {name}")


if __name__ == "__main__":
    main()
