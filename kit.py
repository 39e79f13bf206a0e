#!/usr/bin/env python3
"""aekit's one entry point, the same on Linux, macOS and Windows.

    python3 kit.py lab      set everything up (idempotent), then open the notebooks in JupyterLab
    python3 kit.py test     set up, run the library's unit tests, then execute every notebook with the real kernel
    python3 kit.py setup    set up only: .venv/ with JupyterLab + JJava, the library and its classpath, the kernelspec
    python3 kit.py render   execute every notebook and write the outputs back into notebooks/ (what GitHub shows);
                            `render 03 05` renders only the notebooks whose names start with 03 or 05
    python3 kit.py bench    seconds per training epoch of the library (not part of the tests)

Set-up needs Java 17+, Maven 3.8+ and Python 3.9+; everything else comes from PyPI and Maven Central.
"""
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv

ROOT = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(ROOT, ".venv")
TARGET = os.path.join(ROOT, "target")
KERNEL_NAME = "aekit"
# The kernel JVM: a 2 GB heap, off-heap ND4J memory capped, no windows (charts render to PNG).
# One thread for libnd4j's own ops (and OpenBLAS, which shares OpenMP's setting). Measured on 2 cores: OpenMP's
# fork/join on every small element-wise op costs more than the op (ReLU on 256×128: 0.37 ms with 2 threads,
# 0.03 ms with 1), and 256-row matrix products gain little from a second thread: an epoch runs 2.8× faster.
# It must be set before the native library loads, so it goes into each JVM's environment.
THREADS = {"OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
JVM_OPTS = "-Xmx2g -Dorg.bytedeco.javacpp.maxbytes=2G -Dorg.bytedeco.javacpp.maxphysicalbytes=4G -Djava.awt.headless=true"


def say(msg):
    print(f"[kit] {msg}", flush=True)


def run(cmd, **kw):
    say(" ".join(cmd))
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
            "JJAVA_JVM_OPTS": JVM_OPTS,
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


def bench():
    classpath = build_library()
    run([tool("java"), "-Xmx2g", "-cp", classpath, "aekit.bench.Bench"] + sys.argv[2:], cwd=ROOT, env={**os.environ, **THREADS})


COMMANDS = {"setup": setup, "lab": lab, "test": test, "render": render, "bench": bench}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    try:
        COMMANDS[sys.argv[1]]()
    except subprocess.CalledProcessError as e:
        sys.exit(f"[kit] failed: {' '.join(map(str, e.cmd))} (exit {e.returncode})")
