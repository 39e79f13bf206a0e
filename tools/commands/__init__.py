"""The commands of kit.py, one module per group: core (setup, lab, test, render), classroom (assign, grade,
book) and bench."""
