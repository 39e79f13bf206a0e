"""Every measured number in a chapter's prose must come out of a chapter: a check of the committed notebooks.

A number in a markdown cell passes when one of these shows it, after rounding to the digits the prose gives
(13.5 dB ← 13.52; 46× ← 45.98; 11% ← 0.1057; 1,000 ← 1000):
  - the notebook's own outputs or code (settings such as 3,000 digits or 6 epochs come from the code);
  - the outputs of a chapter the same paragraph names ("chapter 13 puts the mean image at 11.71");
  - the chapter's own list of quoted numbers, in its notebook metadata (`"aekit": {"quoted": [{"number": "0.094",
    "source": "the Keras blog, …"}]}`): numbers from elsewhere (a paper, the blog, the dataset's documentation), each
    with where it comes from. A quoted number without a source fails too.
Not checked: formulas ($…$), inline code, citations (§1.5, seed 000, file names), chapter and exercise numbers,
years, list and heading numbers, and numbers up to 10 (too common to tell anything).

    python3 tools/prose_numbers.py            check notebooks/, print what is not backed, exit 1 if anything
    python3 tools/prose_numbers.py 15 16      only the notebooks whose names start with these
Standard library only (run by kit.py test with the system's python3).
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")

NUMBER = re.compile(r"(?<![\w.])[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-−+]?\d+)?(?![\w])")
# what prose cites rather than measures; removed before numbers are read
NOT_MEASURED = [
    re.compile(r"\$\$.*?\$\$", re.S), re.compile(r"\$[^$\n]+\$"),          # formulas
    re.compile(r"`[^`]*`"),                                                  # code
    re.compile(r"\]\([^)]*\)"), re.compile(r"https?://\S+"),                # link targets
    re.compile(r"\d{3}_[0-9a-f]{16}\.txt"),                                  # seed file names
    re.compile(r"§\s*[\d.()]+(?:\s*[–,-]\s*[\d.()]+)*"), re.compile(r"§\s*\(\d+(?:\.\d+)*\)"),
    re.compile(r"\bseeds?\s+\d{3}(?:\s*(?:,|and|–)\s*\d{3})*", re.I),
    re.compile(r"\b(?:chapters?|notebooks?|cells?|exercises?|parts?|steps?|sections?|figures?|issue)\s+\d+(?:\s*(?:,|and|or|–|-)\s*\d+)*", re.I),
    re.compile(r"^\s*#+\s*\d+\s*·", re.M), re.compile(r"^\s*\d+\.\s", re.M),  # headings, numbered lists
    re.compile(r"\b(?:1[89]|20)\d\d\b"),                                     # years
    re.compile(r"\b\d+(?:\.\d+)?-D\b"), re.compile(r"\b\d+×\d+(?:×\d+)*\b"),  # "2-D", "28×28" are shapes
]
REFERENCE_COLUMNS = re.compile(r"^\s*(chapters?|seeds?|shown in|§|section|part|notebook)\s*$", re.I)
CHAPTER_REF = re.compile(r"\bchapters?\s+(\d+(?:\s*(?:,|and|or|–|-)\s*\d+)*)", re.I)


def without_reference_columns(text):
    """A markdown table's columns that name chapters, seeds or sections hold references, not measurements: blanked."""
    out, blank = [], set()
    for line in text.split("\n"):
        if not line.lstrip().startswith("|"):
            blank = set()
            out.append(line)
            continue
        cells = line.split("|")
        if not blank and not re.match(r"^\s*\|?\s*:?-", line):
            header = {i for i, c in enumerate(cells) if REFERENCE_COLUMNS.match(c)}
            if header:
                blank = header
                out.append(line)
                continue
        out.append("|".join(" " if i in blank else c for i, c in enumerate(cells)))
    return "\n".join(out)


def as_float(token):
    t = token.replace(",", "").replace("−", "-").replace("+", "")
    try:
        return float(t)
    except ValueError:
        return None


def decimals(token):
    t = token.replace(",", "")
    if "e" in t.lower():
        return None
    return len(t.split(".")[1]) if "." in t else 0


def cell_text(cell):
    return "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else cell.get("source", "")


def output_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append("".join(out.get("text", "")))
        for kind in ("text/plain", "text/html"):
            value = out.get("data", {}).get(kind)
            if value:
                parts.append("".join(value) if isinstance(value, list) else value)
    return "\n".join(parts)


def numbers_in(text):
    found = set()
    for m in NUMBER.finditer(text):
        v = as_float(m.group())
        if v is not None:
            found.add(abs(v))
    return found


def produced(path):
    """Every number the notebook's outputs and code show."""
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    values = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            values |= numbers_in(cell_text(cell)) | numbers_in(output_text(cell))
    return values


def backed(token, values):
    v, d = as_float(token), decimals(token)
    if v is None:
        return True
    v = abs(v)
    for c in values:
        for scaled in (c, c * 100):                      # 11% from 0.1057
            if d is None:
                if abs(scaled - v) <= 1e-9 + 1e-3 * v:
                    return True
            elif round(scaled, d) == round(v, d) or (d == 0 and v >= 100 and abs(scaled - v) <= 0.005 * v):
                return True
    return False


def chapter_paths():
    return {os.path.basename(p)[:2]: p for p in glob.glob(os.path.join(NOTEBOOKS, "[0-9][0-9]-*.ipynb"))}


def quoted_numbers(nb, name):
    """The chapter's quoted numbers, and a problem for each that does not say where it comes from."""
    quoted = nb.get("metadata", {}).get("aekit", {}).get("quoted", [])
    problems = [f"{name}: quoted number {q.get('number')!r} has no source" for q in quoted if not str(q.get("source", "")).strip()]
    return {str(q.get("number")) for q in quoted if str(q.get("source", "")).strip()}, problems


def check(path, chapters, outputs_of):
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    own = outputs_of(path)
    quoted, problems = quoted_numbers(nb, name)
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        for paragraph in re.split(r"\n\s*\n", cell_text(cell)):
            others = set()
            for m in CHAPTER_REF.finditer(paragraph):
                for ref in re.findall(r"\d+", m.group(1)):
                    if ref.zfill(2) in chapters:
                        others |= outputs_of(chapters[ref.zfill(2)])
            text = without_reference_columns(paragraph)
            for pattern in NOT_MEASURED:
                text = pattern.sub(" ", text)
            for m in NUMBER.finditer(text):
                token = m.group()
                v = as_float(token)
                if v is None or abs(v) <= 10 and decimals(token) == 0:
                    continue
                if backed(token, own) or backed(token, others):
                    continue
                if token.lstrip("+-−") in quoted:
                    continue
                start = max(0, m.start() - 60)
                problems.append(f"{name} cell {i}: {token!r} in “…{text[start:m.end() + 40].strip()}…”".replace("\n", " "))
    return problems


def main(prefixes):
    chapters = chapter_paths()
    cache = {}

    def outputs_of(path):
        if path not in cache:
            cache[path] = produced(path)
        return cache[path]

    problems = []
    for key in sorted(chapters):
        if prefixes and not key.startswith(tuple(prefixes)):
            continue
        problems += check(chapters[key], chapters, outputs_of)
    for p in problems:
        print("[prose] not shown by any output:", p)
    print(f"prose numbers: {len(problems)} not backed by an output, in {len(chapters)} chapters")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
