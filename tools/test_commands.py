"""Unit tests of kit.py's own commands (standard library only; run by `kit.py test` with the system's python3)."""
import glob
import json
import os
import stat
import sys
import tempfile
import time
import unittest
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from commands import bench, common, core  # noqa: E402
import prose_numbers  # noqa: E402


class LabTest(unittest.TestCase):
    def test_extra_arguments_reach_jupyterlab(self):
        with mock.patch.object(core, "setup"), mock.patch.object(os, "execve") as execve:
            core.lab(["--port", "8890", "--no-browser", "--ip", "127.0.0.1"])
        program, argv, env = execve.call_args[0]
        self.assertEqual(program, common.venv_python())
        self.assertEqual(argv[1:3], ["-m", "jupyterlab"])
        self.assertEqual(argv[-5:], ["--port", "8890", "--no-browser", "--ip", "127.0.0.1"])
        self.assertIn("--notebook-dir", argv)
        self.assertTrue(env["JUPYTER_PATH"].startswith(common.VENV))
        self.assertNotIn(core.TEACHER_CONFIG, env.get("JUPYTER_CONFIG_PATH", ""))   # a student's lab by default

    def test_another_notebook_folder_replaces_the_default(self):
        for given in (["--notebook-dir=/tmp/copy"], ["--notebook-dir", "/tmp/copy"], ["--ServerApp.root_dir=/tmp/copy"]):
            with mock.patch.object(core, "setup"), mock.patch.object(os, "execve") as execve:
                core.lab(given)
            argv = execve.call_args[0][1]
            self.assertEqual(sum(a.startswith(("--notebook-dir", "--ServerApp.root_dir")) for a in argv), 1, argv)
            self.assertNotIn(os.path.join(common.ROOT, "notebooks"), argv)

    def test_teacher_adds_nbgrader_teacher_tools_and_is_not_passed_on(self):
        with mock.patch.object(core, "setup"), mock.patch.object(os, "execve") as execve, \
                mock.patch.dict(os.environ, {"JUPYTER_CONFIG_PATH": "/elsewhere"}):
            core.lab(["--teacher", "--no-browser"])
        _, argv, env = execve.call_args[0]
        self.assertNotIn("--teacher", argv)
        self.assertEqual(argv[-1], "--no-browser")
        self.assertEqual(env["JUPYTER_CONFIG_PATH"].split(os.pathsep), [core.TEACHER_CONFIG, "/elsewhere"])

    def test_setup_makes_the_lab_a_students_and_the_teacher_config_its_inverse(self):
        with tempfile.TemporaryDirectory() as venv, mock.patch.object(core, "VENV", venv), \
                mock.patch.object(core, "TEACHER_CONFIG", os.path.join(venv, "etc", "aekit-teacher")):
            page = os.path.join(venv, "etc", "jupyter", "labconfig", "page_config.json")
            os.makedirs(os.path.dirname(page))
            with open(page, "w") as f:
                json.dump({"disabledExtensions": {"someone-elses:plugin": True}}, f)
            for _ in range(2):   # set-up runs on every command: the second time changes nothing
                core.students_lab()
            student = json.load(open(page))["disabledExtensions"]
            teacher = json.load(open(os.path.join(venv, "etc", "aekit-teacher", "labconfig", "page_config.json")))["disabledExtensions"]
            servers = {}
            for name in core.TEACHER_SERVER_EXTENSIONS:
                servers.update(json.load(open(os.path.join(venv, "etc", "jupyter", "jupyter_server_config.d", name + ".json")))
                               ["ServerApp"]["jpserver_extensions"])
            teacher_servers = json.load(open(os.path.join(venv, "etc", "aekit-teacher", "jupyter_server_config.d",
                                                          "aekit-teacher.json")))["ServerApp"]["jpserver_extensions"]
        self.assertEqual(student, {"someone-elses:plugin": True, **{p: True for p in core.TEACHER_PLUGINS}})
        self.assertEqual(teacher, {p: False for p in core.TEACHER_PLUGINS})
        self.assertEqual(servers, {e: False for e in core.TEACHER_SERVER_EXTENSIONS})
        self.assertEqual(teacher_servers, {e: True for e in core.TEACHER_SERVER_EXTENSIONS})
        self.assertNotIn("@jupyter/nbgrader:validate-assignment", core.TEACHER_PLUGINS)   # the student's Validate button


