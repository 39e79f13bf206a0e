"""The classroom side of the kit, on nbgrader: student versions of the chapters and autograding of submissions.

    python tools/classroom.py assign [COURSE]              student versions: COURSE/release/<chapter>/<chapter>.ipynb
    python tools/classroom.py grade SUBMISSIONS [COURSE]   grade SUBMISSIONS/<student>/<chapter>/<chapter>.ipynb
                                                           into COURSE/grades.csv and COURSE/grades.html
    option --timeout SECONDS (grade): the most one cell may run (default 300); a looping cell scores 0, not a hang

COURSE defaults to target/course/. It is an ordinary nbgrader course directory (source/, release/, submitted/,
autograded/, feedback/, gradebook.db), so nbgrader's own commands and its formgrader work on it too.
Run by kit.py inside .venv/, where nbgrader is installed from requirements.txt.

Each chapter's exercises are marked in notebooks/ the nbgrader way: the answer cell holds its solution between
`// BEGIN SOLUTION` and `// END SOLUTION` (the student version keeps only the placeholder before it), the check cell
after it is an autograded test worth one point, and both it and the exercise's prompt are read-only.
"""
import csv
import glob
import html
import json
import os
import re
import shutil
import sys

import nbformat
from traitlets.config import Config

import offline_math

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
DEFAULT_COURSE = os.path.join(ROOT, "target", "course")
STUB = "// YOUR CODE HERE: put your answer in the variable above, in place of its placeholder"


def say(msg):
    print(f"[classroom] {msg}", flush=True)


def chapters():
    """The notebooks that have exercises, by name (an nbgrader assignment per chapter)."""
    names = []
    for path in sorted(glob.glob(os.path.join(NOTEBOOKS, "[0-9][0-9]-*.ipynb"))):
        if any(exercise_role(c) for c in nbformat.read(path, as_version=4).cells):
            names.append(os.path.splitext(os.path.basename(path))[0])
    return names


def exercise_role(cell):
    """'answer', 'check', 'prompt' or None, from the cell's nbgrader metadata."""
    meta = cell.metadata.get("nbgrader", {})
    if meta.get("solution"):
        return "answer"
    if meta.get("grade"):
        return "check"
    if meta.get("locked"):
        return "prompt"
    return None


def restore_deleted_checks_as_java():
    """nbgrader puts a deleted check cell back with its note behind "# ", a Python comment, which Java cannot compile,
    so the restored check would score 0 even after a right answer. The note is written as a Java comment instead."""
    from nbgrader.preprocessors import OverwriteCells
    if getattr(OverwriteCells, "java_comment", False):
        return
    python_only = OverwriteCells.missing_cell_transform

    def transform(self, *args, **kwargs):
        cell = python_only(self, *args, **kwargs)
        if cell.cell_type == "code" and cell.source.startswith("# //"):
            cell.source = cell.source[len("# "):]
        return cell
    OverwriteCells.missing_cell_transform, OverwriteCells.java_comment = transform, True


def api(course, timeout=None):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    c = Config()
    c.CourseDirectory.root = course
    c.ClearSolutions.code_stub = {"java": STUB}
    # the student version keeps every rendered chart and table; only the exercises' outputs go (see clear_exercises)
    c.ClearOutput.enabled = False
    # a student who deletes a check cell gets it back, run against their answer, instead of a free point
    c.OverwriteCells.add_missing_cells = True
    restore_deleted_checks_as_java()
    c.OverwriteCells.missing_cell_notification = "// This cell ({cell_id}) was deleted from the submission; nbgrader put it back.\n"
    if timeout:
        c.Execute.timeout = timeout
    offline_math.configure(c)   # feedback pages typeset their math with the book's KaTeX, inside the page: no CDN
    return NbGraderAPI(CourseDirectory(config=c), config=c)


def ok(result, what):
    if not result.get("success"):
        sys.exit(f"[classroom] {what} failed:\n{result.get('log', '')}\n{result.get('error', '')}")


def clear_exercises(path):
    """The exercise cells of a student version start without outputs: a check's ✓ would give the answer away."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and exercise_role(cell):
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, path)


def assign(course=DEFAULT_COURSE):
    grader = api(course)
    names = chapters()
    for name in names:
        source = os.path.join(course, "source", name)
        os.makedirs(source, exist_ok=True)
        shutil.copyfile(os.path.join(NOTEBOOKS, name + ".ipynb"), os.path.join(source, name + ".ipynb"))
        ok(grader.generate_assignment(name), f"nbgrader generate_assignment {name}")
        clear_exercises(os.path.join(course, "release", name, name + ".ipynb"))
    say(f"student versions of {len(names)} chapters: {os.path.join(course, 'release')}")


def submissions(folder):
    """(student, chapter) pairs found in nbgrader's layout SUBMISSIONS/<student>/<chapter>/<chapter>.ipynb."""
    found = []
    for student in sorted(os.listdir(folder)):
        for name in sorted(os.listdir(os.path.join(folder, student))) if os.path.isdir(os.path.join(folder, student)) else []:
            if os.path.exists(os.path.join(folder, student, name, name + ".ipynb")):
                found.append((student, name))
    return found


