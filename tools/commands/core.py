"""setup, lab, test and render: the kit's set-up and the notebooks."""
import json
import os
import shutil
import sys

from .common import (KERNEL_NAME, ROOT, THREADS, VENV, build_library, check_prerequisites, install_requirements, java,
                     jupyter_env, kernel_jvm_opts, run, say, tool, venv_python)

TEST_COURSE = os.path.join(ROOT, "target", "classroom-test", "course")
# nbgrader's teacher tools in JupyterLab: its menu (formgrader, course list, assignment list), the Create Assignment
# sidebar, and the server extensions behind them. A student's lab (`kit.py lab`) has none of them, only the Validate
# button; `kit.py lab --teacher` has them all. The classroom commands (assign, grade) run nbgrader's CLI and need none.
TEACHER_PLUGINS = ["@jupyter/nbgrader:menu", "@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader",
                   "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:assignment-list"]
TEACHER_SERVER_EXTENSIONS = ["nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list",
                             "nbgrader.server_extensions.assignment_list"]
TEACHER_CONFIG = os.path.join(VENV, "etc", "aekit-teacher")   # added to JUPYTER_CONFIG_PATH by `lab --teacher`


def setup_python():
    """.venv/ with the pinned notebook tooling from requirements.txt."""
    install_requirements(venv_python(), os.path.join(ROOT, "requirements.txt"), VENV)


def install_kernelspec(classpath):
    """A kernelspec inside .venv/ (never the user's global Jupyter) that starts JJava with the kit's classpath."""
    jjava = os.path.join(VENV, "share", "jupyter", "kernels", "java")
    if not os.path.exists(os.path.join(jjava, "jjava.jar")):
        sys.exit("[kit] JJava's kernel files are missing from .venv; delete .venv/ and run `python3 kit.py setup` again.")
    dest = os.path.join(VENV, "share", "jupyter", "kernels", KERNEL_NAME)
    os.makedirs(dest, exist_ok=True)
    shutil.copyfile(os.path.join(jjava, "jjava.jar"), os.path.join(dest, "jjava.jar"))
    stale_launcher = os.path.join(dest, "jjava-launcher.jar")
    if os.path.exists(stale_launcher):
        os.remove(stale_launcher)
    # The kernel's JVM is started directly, with the options JJava's launcher would add (its --add-opens for JShell).
    # The launcher is a JVM of its own that starts this one and waits: skipping it saves a JVM start before every
    # notebook, and the kernel runs on exactly the Java chosen here.
    spec = {
        "argv": [java()] + kernel_jvm_opts().split() + ["--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
                                                        "-jar", "{resource_dir}/jjava.jar", "{connection_file}"],
        "display_name": "Java (aekit)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "JJAVA_CLASSPATH": classpath,
            "JJAVA_STARTUP_SCRIPTS_PATH": os.path.join(ROOT, "notebooks", "startup.jshell"),
            "AEKIT_DATA": os.path.join(ROOT, "data"),
            **THREADS,
        },
        "metadata": {},
    }
    with open(os.path.join(dest, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=2)


def write_json(path, update):
    """Merges update into the JSON file at path (made if missing), as `jupyter ... disable` does."""
    data = json.load(open(path)) if os.path.exists(path) else {}
    for key, value in update.items():
        data[key] = {**data.get(key, {}), **value} if isinstance(value, dict) else value
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=2)


def students_lab():
    """.venv/'s JupyterLab is a student's: nbgrader's teacher plugins and server extensions off, written where
    `jupyter labextension disable --level=sys_prefix` and `jupyter server extension disable --sys-prefix` write. The
    same switches turned on again go into TEACHER_CONFIG, a config folder of higher precedence for `lab --teacher`."""
    etc = os.path.join(VENV, "etc", "jupyter")
    write_json(os.path.join(etc, "labconfig", "page_config.json"), {"disabledExtensions": {p: True for p in TEACHER_PLUGINS}})
    for ext in TEACHER_SERVER_EXTENSIONS:
        write_json(os.path.join(etc, "jupyter_server_config.d", ext + ".json"), {"ServerApp": {"jpserver_extensions": {ext: False}}})
    write_json(os.path.join(TEACHER_CONFIG, "labconfig", "page_config.json"), {"disabledExtensions": {p: False for p in TEACHER_PLUGINS}})
    write_json(os.path.join(TEACHER_CONFIG, "jupyter_server_config.d", "aekit-teacher.json"),
               {"ServerApp": {"jpserver_extensions": {ext: True for ext in TEACHER_SERVER_EXTENSIONS}}})


def setup(args=()):
    check_prerequisites()
    setup_python()
    students_lab()
    install_kernelspec(build_library())
    say("set up: kernel 'Java (aekit)' is installed in .venv/")


def lab(args=()):
    """Set up, then JupyterLab on notebooks/; extra arguments go to JupyterLab (--port 8890, --no-browser, --ip ...).
    `--teacher` adds nbgrader's teacher tools (the Nbgrader menu, Create Assignment, formgrader, course list)."""
    setup()
    args = list(args)
    env = jupyter_env()
    if "--teacher" in args:
        args.remove("--teacher")
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in (TEACHER_CONFIG, env.get("JUPYTER_CONFIG_PATH")) if p)
        say("JupyterLab with nbgrader's teacher tools: the Nbgrader menu, Create Assignment, formgrader, course list")
    cmd = [venv_python(), "-m", "jupyterlab"]
    if not any(a.startswith(("--notebook-dir", "--ServerApp.root_dir")) for a in args):   # JupyterLab takes one
        cmd += ["--notebook-dir", os.path.join(ROOT, "notebooks")]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")   # containers often run as root; JupyterLab refuses that unless told
    os.execve(venv_python(), cmd + args, env)


def notebooks(mode, args=()):
    run([venv_python(), os.path.join(ROOT, "tools", "run_notebooks.py"), mode, *args], cwd=ROOT, env=jupyter_env())


def tool_script(name, *args):
    """One of the kit's scripts in tools/, run with .venv/'s Python (where nbgrader, nbconvert and Playwright are)."""
    run([venv_python(), os.path.join(ROOT, "tools", name), *args], cwd=ROOT, env=jupyter_env())


def test(args):
    """kit.py's own commands; the library's unit tests; JupyterLab in a browser; the classroom (student versions, grading five fixture submissions); every notebook,
    each followed by its student version's exercise cells; the stop button during a fit; the book in a browser.
    Every prerequisite, the browser included, is checked first: a missing one stops the run in seconds, not at its end."""
    check_prerequisites(browser=True)
    run([sys.executable, os.path.join(ROOT, "tools", "test_commands.py")], cwd=ROOT)   # kit.py's own commands
    setup()
    install_requirements(venv_python(), os.path.join(ROOT, "tools", "requirements-test.txt"), VENV)
    run([tool("mvn"), "-B", "test"], cwd=ROOT)
    tool_script("test_lab.py")   # JupyterLab in a browser: kit.py lab, 00-quickstart, Run All, the first chart
    tool_script("test_classroom.py")
    tool_script("test_feedback.py")   # the feedback pages test_classroom wrote, offline in a browser
    notebooks("test", ["--students", os.path.join(TEST_COURSE, "release"), *args])
    tool_script("test_interrupt.py")
    tool_script("test_book.py")


def render(args):
    setup()
    notebooks("render", args)