class JavaTest(unittest.TestCase):
    def test_java_home_wins_over_path(self):
        homes = [h for h in glob.glob("/usr/lib/jvm/*") if os.path.exists(os.path.join(h, "bin", "java"))]
        if not homes:
            self.skipTest("no JDK under /usr/lib/jvm to point JAVA_HOME at")
        with mock.patch.dict(os.environ, {"JAVA_HOME": homes[0]}):
            self.assertEqual(common.java(), os.path.join(homes[0], "bin", "java"))

    def test_newer_jdk_flags_only_where_the_jdk_knows_them(self):
        flags = common.newer_jdk_flags()
        self.assertIn("--enable-native-access=ALL-UNNAMED", flags)   # every JDK from 17 knows it
        for home in glob.glob("/usr/lib/jvm/*"):
            release = os.path.join(home, "release")
            if not (os.path.exists(release) and os.path.exists(os.path.join(home, "bin", "java"))):
                continue
            with open(release) as f:
                version = next((line.split("=")[1].strip('"\n') for line in f if line.startswith("JAVA_VERSION=")), "")
            major = int(version.split(".")[0]) if version[:2].isdigit() else 0
            with mock.patch.dict(os.environ, {"JAVA_HOME": home}):
                got = common.newer_jdk_flags()
            self.assertEqual("--sun-misc-unsafe-memory-access=allow" in got, major >= 23, f"{home} (Java {major}): {got}")


def fake_tool(folder, name, stdout="", stderr=""):
    """A shell script standing in for `name` that prints what a real one of some version prints."""
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(f"#!/bin/sh\nprintf '%s\\n' '{stdout}'\nprintf '%s\\n' '{stderr}' >&2\n")
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)


@unittest.skipIf(os.name == "nt", "the stand-in tools are shell scripts")
class PrerequisitesTest(unittest.TestCase):
    """`kit.py test` checks Java, Maven, Python's venv and the browser before its first long step: a fresh machine
    that lacks one is told so in seconds, with the line that installs it on each system."""

    def environment(self, folder):
        return mock.patch.dict(os.environ, {"PATH": folder, "JAVA_HOME": "", "AEKIT_CHROMIUM": ""})

    def test_a_machine_without_java_maven_or_browser_hears_it_at_once(self):
        with tempfile.TemporaryDirectory() as empty, self.environment(empty):
            start = time.monotonic()
            with self.assertRaises(SystemExit) as stop:
                common.check_prerequisites(browser=True)
            seconds = time.monotonic() - start
        message = str(stop.exception.code)
        self.assertLess(seconds, 5)
        for key in ("java", "mvn", "chromium"):
            what, how = common.INSTALL[key]
            self.assertIn(what, message)
            for system, line in how.items():
                self.assertIn(f"{system}:", message)
                self.assertIn(line, message)
        self.assertNotIn("venv", message)   # this Python has what it takes

    def test_versions_too_old_are_named_with_what_was_found(self):
        cases = [('openjdk version "11.0.21" 2023-10-17', "Apache Maven 3.8.7", ["java"]),
                 ('java version "1.8.0_392"', "Apache Maven 3.9.6", ["java"]),
                 ('openjdk version "17.0.15" 2025-04-15', "\x1b[1mApache Maven 3.6.3\x1b[m", ["mvn"]),
                 ('openjdk version "25" 2025-09-16', "Apache Maven 3.9.6", [])]
        for java_says, maven_says, expected in cases:
            with tempfile.TemporaryDirectory() as folder, self.environment(folder):
                fake_tool(folder, "java", stderr=java_says)
                fake_tool(folder, "mvn", stdout=maven_says)
                missing = common.missing_prerequisites()
            self.assertEqual([key for key, _ in missing], expected, java_says + " / " + maven_says)
            for key, found in missing:
                self.assertIn(java_says if key == "java" else maven_says.replace("\x1b[1m", "").replace("\x1b[m", ""), found)

    def test_the_browser_is_checked_only_for_the_tests(self):
        with tempfile.TemporaryDirectory() as folder, self.environment(folder):
            fake_tool(folder, "java", stderr='openjdk version "17.0.15" 2025-04-15')
            fake_tool(folder, "mvn", stdout="Apache Maven 3.8.7")
            self.assertEqual(common.missing_prerequisites(browser=False), [])
            self.assertEqual([k for k, _ in common.missing_prerequisites(browser=True)], ["chromium"])
            fake_tool(folder, "chromium")
            self.assertEqual(common.missing_prerequisites(browser=True), [])

    def test_the_test_command_checks_before_anything_else(self):
        calls = []
        with mock.patch.object(core, "check_prerequisites", side_effect=lambda **kw: calls.append(("check", kw)) or sys.exit("stop")), \
                mock.patch.object(core, "run", side_effect=lambda *a, **kw: calls.append(("run", a))):
            with self.assertRaises(SystemExit):
                core.test([])
        self.assertEqual(calls, [("check", {"browser": True})])


