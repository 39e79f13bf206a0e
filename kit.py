#!/usr/bin/env python3
"""aekit's one entry point, the same on Linux, macOS and Windows.

    python3 kit.py lab      set everything up (idempotent), then open the notebooks in a student's JupyterLab;
                            extra arguments go to JupyterLab (`lab --port 8890 --no-browser`); `lab --teacher`
                            adds nbgrader's teacher tools (Nbgrader menu, Create Assignment, formgrader)
    python3 kit.py test     check the prerequisites, set up, then run every test: the library's unit tests,
                            JupyterLab in a browser, the classroom commands on fixture submissions and their
                            feedback pages, every notebook with the real kernel, and the book in a browser
    python3 kit.py setup    set up only: .venv/ with JupyterLab + JJava + nbgrader, the library and its classpath,
                            the kernelspec
    python3 kit.py render   execute every notebook and write the outputs back into notebooks/ (what GitHub shows);
                            `render 03 05` renders only the notebooks whose names start with 03 or 05
    python3 kit.py assign   the student version of every chapter, solutions removed (nbgrader): target/course/release/
    python3 kit.py grade DIR    grade submitted notebooks, DIR/<student>/<chapter>/<chapter>.ipynb, with the real
                            kernel: target/course/grades.csv and grades.html; `--timeout S` per cell (default 300)
    python3 kit.py book     the chapters as a static HTML site from their committed outputs: target/book/index.html
    python3 kit.py pretrain [NAME ...]   train the models the chapters load (data/models/) again from their recipes
                            (aekit.pretrained.Pretrained); all of them take about 30 minutes on 2 cores
    python3 kit.py bench    the library against DL4J, Keras and PyTorch, side by side (not part of the tests; ~20 min);
                            `bench --quick` for one seed and 4 epochs, `bench --no-peers` for the library alone,
                            `bench --first-plot` for the time from kernel start to the first chart,
                            `bench --profile` for one training batch, phase by phase; reports go to
                            target/bench/results/, and `bench --publish` copies them into bench/results/

Set-up needs Java 17+, Maven 3.8+ and Python 3.9+, and the tests a Chromium, Chrome or Edge; everything else comes
from PyPI, Maven Central and npm.
The commands live in tools/commands/ (core: setup, lab, test, render; classroom: assign, grade, book; pretrain; bench).
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools"))
from commands import bench, classroom, core, pretrain  # noqa: E402

COMMANDS = {"setup": core.setup, "lab": core.lab, "test": core.test, "render": core.render,
            "assign": classroom.assign, "grade": classroom.grade, "book": classroom.book, "bench": bench.bench,
            "pretrain": pretrain.pretrain}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    try:
        COMMANDS[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as e:
        sys.exit(f"[kit] failed: {' '.join(map(str, e.cmd))} (exit {e.returncode})")
