#!/usr/bin/env python3
"""aekit's one entry point, the same on Linux, macOS and Windows.

    python3 kit.py lab      set everything up (idempotent), then open the notebooks in JupyterLab
    python3 kit.py test     set up, run the library's unit tests, then execute every notebook with the real kernel
    python3 kit.py setup    set up only: .venv/ with JupyterLab + JJava, the library and its classpath, the kernelspec
    python3 kit.py render   execute every notebook and write the outputs back into notebooks/ (what GitHub shows);
                            `render 03 05` renders only the notebooks whose names start with 03 or 05
    python3 kit.py bench    the library against DL4J, Keras and PyTorch, side by side (not part of the tests; ~20 min);
                            `bench --quick` for one seed and 4 epochs, `bench --no-peers` for the library alone

Set-up needs Java 17+, Maven 3.8+ and Python 3.9+; everything else comes from PyPI and Maven Central.
"""
import glob
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import venv

ROOT = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(ROOT, ".venv")
TARGET = os.path.join(ROOT, "target")
KERNEL_NAME = "aekit"
# The kernel JVM stays under 2 GB resident: a 1 GB heap (JShell and charts; the arrays live off-heap), ND4J's off-heap
# arrays capped at 1 GB, and JavaCPP refuses to grow the whole process past 2 GB (an OutOfMemoryError that names the
# limit, instead of the machine swapping). No windows: charts render to PNG.
# One OpenMP thread for libnd4j's own element-wise ops, every core for OpenBLAS's matrix products. Measured on 2 cores:
# OpenMP's fork/join on every small element-wise op costs more than the op (ReLU on 256×128: 0.37 ms with 2 threads,
# 0.03 ms with 1), while OpenBLAS's own threads speed up the 256×784×128 products by a third. ND4J would otherwise give
# OpenBLAS the OpenMP setting (ND4J_SKIP_BLAS_THREADS stops that). OpenBLAS's idle threads spin for 2^28 cycles before
# sleeping; 2^4 cut the system time of a 6-epoch run from 13 s to 5 s. Read when the native library loads, so they go
# into each JVM's environment; a value already set in the environment wins.
THREADS = {
    "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"),
    "ND4J_SKIP_BLAS_THREADS": "1",
    "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", str(os.cpu_count() or 1)),
    "OPENBLAS_THREAD_TIMEOUT": os.environ.get("OPENBLAS_THREAD_TIMEOUT", "4"),
}
JVM_OPTS = "-Xmx1g -Dorg.bytedeco.javacpp.maxbytes=1G -Dorg.bytedeco.javacpp.maxphysicalbytes=2G -Djava.awt.headless=true"


def vector_api():
    """JVM options that let aekit.fast use the Vector API (still an incubating JDK module): the output sigmoid and the
    loss a register at a time. Every JDK 17+ has the module; a trimmed runtime may not, and then the kit runs without."""
    modules = subprocess.run([tool("java"), "--list-modules"], capture_output=True, text=True).stdout
    if "jdk.incubator.vector" in modules:
        return ["--add-modules", "jdk.incubator.vector"]
    say("this Java has no jdk.incubator.vector module: aekit.fast falls back to ND4J for the sigmoid and the loss (slower)")
    return []


def kernel_jvm_opts():
    return os.environ.get("AEKIT_JVM_OPTS", " ".join([JVM_OPTS] + vector_api()))


def say(msg):
    print(f"[kit] {msg}", flush=True)


def run(cmd, **kw):
    line = " ".join(cmd)
    say(line if len(line) < 300 else line[:140] + " … " + line[-140:])   # a classpath is not worth a screenful
    subprocess.run(cmd, check=True, **kw)


def venv_python():
    sub = "Scripts" if os.name == "nt" else "bin"
    return os.path.join(VENV, sub, "python.exe" if os.name == "nt" else "python")


def tool(name):
    found = shutil.which(name)
    if not found:
        sys.exit(f"[kit] `{name}` was not found on PATH. Install it first (see README.md, Requirements).")
    return found


def setup_python():
    """.venv/ with the pinned notebook tooling; pip runs only when requirements.txt changed."""
    req = os.path.join(ROOT, "requirements.txt")
    stamp = os.path.join(VENV, ".aekit-requirements")
    wanted = hashlib.sha256(open(req, "rb").read()).hexdigest()
    if os.path.exists(stamp) and open(stamp).read() == wanted:
        return
    if not os.path.exists(venv_python()):
        say("creating .venv/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    run([venv_python(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", req])
    with open(stamp, "w") as f:
        f.write(wanted)


