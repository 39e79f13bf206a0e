"""bench: aekit against DL4J, Keras and PyTorch on the same data, side by side (see bench/README.md).

A run writes its report under target/bench/results/, so benchmarking never changes a tracked file; `bench --publish`
is the separate step that copies the reports found there into bench/results/, the figures the README quotes."""
import glob
import hashlib
import os
import platform
import shutil
import subprocess
import sys

from .common import (ROOT, TARGET, THREADS, install_requirements, java, jupyter_env, newer_jdk_flags, run, say, tool,
                     vector_api, venv_python)

BENCH_DATA = os.path.join(TARGET, "bench-data")
# the peers on the dense models, from the seeds' Keras code and a beginner's PyTorch loop to PyTorch as an expert
# writes it (fused loss, fused Adam, torch.compile) and Keras under XLA: bench/peers.py says what each one is
DENSE_PEERS = ("keras", "keras-xla", "torch", "torch-fused", "torch-compile")
BENCH_VENV = os.path.join(TARGET, "bench-venv")
BENCH_OUT = os.path.join(TARGET, "bench", "results")     # what a run writes: the reports, each in its folder
PUBLISHED = os.path.join(ROOT, "bench", "results")       # what `bench --publish` copies them to (tracked)
# the reports a run can leave in BENCH_OUT: the dense models' (top level), --conv's, --vae's, --profile's
REPORTS = (["README.md", "results.csv", "machine.txt", "seconds-per-epoch.png"], "conv", "vae", ["profile.md"])
FASHION_DIRS = [os.environ.get("AEKIT_FASHION_MNIST", ""), "/usr/share/datasets/fashion-mnist", os.path.join(BENCH_DATA, "fashion-mnist")]
# SHA-256 of the uncompressed Fashion-MNIST training images as Debian's dataset-fashion-mnist
# 0.0~git20200523.55506a9-1 ships them (its t10k file is byte-identical to the kit's data/ copy).
FASHION_TRAIN_SHA256 = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"


def sha256_unzipped(path):
    import gzip
    h = hashlib.sha256()
    with gzip.open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fashion_mnist():
    """The full Fashion-MNIST for the benchmark: installed, or unpacked from Debian's package (no root needed)."""
    for d in FASHION_DIRS:
        if d and os.path.exists(os.path.join(d, "train-images-idx3-ubyte.gz")):
            return d
    if not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
        say("full Fashion-MNIST not found and this is not a Debian-like system: the benchmark uses the shipped sets")
        return None
    work = os.path.join(BENCH_DATA, "deb")
    os.makedirs(work, exist_ok=True)
    try:
        run(["apt-get", "download", "dataset-fashion-mnist"], cwd=work)
        deb = glob.glob(os.path.join(work, "dataset-fashion-mnist_*.deb"))[0]
        run(["dpkg-deb", "-x", deb, os.path.join(work, "x")])
    except (subprocess.CalledProcessError, IndexError):
        say("could not fetch Debian's dataset-fashion-mnist: the benchmark uses the shipped sets")
        return None
    dest = os.path.join(BENCH_DATA, "fashion-mnist")
    shutil.copytree(os.path.join(work, "x", "usr", "share", "datasets", "fashion-mnist"), dest, dirs_exist_ok=True)
    got = sha256_unzipped(os.path.join(dest, "train-images-idx3-ubyte.gz"))
    if got != FASHION_TRAIN_SHA256:
        sys.exit(f"[kit] {dest}/train-images-idx3-ubyte.gz unpacks to SHA-256 {got}, expected {FASHION_TRAIN_SHA256}: delete it and retry")
    return dest


def build_bench():
    """The library with the benchmark's own Java (bench/java: Bench, BenchReport, Profile), built by the Maven profile
    `bench` into target/bench-build/: the kit's jar and the notebooks' classpath in target/kit-lib/ never hold it."""
    out = os.path.join(TARGET, "bench-build")
    for stale in glob.glob(os.path.join(out, "kit-lib", "*.jar")):
        os.remove(stale)   # a dependency dropped from pom.xml must not linger on the benchmark's classpath
    run([tool("mvn"), "-q", "-B", "-P", "bench", "package", "-Dmaven.test.skip=true"], cwd=ROOT)
    jars = glob.glob(os.path.join(out, "aekit-*.jar")) + sorted(glob.glob(os.path.join(out, "kit-lib", "*.jar")))
    return os.pathsep.join(jars)


