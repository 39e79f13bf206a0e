"""What every command shares: the kit's paths, its JVM and thread settings, running tools, the virtual environments,
and building the library. Standard library only: this runs under the system's python3, before .venv/ exists."""
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
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
    modules = subprocess.run([java(), "--list-modules"], capture_output=True, text=True).stdout
    if "jdk.incubator.vector" in modules:
        return ["--add-modules", "jdk.incubator.vector"]
    say("this Java has no jdk.incubator.vector module: aekit.fast falls back to ND4J for the sigmoid and the loss (slower)")
    return []


def java():
    """The Java the kit runs on: JAVA_HOME's when it is set (as Maven does), else the first `java` on PATH. To try the
    kit on another JDK: `JAVA_HOME=/path/to/jdk python3 kit.py test`."""
    home = os.environ.get("JAVA_HOME")
    found = home and shutil.which("java", path=os.path.join(home, "bin"))
    return found or tool("java")


# JavaCPP loads ND4J's native code and uses sun.misc.Unsafe; JDK 22 and later print warnings about both on every
# start unless these allow it. Each is passed only to a JDK that knows it (an unknown flag stops the JVM).
NEWER_JDK_FLAGS = ["--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"]


def newer_jdk_flags():
    return [flag for flag in NEWER_JDK_FLAGS
            if subprocess.run([java(), flag, "-version"], capture_output=True).returncode == 0]


def kernel_jvm_opts():
    return os.environ.get("AEKIT_JVM_OPTS", " ".join([JVM_OPTS] + vector_api() + newer_jdk_flags()))


def say(msg):
    print(f"[kit] {msg}", flush=True)


def run(cmd, **kw):
    line = " ".join(cmd)
    say(line if len(line) < 300 else line[:140] + " … " + line[-140:])   # a classpath is not worth a screenful
    subprocess.run(cmd, check=True, **kw)


def venv_python(venv_dir=VENV):
    sub = "Scripts" if os.name == "nt" else "bin"
    return os.path.join(venv_dir, sub, "python.exe" if os.name == "nt" else "python")


def tool(name):
    found = shutil.which(name)
    if not found:
        sys.exit(f"[kit] `{name}` was not found on PATH. Install it first (see README.md, Requirements).")
    return found


def install_requirements(python, requirements, venv_dir):
    """A virtual environment at venv_dir with the pinned packages of a requirements file; pip runs only when that
    file changed since the last install (a stamp per file)."""
    stamp = os.path.join(venv_dir, ".aekit-" + os.path.basename(requirements))
    wanted = hashlib.sha256(open(requirements, "rb").read()).hexdigest()
    if os.path.exists(stamp) and open(stamp).read() == wanted:
        return
    if not os.path.exists(python):
        say(f"creating {os.path.relpath(venv_dir, ROOT)}/")
        venv.EnvBuilder(with_pip=True).create(venv_dir)
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements])
    with open(stamp, "w") as f:
        f.write(wanted)


def build_library():
    """Compiles lib-src/ into target/aekit-*.jar and copies its runtime classpath to target/kit-lib/."""
    for stale in glob.glob(os.path.join(TARGET, "kit-lib", "*.jar")):
        os.remove(stale)   # a dependency dropped from pom.xml must not linger on the kernel's classpath
    run([tool("mvn"), "-q", "-B", "package", "-DskipTests"], cwd=ROOT)
    jars = glob.glob(os.path.join(TARGET, "aekit-*.jar")) + sorted(glob.glob(os.path.join(TARGET, "kit-lib", "*.jar")))
    return os.pathsep.join(jars)


def jupyter_env():
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.path.join(VENV, "share", "jupyter")
    env["JUPYTER_DATA_DIR"] = os.path.join(VENV, "share", "jupyter")
    # the venv's own commands first: nbgrader runs `alembic` from PATH
    env["PATH"] = os.path.dirname(venv_python()) + os.pathsep + env.get("PATH", "")
    return env