class BenchTest(unittest.TestCase):
    """`kit.py bench` writes its reports under target/, so a user's run leaves the checkout clean; `bench --publish`
    is the one step that copies them into bench/results/."""

    def test_a_run_writes_its_report_under_target(self):
        self.assertTrue(bench.BENCH_OUT.startswith(common.TARGET + os.sep))
        self.assertEqual(bench.PUBLISHED, os.path.join(common.ROOT, "bench", "results"))
        for args, report_dir in (([], bench.BENCH_OUT), (["--conv"], os.path.join(bench.BENCH_OUT, "conv")),
                                 (["--vae", "--no-peers"], os.path.join(bench.BENCH_OUT, "vae"))):
            commands = []
            with tempfile.TemporaryDirectory() as data, mock.patch.object(bench, "BENCH_DATA", data), \
                    mock.patch.object(bench, "build_bench", return_value="cp"), \
                    mock.patch.object(bench, "fashion_mnist", return_value=None), \
                    mock.patch.object(bench, "bench_venv", return_value="python"), \
                    mock.patch.object(bench, "folder_mb", return_value=0), \
                    mock.patch.object(bench, "machine_facts", return_value={}), \
                    mock.patch.object(bench, "run", side_effect=lambda cmd, **kw: commands.append(cmd)), \
                    mock.patch.object(bench.os, "makedirs"), mock.patch.object(bench.os, "remove"):
                with open(os.path.join(data, "data.txt"), "w") as f:
                    f.write("test data")
                with mock.patch("builtins.open", mock.mock_open(read_data="test data")):
                    bench.bench(args + ["--quick"])
            report = next(c for c in commands if "aekit.bench.BenchReport" in c)
            self.assertEqual(report[-1], report_dir, args)
            written = [a for c in commands for a in c if isinstance(a, str) and a.startswith(bench.PUBLISHED)]
            self.assertEqual(written, [], f"bench {args} names a path in bench/results/: {written}")

    def test_the_profile_is_written_under_target(self):
        with tempfile.TemporaryDirectory() as out, mock.patch.object(bench, "BENCH_OUT", out), \
                mock.patch.object(bench, "build_bench", return_value="cp"), \
                mock.patch.object(bench.subprocess, "run", return_value=mock.Mock(stdout="phase table\n")):
            bench.bench(["--profile"])
            self.assertIn("phase table", open(os.path.join(out, "profile.md")).read())

    def test_publish_copies_every_report_found_and_nothing_else(self):
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as published, \
                mock.patch.object(bench, "BENCH_OUT", out), mock.patch.object(bench, "PUBLISHED", published):
            for name, text in (("README.md", "# Benchmark\n\nWritten by `python3 kit.py bench` on 2026-12-04.\n"),
                               ("results.csv", "model,impl\n"), (os.path.join("conv", "README.md"), "conv report\n")):
                os.makedirs(os.path.dirname(os.path.join(out, name)), exist_ok=True)
                with open(os.path.join(out, name), "w") as f:
                    f.write(text)
            os.makedirs(os.path.join(published, "vae"))
            os.makedirs(os.path.join(published, "avx2"))
            for name in (os.path.join("vae", "README.md"), os.path.join("avx2", "README.md"), "README.md"):
                with open(os.path.join(published, name), "w") as f:
                    f.write("an older report\n")
            bench.bench(["--publish"])
            self.assertIn("2026-12-04", open(os.path.join(published, "README.md")).read())
            self.assertEqual(open(os.path.join(published, "results.csv")).read(), "model,impl\n")
            self.assertEqual(open(os.path.join(published, "conv", "README.md")).read(), "conv report\n")
            for kept in (os.path.join("vae", "README.md"), os.path.join("avx2", "README.md")):   # no new run of these
                self.assertEqual(open(os.path.join(published, kept)).read(), "an older report\n")

    def test_publish_without_a_run_says_so(self):
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as published, \
                mock.patch.object(bench, "BENCH_OUT", out), mock.patch.object(bench, "PUBLISHED", published):
            with self.assertRaises(SystemExit) as stop:
                bench.bench(["--publish"])
            self.assertIn("run `python3 kit.py bench` first", str(stop.exception.code))
            self.assertEqual(os.listdir(published), [])


