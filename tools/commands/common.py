"""What every command shares: the kit's paths, its JVM and thread settings, running tools, the virtual environments,
and building the library. Standard library only: this runs under the system's python3, before .venv/ exists."""
import glob
import hashlib
import importlib.util
import os
import re
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
        sys.exit(f"[kit] `{name}` was not found on PATH. Install it first (see README.md, Two commands).")
    return found


def chromium():
    """A Chromium-family browser for the browser tests: AEKIT_CHROMIUM, else Chromium, Chrome or Edge where their
    installers put them (Edge comes with Windows 10 and 11). None if there is none."""
    candidates = [os.environ.get("AEKIT_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                  "chrome", "msedge", "/Applications/Chromium.app/Contents/MacOS/Chromium",
                  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                  "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"]
    for base in ("%ProgramFiles%", "%ProgramFiles(x86)%", "%LocalAppData%"):
        candidates += [os.path.expandvars(base + r"\Google\Chrome\Application\chrome.exe"),
                       os.path.expandvars(base + r"\Microsoft\Edge\Application\msedge.exe")]
    for name in candidates:
        found = name and (shutil.which(name) or (os.path.isfile(name) and name))
        if found:
            return found
    return None


# What to type to get each prerequisite, per system: the message a missing one prints.
INSTALL = {
    "java": ("Java 17 or later (a JDK)", {
        "Debian/Ubuntu": "sudo apt-get install openjdk-17-jdk-headless",
        "Fedora": "sudo dnf install java-17-openjdk-devel",
        "macOS": "brew install --cask temurin@17",
        "Windows": "winget install EclipseAdoptium.Temurin.17.JDK"}),
    "mvn": ("Maven 3.8 or later", {
        "Debian/Ubuntu": "sudo apt-get install maven",
        "Fedora": "sudo dnf install maven",
        "macOS": "brew install maven",
        "Windows": "scoop install maven   (or: choco install maven)"}),
    "venv": ("Python's venv module with pip (ensurepip)", {
        "Debian/Ubuntu": "sudo apt-get install python3-venv",
        "Fedora": "sudo dnf install python3",
        "macOS": "brew install python",
        "Windows": "winget install Python.Python.3.12"}),
    "chromium": ("Chromium, Chrome or Edge, for the browser tests (or set AEKIT_CHROMIUM to its executable)", {
        "Debian/Ubuntu": "sudo apt-get install chromium   (Ubuntu: sudo snap install chromium)",
        "Fedora": "sudo dnf install chromium",
        "macOS": "brew install --cask chromium   (or Google Chrome)",
        "Windows": "Edge is already there; or winget install Google.Chrome"}),
}


def major_version(text, pattern):
    """(major, minor) from a tool's version line, or None."""
    m = re.search(pattern, re.sub(r"\x1b\[[0-9;]*m", "", text))
    return (int(m.group(1)), int(m.group(2) or 0)) if m else None


def missing_prerequisites(browser=False):
    """What the kit needs and this machine lacks, each with what was found: Java 17+, Maven 3.8+, Python 3.9+ with
    venv and pip (only while .venv/ does not exist yet), and, for the tests, a Chromium-family browser. Takes about a
    second (two JVM starts), so `kit.py test` can say what is missing before its first long step."""
    missing = []
    home = os.environ.get("JAVA_HOME")
    java_path = (home and shutil.which("java", path=os.path.join(home, "bin"))) or shutil.which("java")
    if not java_path:
        missing.append(("java", "no `java` on PATH" + (f" nor in JAVA_HOME ({home})" if home else "")))
    else:
        out = subprocess.run([java_path, "-version"], capture_output=True, text=True).stderr
        version = major_version(out, r'version "(\d+)(?:\.(\d+))?')
        if version and version[0] == 1:   # "1.8.0_392" is Java 8
            version = (version[1], 0)
        if not version or version[0] < 17:
            missing.append(("java", f"{java_path} is {out.splitlines()[0] if out else 'of an unknown version'}"))
    mvn = shutil.which("mvn")
    if not mvn:
        missing.append(("mvn", "no `mvn` on PATH"))
    elif java_path:
        out = subprocess.run([mvn, "-v"], capture_output=True, text=True).stdout
        version = major_version(out, r"Apache Maven (\d+)\.(\d+)")
        if not version or version < (3, 8):
            missing.append(("mvn", f"{mvn} is {out.splitlines()[0] if out else 'of an unknown version'}"))
    if sys.version_info < (3, 9):
        missing.append(("venv", f"this is Python {sys.version.split()[0]}; the kit needs 3.9 or later"))
    elif not os.path.exists(venv_python()) and importlib.util.find_spec("ensurepip") is None:
        missing.append(("venv", f"{sys.executable} has no ensurepip, so it cannot make .venv/ with pip"))
    if browser and not chromium():
        missing.append(("chromium", "none found on PATH or where their installers put them"))
    return missing


def check_prerequisites(browser=False):
    """Stops at once, naming every missing prerequisite and how to install it on each system."""
    missing = missing_prerequisites(browser)
    if not missing:
        return
    lines = ["[kit] missing before anything runs:"]
    for key, found in missing:
        what, how = INSTALL[key]
        lines.append(f"  - {what}: {found}. Install it with")
        lines += [f"      {system + ':':15} {line}" for system, line in how.items()]
    lines.append("  then run the same command again (README.md, Two commands).")
    sys.exit("\n".join(lines))


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
