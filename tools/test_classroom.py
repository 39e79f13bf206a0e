"""Tests of `kit.py assign` and `kit.py grade`, run by `kit.py test` inside .venv/ (before the notebooks, which then
use the student versions written here).

1. The student versions: no solution text survives, the exercise cells start without outputs, every other cell is
   the rendered chapter unchanged. (That every check fails on the placeholders is proved for every chapter by
   `run_notebooks.py test --students`.)
2. Grading with the real kernel: five fixture submissions of one chapter, made from its student version the way
   students make them (all correct, all empty, one wrong answer behind an edited check, an infinite loop, two deleted
   check cells, a file that is not a notebook), graded with a short per-cell timeout; the points of every student × exercise are asserted.
"""
import csv
import os
import shutil
import sys
import time

import nbformat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import report  # noqa: E402
import classroom  # noqa: E402

WORK = os.path.join(classroom.ROOT, "target", "classroom-test")
COURSE = os.path.join(WORK, "course")
SUBMITTED = os.path.join(WORK, "submissions")
CHAPTER = "03-forward-pass"   # the quickest chapter with exercises (about 8 s)


def role(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def solution_lines(cell):
    """The lines between the solution markers of a source answer cell."""
    lines = cell.source.splitlines()
    begin = next(i for i, l in enumerate(lines) if "BEGIN SOLUTION" in l)
    end = next(i for i, l in enumerate(lines) if "END SOLUTION" in l)
    return [l.strip() for l in lines[begin + 1:end] if l.strip()]


def check_student_versions():
    problems = []
    for name in classroom.chapters():
        source = nbformat.read(os.path.join(classroom.NOTEBOOKS, name + ".ipynb"), as_version=4)
        student = nbformat.read(os.path.join(COURSE, "release", name, name + ".ipynb"), as_version=4)
        if len(source.cells) != len(student.cells):
            problems.append(f"{name}: {len(student.cells)} cells in the student version, {len(source.cells)} in the chapter")
            continue
        answers = 0
        for i, (a, b) in enumerate(zip(source.cells, student.cells)):
            if classroom.exercise_role(a) == "answer":
                answers += 1
                leaked = [l for l in solution_lines(a) if l in b.source]
                if leaked or "SOLUTION" in b.source:
                    problems.append(f"{name} cell {i}: solution text in the student version: {leaked or b.source}")
                if b.source.splitlines()[0] != a.source.splitlines()[0]:
                    problems.append(f"{name} cell {i}: the placeholder line changed")
            elif a.source != b.source:
                problems.append(f"{name} cell {i}: changed in the student version")
            if a.cell_type == "code":
                if classroom.exercise_role(a) and (b.outputs or b.execution_count):
                    problems.append(f"{name} cell {i}: an exercise cell keeps its outputs")
                if not classroom.exercise_role(a) and b.outputs != a.outputs:
                    problems.append(f"{name} cell {i}: the rendered outputs were not kept")
        if answers != 3:
            problems.append(f"{name}: {answers} answer cells, expected 3")
    return problems


def fixture(student, edit):
    """A submission made from the student version: edit(cells by grade_id, notebook) changes it in place."""
    nb = nbformat.read(os.path.join(COURSE, "release", CHAPTER, CHAPTER + ".ipynb"), as_version=4)
    edit({role(c): c for c in nb.cells if role(c)}, nb)
    folder = os.path.join(SUBMITTED, student, CHAPTER)
    os.makedirs(folder, exist_ok=True)
    nbformat.write(nb, os.path.join(folder, CHAPTER + ".ipynb"))


def answer_all(cells, nb):
    """What a student who gets everything right writes: the source's solution below each placeholder."""
    source = nbformat.read(os.path.join(classroom.NOTEBOOKS, CHAPTER + ".ipynb"), as_version=4)
    for c in source.cells:
        if classroom.exercise_role(c) == "answer":
            cells[role(c)].source = c.source.splitlines()[0] + "\n" + "\n".join(solution_lines(c))


def one_wrong(cells, nb):
    """A wrong answer to exercise 2, and its check cell edited to pass anyway: nbgrader restores the check."""
    answer_all(cells, nb)
    cells["exercise2-answer"].source += "\nanswer2 = 32 * 128;   // forgot the biases"
    cells["exercise2-check"].source = 'Expect.that("exercise 2, as the student edited it", true);'
    cells["exercise2-check"].metadata.pop("editable", None)


def infinite_loop(cells, nb):
    answer_all(cells, nb)
    cells["exercise1-answer"].source = "long[] answer1 = null;\nwhile (true) { }"


def deleted_checks(cells, nb):
    """Two check cells deleted: exercise 1's after a right answer, exercise 3's after a wrong one. Both come back."""
    answer_all(cells, nb)
    cells["exercise3-answer"].source += "\nanswer3Relu = -3;   // wrong"
    nb.cells.remove(cells["exercise1-check"])
    nb.cells.remove(cells["exercise3-check"])


EXPECTED = {   # student → points for exercises 1, 2, 3
    "all-correct": (1, 1, 1),
    "all-empty": (0, 0, 0),
    "one-wrong": (1, 0, 1),
    "infinite-loop": (0, 1, 1),
    "deleted-checks": (1, 1, 0),
    "not-a-notebook": (0, 0, 0),
}


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    classroom.assign(COURSE)
    problems = check_student_versions()
    print(f"[test_classroom] student versions of {len(classroom.chapters())} chapters: "
          f"{'ok' if not problems else str(len(problems)) + ' problems'}", flush=True)

    fixture("all-correct", answer_all)
    fixture("all-empty", lambda cells, nb: None)
    fixture("one-wrong", one_wrong)
    fixture("infinite-loop", infinite_loop)
    fixture("deleted-checks", deleted_checks)
    broken = os.path.join(SUBMITTED, "not-a-notebook", CHAPTER)   # a file saved from the wrong program
    os.makedirs(broken, exist_ok=True)
    with open(os.path.join(broken, CHAPTER + ".ipynb"), "w") as f:
        f.write("my answers: 1) 64 x 128  2) 4224  3) 0.5 and 0")
    start = time.time()
    classroom.grade(SUBMITTED, COURSE, timeout=20)
    with open(os.path.join(COURSE, "grades.csv")) as f:
        table = list(csv.DictReader(f))
    got = {(r["student"], r["exercise"]): float(r["points"]) for r in table}
    if not all(r["note"] for r in table if r["student"] == "not-a-notebook"):
        problems.append("grade: the submission that is not a notebook has no note saying why it scored 0")
    for student, points in EXPECTED.items():
        for n, want in enumerate(points, 1):
            have = got.get((student, f"exercise{n}"))
            if have != want:
                problems.append(f"grade: {student} exercise {n} scored {have}, expected {want}")
    for student in EXPECTED:
        if student != "not-a-notebook" and not os.path.exists(os.path.join(COURSE, "feedback", student, CHAPTER, CHAPTER + ".html")):
            problems.append(f"grade: no feedback page for {student}")
    print(f"[test_classroom] graded {len(EXPECTED)} fixture submissions in {time.time() - start:.0f} s: "
          f"{'as expected' if not [p for p in problems if p.startswith('grade')] else 'WRONG'}", flush=True)
    return report("classroom", problems)


if __name__ == "__main__":
    sys.exit(main())