def build_library():
    """Compiles lib-src/ into target/aekit-*.jar and copies its runtime classpath to target/kit-lib/."""
    for stale in glob.glob(os.path.join(TARGET, "kit-lib", "*.jar")):
        os.remove(stale)   # a dependency dropped from pom.xml must not linger on the kernel's classpath
    run([tool("mvn"), "-q", "-B", "package", "-DskipTests"], cwd=ROOT)
    jars = glob.glob(os.path.join(TARGET, "aekit-*.jar")) + sorted(glob.glob(os.path.join(TARGET, "kit-lib", "*.jar")))
    return os.pathsep.join(jars)


def install_kernelspec(classpath):
    """A kernelspec inside .venv/ (never the user's global Jupyter) that starts JJava with the kit's classpath."""
    jjava = os.path.join(VENV, "share", "jupyter", "kernels", "java")
    if not os.path.exists(os.path.join(jjava, "jjava.jar")):
        sys.exit("[kit] JJava's kernel files are missing from .venv; delete .venv/ and run `python3 kit.py setup` again.")
    dest = os.path.join(VENV, "share", "jupyter", "kernels", KERNEL_NAME)
    os.makedirs(dest, exist_ok=True)
    for name in ("jjava.jar", "jjava-launcher.jar"):
        shutil.copyfile(os.path.join(jjava, name), os.path.join(dest, name))
    java = shutil.which("java", path=os.path.join(os.environ["JAVA_HOME"], "bin")) if os.environ.get("JAVA_HOME") else None
    spec = {
        "argv": [java or tool("java"), "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"],
        "display_name": "Java (aekit)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "JJAVA_CLASSPATH": classpath,
            "JJAVA_STARTUP_SCRIPTS_PATH": os.path.join(ROOT, "notebooks", "startup.jshell"),
            "JJAVA_JVM_OPTS": kernel_jvm_opts(),
            "AEKIT_DATA": os.path.join(ROOT, "data"),
            **THREADS,
        },
        "metadata": {},
    }
    with open(os.path.join(dest, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=2)


def setup():
    tool("java")
    setup_python()
    install_kernelspec(build_library())
    say("set up: kernel 'Java (aekit)' is installed in .venv/")


def jupyter_env():
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.path.join(VENV, "share", "jupyter")
    env["JUPYTER_DATA_DIR"] = os.path.join(VENV, "share", "jupyter")
    return env


def lab():
    setup()
    args = [venv_python(), "-m", "jupyterlab", "--notebook-dir", os.path.join(ROOT, "notebooks")]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")   # containers often run as root; JupyterLab refuses that unless told
    os.execve(venv_python(), args, jupyter_env())


def notebooks(mode, only=()):
    run([venv_python(), os.path.join(ROOT, "tools", "run_notebooks.py"), mode, *only], cwd=ROOT, env=jupyter_env())


def test():
    setup()
    run([tool("mvn"), "-B", "test"], cwd=ROOT)
    notebooks("test")


def render():
    setup()
    notebooks("render", sys.argv[2:])


BENCH_DATA = os.path.join(TARGET, "bench-data")
BENCH_VENV = os.path.join(TARGET, "bench-venv")
BENCH_OUT = os.path.join(ROOT, "bench", "results")
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


def bench_venv():
    """target/bench-venv/ with Keras (tensorflow-cpu) and PyTorch from bench/requirements.txt: benchmark only."""
    py = os.path.join(BENCH_VENV, "Scripts" if os.name == "nt" else "bin", "python.exe" if os.name == "nt" else "python")
    req = os.path.join(ROOT, "bench", "requirements.txt")
    stamp = os.path.join(BENCH_VENV, ".aekit-requirements")
    wanted = hashlib.sha256(open(req, "rb").read()).hexdigest()
    if not (os.path.exists(stamp) and open(stamp).read() == wanted):
        if not os.path.exists(py):
            venv.EnvBuilder(with_pip=True).create(BENCH_VENV)
        run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", req])
        with open(stamp, "w") as f:
            f.write(wanted)
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
    java = subprocess.run([tool("java"), "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": platform.platform(), "java": java,
            "python": platform.python_version()}


def bench():
    """Side-by-side training speed of aekit, DL4J, Keras and PyTorch on the same data (bench/README.md)."""
    args = sys.argv[2:]
    quick = "--quick" in args
    # one model alone: --conv, the convolutional autoencoder (~50 s an epoch for aekit on 60,000 images); --vae, the VAE
    single = "conv" if "--conv" in args else "vae" if "--vae" in args else None
    epochs = 3 if single == "conv" else 10 if single == "vae" else 4 if quick else 10
    seeds = [1] if quick or single else [1, 2, 3]
    models = (single,) if single else ("A", "B")
    out_dir = os.path.join(BENCH_OUT, single) if single else BENCH_OUT
    peers = "--no-peers" not in args
    classpath = build_library()
    env = {**os.environ, **THREADS}
    full = fashion_mnist()
    if full:
        env["AEKIT_FASHION_MNIST"] = full
    os.makedirs(out_dir, exist_ok=True)
    results = os.path.join(TARGET, "bench", f"{single}-results.csv" if single else "results.csv")
    os.makedirs(os.path.dirname(results), exist_ok=True)
    if os.path.exists(results):
        os.remove(results)
    java = [tool("java"), "-Xmx2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=6G"] + vector_api() + ["-cp"]
    run(java + [classpath, "aekit.bench.Bench", "prepare", BENCH_DATA], cwd=ROOT, env=env)
    run(java + [classpath, "aekit.bench.Bench", "ceiling", results], cwd=ROOT, env={**env, "OPENBLAS_NUM_THREADS": "1"})
    run(java + [classpath, "aekit.bench.Bench", "ceiling", results], cwd=ROOT, env={**env, "OPENBLAS_NUM_THREADS": str(os.cpu_count())})
    facts = machine_facts()
    if peers and not single:
        run([tool("mvn"), "-q", "-B", "-P", "dl4j-bench", "package", "-DskipTests"], cwd=ROOT)
        dl4j = os.pathsep.join([os.path.join(TARGET, "bench-dl4j", "aekit-0.1.0.jar")] + sorted(glob.glob(os.path.join(TARGET, "bench-dl4j", "kit-lib", "*.jar"))))
    if peers:
        py = bench_venv()
        facts["peer environment"] = f"target/bench-venv, {folder_mb(BENCH_VENV):,.0f} MB on disk"
    for model in models:
        for seed in seeds:
            args_ = [results, BENCH_DATA, str(epochs), model, str(seed)]
            run(java + [classpath, "aekit.bench.Bench", "aekit"] + args_, cwd=ROOT, env=env)
            if not single:
                # the same run on one thread, measured against the one-thread sgemm ceiling
                run(java + [classpath, "aekit.bench.Bench", "aekit"] + args_ + ["aekit-1-thread"], cwd=ROOT, env={**env, "OPENBLAS_NUM_THREADS": "1"})
            if peers and not single:
                run(java + [dl4j, "aekit.bench.Dl4jBench"] + args_, cwd=ROOT, env=env)
            if peers:
                for impl in ("keras", "torch"):
                    # the peers run as their users would: every core, their own thread settings
                    run([py, os.path.join(ROOT, "bench", "peers.py"), impl, results, str(epochs), model, str(seed)],
                        cwd=ROOT, env={k: v for k, v in os.environ.items() if k not in THREADS})
    with open(os.path.join(TARGET, "bench", "machine.txt"), "w") as f:
        for k, v in facts.items():
            f.write(f"{k}: {v}\n")
        f.write(f"data: {open(os.path.join(BENCH_DATA, 'data.txt')).read().strip()}\n")
        f.write(f"aekit and dl4j threads: OMP_NUM_THREADS={THREADS['OMP_NUM_THREADS']} (element-wise), "
                f"OPENBLAS_NUM_THREADS={THREADS['OPENBLAS_NUM_THREADS']} (matrix products); keras and torch: their defaults\n")
    run(java + [classpath, "aekit.bench.BenchReport", results, os.path.join(TARGET, "bench", "machine.txt"), out_dir], cwd=ROOT, env=env)
    say(f"benchmark report: {os.path.relpath(os.path.join(out_dir, 'README.md'), ROOT)}")


COMMANDS = {"setup": setup, "lab": lab, "test": test, "render": render, "bench": bench}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    try:
        COMMANDS[sys.argv[1]]()
    except subprocess.CalledProcessError as e:
        sys.exit(f"[kit] failed: {' '.join(map(str, e.cmd))} (exit {e.returncode})")
