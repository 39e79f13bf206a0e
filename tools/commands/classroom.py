"""assign, grade and book: the classroom commands, each a script in tools/ run with .venv/'s Python."""
from .core import setup, setup_python, tool_script


def assign(args):
    """Student versions of every chapter (nbgrader needs no Java: only .venv/)."""
    setup_python()
    tool_script("classroom.py", "assign", *args)


def grade(args):
    """Grades submissions with the real kernel, so the kernel is set up first."""
    setup()
    tool_script("classroom.py", "grade", *args)


def book(args):
    """The static HTML book from the committed outputs: nothing runs, so only .venv/ is needed."""
    setup_python()
    tool_script("book.py", *args)