def bench_venv():
    """target/bench-venv/ with Keras (tensorflow-cpu) and PyTorch from bench/requirements.txt: benchmark only."""
    py = venv_python(BENCH_VENV)
    install_requirements(py, os.path.join(ROOT, "bench", "requirements.txt"), BENCH_VENV)
    return py


def folder_mb(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            fp = os.path.join(dirpath, name)
            if not os.path.islink(fp):
                total += os.path.getsize(fp)
    return total / 1e6


def machine_facts():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        mem = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        mem = "?"
    java_version = subprocess.run([java(), "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": platform.platform(), "java": java_version,
            "python": platform.python_version()}


def publish():
    """Copies the reports that runs left in target/bench/results/ into bench/results/, saying which and from when."""
    copied = []
    for report in REPORTS:
        names = [report] if isinstance(report, str) else report
        for name in names:
            src = os.path.join(BENCH_OUT, name)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(PUBLISHED, name), dirs_exist_ok=True)
            elif os.path.isfile(src):
                shutil.copyfile(src, os.path.join(PUBLISHED, name))
            else:
                continue
            copied.append(name)
    if not copied:
        sys.exit(f"[kit] nothing to publish: {os.path.relpath(BENCH_OUT, ROOT)}/ holds no report; run `python3 kit.py bench` first")
    for name in copied:
        report = os.path.join(BENCH_OUT, name, "README.md") if os.path.isdir(os.path.join(BENCH_OUT, name)) else os.path.join(BENCH_OUT, name)
        written = next((line.strip() for line in open(report, encoding="utf-8") if line.startswith("Written by")), "") if report.endswith(".md") else ""
        say(f"published {os.path.relpath(os.path.join(PUBLISHED, name), ROOT)}" + (f": {written}" if written else ""))
    say("review with `git diff bench/results/`, then commit")


def bench(args):
    """Side-by-side training speed of aekit, DL4J, Keras and PyTorch on the same data (bench/README.md)."""
    if "--publish" in args:   # the explicit step that changes tracked files: no benchmark runs
        publish()
        return
    if "--profile" in args:   # one batch, phase by phase, models A and B: in two halves, then in one piece on every core and on one
        classpath = build_bench()
        java_cmd = [java(), "-Xmx2g"] + vector_api() + newer_jdk_flags() + ["-cp", classpath, "aekit.bench.Bench"]
        out = []
        for model in ("A", "B"):
            runs = [("profile-halves", {})]   # as the trainer runs it: two halves of each batch, one per core
            runs += [("profile", {"OPENBLAS_NUM_THREADS": threads}) for threads in (str(os.cpu_count()), "1")]   # splitBatches(false)
            for mode, threads in runs:
                out.append(subprocess.run(java_cmd + [mode, BENCH_DATA, model], cwd=ROOT, env={**os.environ, **THREADS, **threads},
                                          check=True, capture_output=True, text=True).stdout)
        os.makedirs(BENCH_OUT, exist_ok=True)
        with open(os.path.join(BENCH_OUT, "profile.md"), "w") as f:
            f.write("# One training batch, phase by phase\n\nWritten by `python3 kit.py bench --profile` (aekit.bench.Profile).\n\n" + "\n".join(out))
        say(f"profile: {os.path.relpath(os.path.join(BENCH_OUT, 'profile.md'), ROOT)}")
        return
    if "--first-plot" in args:   # kernel start → the first chart of 00-quickstart, cold and warm
        from .core import setup
        setup()
        run([venv_python(), os.path.join(ROOT, "bench", "first_plot.py")], cwd=ROOT, env=jupyter_env())
        return
    quick = "--quick" in args
    # one model alone: --conv, the convolutional autoencoder (~50 s an epoch for aekit on 60,000 images); --vae, the VAE
    single = "conv" if "--conv" in args else "vae" if "--vae" in args else None
    epochs = 3 if single == "conv" else 10 if single == "vae" else 4 if quick else 6
    seeds = [1] if quick or single else [1, 2, 3]
    models = (single,) if single else ("A", "B")
    out_dir = os.path.join(BENCH_OUT, single) if single else BENCH_OUT
    peers = "--no-peers" not in args
    classpath = build_bench()
    env = {**os.environ, **THREADS}
    full = fashion_mnist()
    if full:
        env["AEKIT_FASHION_MNIST"] = full
    os.makedirs(out_dir, exist_ok=True)
    results = os.path.join(TARGET, "bench", f"{single}-results.csv" if single else "results.csv")
    os.makedirs(os.path.dirname(results), exist_ok=True)
    if os.path.exists(results):
        os.remove(results)
    java_cmd = [java(), "-Xmx2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=6G"] + vector_api() + newer_jdk_flags() + ["-cp"]
    run(java_cmd + [classpath, "aekit.bench.Bench", "prepare", BENCH_DATA], cwd=ROOT, env=env)
    facts = machine_facts()
    if peers and not single:
        run([tool("mvn"), "-q", "-B", "-P", "dl4j-bench", "package", "-Dmaven.test.skip=true"], cwd=ROOT)
        dl4j = os.pathsep.join([os.path.join(TARGET, "bench-dl4j", "aekit-0.1.0.jar")] + sorted(glob.glob(os.path.join(TARGET, "bench-dl4j", "kit-lib", "*.jar"))))
    if peers:
        py = bench_venv()
        facts["peer environment"] = f"target/bench-venv, {folder_mb(BENCH_VENV):,.0f} MB on disk"
    for model in models:
        for seed in seeds:
            # the sgemm ceiling before each model and seed, on one thread and on every core: on a shared VM one
            # measurement can be a third off (84 against 126-151 GFLOP/s within an hour), so the report takes the median
            for threads in ("1", str(os.cpu_count())):
                run(java_cmd + [classpath, "aekit.bench.Bench", "ceiling", results], cwd=ROOT, env={**env, "OPENBLAS_NUM_THREADS": threads})
            args_ = [results, BENCH_DATA, str(epochs), model, str(seed)]
            run(java_cmd + [classpath, "aekit.bench.Bench", "aekit"] + args_, cwd=ROOT, env=env)
            if not single:
                # the same run on one thread, measured against the one-thread sgemm ceiling
                run(java_cmd + [classpath, "aekit.bench.Bench", "aekit"] + args_ + ["aekit-1-thread"], cwd=ROOT, env={**env, "OPENBLAS_NUM_THREADS": "1"})
            if peers and not single:
                run(java_cmd + [dl4j, "aekit.bench.Dl4jBench"] + args_, cwd=ROOT, env=env)
            if peers:
                # the peers as their users write them; each dense-model configuration at one thread and at every
                # core, so that the report compares aekit with each at its best
                configurations = DENSE_PEERS if not single else ("keras", "torch")
                for impl in configurations:
                    for threads in ([1, os.cpu_count()] if not single else [None]):
                        run([py, os.path.join(ROOT, "bench", "peers.py"), impl, results, str(epochs), model, str(seed)]
                            + ([str(threads)] if threads else []),
                            cwd=ROOT, env={k: v for k, v in os.environ.items() if k not in THREADS})
    with open(os.path.join(TARGET, "bench", "machine.txt"), "w") as f:
        for k, v in facts.items():
            f.write(f"{k}: {v}\n")
        f.write(f"data: {open(os.path.join(BENCH_DATA, 'data.txt')).read().strip()}\n")
        f.write(f"aekit and dl4j threads: OMP_NUM_THREADS={THREADS['OMP_NUM_THREADS']} (element-wise), "
                f"OPENBLAS_NUM_THREADS={THREADS['OPENBLAS_NUM_THREADS']} (matrix products); keras and torch: their defaults\n")
    run(java_cmd + [classpath, "aekit.bench.BenchReport", results, os.path.join(TARGET, "bench", "machine.txt"), out_dir], cwd=ROOT, env=env)
    say(f"benchmark report: {os.path.relpath(os.path.join(out_dir, 'README.md'), ROOT)}; "
        "`python3 kit.py bench --publish` copies it to bench/results/")