def grade(folder, course=DEFAULT_COURSE, timeout=300):
    if not os.path.exists(os.path.join(course, "gradebook.db")):
        say("no gradebook yet: writing the student versions first")
        assign(course)
    if not os.path.isdir(folder):
        sys.exit(f"[classroom] {folder} is not a folder: give the folder of submissions, one subfolder per student")
    known = set(chapters())
    pairs = submissions(folder)
    if not pairs:
        sys.exit(f"[classroom] no submissions in {folder}: expected <student>/<chapter>/<chapter>.ipynb, "
                 f"for example alice/03-forward-pass/03-forward-pass.ipynb")
    grader = api(course, timeout)
    failed = {}
    for student, name in pairs:
        if name not in known:
            sys.exit(f"[classroom] {student}/{name}: not a chapter with exercises ({', '.join(sorted(known))})")
        dest = os.path.join(course, "submitted", student, name)
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(os.path.join(folder, student, name), dest)
        say(f"grading {student}/{name} ...")
        result = grader.autograde(name, student)
        if not result.get("success"):   # not a notebook at all, say: 0 points and the reason, and on to the next
            failed[(student, name)] = last_error(result)
            say(f"{student}/{name} could not be graded: {failed[(student, name)]}")
            continue
        ok(grader.generate_feedback(name, student), f"nbgrader generate_feedback {name} for {student}")
    rows = grade_rows(course, pairs, failed)
    write_tables(rows, course)
    return rows


def last_error(result):
    """The exception that stopped nbgrader (not its own "see the traceback above" wrapper)."""
    lines = [l.strip() for l in (result.get("log", "") + "\n" + result.get("error", "")).splitlines()]
    causes = [l for l in lines if re.match(r"[\w.]+(Error|Exception): ", l) and "NbGraderException" not in l]
    return (causes or ["nbgrader stopped without naming an error"])[-1][:300]


def grade_rows(course, pairs, failed):
    """One row per student × exercise, read back from nbgrader's gradebook; a submission that could not be graded
    gets 0 for each of its chapter's exercises and the reason in the note."""
    from nbgrader.api import Gradebook
    rows = []
    with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gb:
        for student, name in pairs:
            if (student, name) in failed:
                for cell in sorted(gb.find_notebook(name, name).grade_cells, key=lambda c: c.name):
                    rows.append({"student": student, "chapter": name, "exercise": cell.name.replace("-check", ""),
                                 "points": 0.0, "max_points": cell.max_score, "note": failed[(student, name)]})
                continue
            notebook = gb.find_submission_notebook(name, name, student)
            for g in sorted(notebook.grades, key=lambda g: g.name):
                rows.append({"student": student, "chapter": name, "exercise": g.name.replace("-check", ""),
                             "points": g.score, "max_points": g.max_score, "note": ""})
    return rows


def write_tables(rows, course):
    path = os.path.join(course, "grades.csv")
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["student", "chapter", "exercise", "points", "max_points", "note"])
        writer.writeheader()
        writer.writerows(rows)
    # the summary a teacher reads: a student per row, an exercise per column, the total last
    columns = sorted({(r["chapter"], r["exercise"]) for r in rows})
    students = sorted({r["student"] for r in rows})
    score = {(r["student"], r["chapter"], r["exercise"]): r["points"] for r in rows}
    head = "".join(f"<th>{html.escape(c)}<br>{html.escape(e)}</th>" for c, e in columns)
    body = ""
    for s in students:
        cells = [score.get((s, c, e)) for c, e in columns]
        body += (f"<tr><th>{html.escape(s)}</th>" + "".join(f"<td>{'' if p is None else f'{p:g}'}</td>" for p in cells)
                 + f"<td><b>{sum(p or 0 for p in cells):g}</b></td></tr>\n")
    notes = "".join(f"<li>{html.escape(s)}/{html.escape(c)}: not graded, {html.escape(n)}</li>"
                    for s, c, n in sorted({(r["student"], r["chapter"], r["note"]) for r in rows if r["note"]}))
    with open(os.path.join(course, "grades.html"), "w", encoding="utf-8") as f:
        f.write(f"<!doctype html><meta charset=utf-8><title>aekit grades</title>\n"
                f"<style>td,th{{border:1px solid #ccc;padding:4px 8px;text-align:center}}table{{border-collapse:collapse}}</style>\n"
                f"<h1>Grades</h1><p>One point per exercise check; each student's feedback, cell by cell, is in "
                f"feedback/&lt;student&gt;/.</p>\n<table><tr><th>student</th>{head}<th>total</th></tr>\n{body}</table>\n"
                + (f"<ul>{notes}</ul>\n" if notes else ""))
    say(f"grades: {path} and grades.html ({len(students)} students, {len(rows)} exercise results)")


def main(args):
    timeout = 300
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = int(args[i + 1])
        del args[i:i + 2]
    if args[:1] == ["assign"] and len(args) <= 2:
        assign(os.path.abspath(args[1]) if len(args) > 1 else DEFAULT_COURSE)
    elif args[:1] == ["grade"] and 2 <= len(args) <= 3:
        grade(os.path.abspath(args[1]), os.path.abspath(args[2]) if len(args) > 2 else DEFAULT_COURSE, timeout)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