class KernelspecTest(unittest.TestCase):
    def test_the_kernel_runs_on_the_java_the_kit_chose_with_its_options(self):
        """The kernelspec starts the kernel's JVM itself (no launcher JVM in between): the chosen Java, the kit's JVM
        options, and the --add-opens that JJava's launcher would have added for JShell."""
        with tempfile.TemporaryDirectory() as venv, mock.patch.object(core, "VENV", venv), \
                mock.patch.object(core, "java", return_value=os.path.join("opt", "jdk-25", "bin", "java")), \
                mock.patch.object(core, "kernel_jvm_opts", return_value="-Xmx1g --add-modules jdk.incubator.vector"):
            jjava = os.path.join(venv, "share", "jupyter", "kernels", "java")
            os.makedirs(jjava)
            for name in ("jjava.jar", "jjava-launcher.jar"):
                open(os.path.join(jjava, name), "w").close()
            core.install_kernelspec("classpath")
            with open(os.path.join(venv, "share", "jupyter", "kernels", "aekit", "kernel.json")) as f:
                spec = json.load(f)
        self.assertEqual(spec["argv"], [os.path.join("opt", "jdk-25", "bin", "java"), "-Xmx1g", "--add-modules", "jdk.incubator.vector",
                                        "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "-jar", "{resource_dir}/jjava.jar",
                                        "{connection_file}"])
        self.assertEqual(spec["env"]["JJAVA_CLASSPATH"], "classpath")


class ProseNumbersTest(unittest.TestCase):
    """tools/prose_numbers.py: a measured number in a chapter's prose must be one its outputs show."""

    def chapter(self, markdown, printed, quoted=()):
        nb = {"metadata": {"aekit": {"quoted": list(quoted)}}, "cells": [
            {"cell_type": "markdown", "source": markdown},
            {"cell_type": "code", "source": "Trainer.defaults().epochs(6)", "outputs": [
                {"output_type": "stream", "name": "stdout", "text": printed}]}]}
        folder = tempfile.mkdtemp()
        path = os.path.join(folder, "15-test.ipynb")
        with open(path, "w") as f:
            json.dump(nb, f)
        return prose_numbers.check(path, {}, prose_numbers.produced)

    def test_rounded_scaled_and_grouped_numbers_are_backed(self):
        self.assertEqual([], self.chapter("PSNR 13.5 dB, 46× fewer, 11% of the start, 1,000 digits, 6 epochs, §1.5, 2006.",
                                          "psnr 13.52 ratio 45.9786 moved 0.1057 n 1000"))

    def test_a_table_column_of_chapter_numbers_is_a_reference(self):
        self.assertEqual([], self.chapter("| model | chapter |\n|---|---|\n| conv | 15 |\n| sparse | 13, 16 |", "loss 0.19"))

    def test_a_number_no_output_shows_is_named(self):
        problems = self.chapter("The blog reports **0.094** after 50 epochs.", "loss 0.19083")
        self.assertEqual(2, len(problems), problems)
        self.assertIn("'0.094'", problems[0])

    def test_a_quoted_number_needs_its_source(self):
        self.assertEqual([], self.chapter("The blog reports 0.094.", "", [{"number": "0.094", "source": "the Keras blog"}]))
        problems = self.chapter("The blog reports 0.094.", "", [{"number": "0.094", "source": ""}])
        self.assertTrue(any("no source" in p for p in problems), problems)


if __name__ == "__main__":
    unittest.main(verbosity=2)
