"""How the kit's test scripts end: each problem on its own line, one summary line ("book: passed"), and the exit
code that makes `kit.py test` stop."""


def report(name, problems):
    for p in problems:
        print(f"[test_{name}] FAILED {p}", flush=True)
    print(f"{name}: {'passed' if not problems else 'failed'}", flush=True)
    return 1 if problems else 0
