"""Unit tests of kit.py's own commands (standard library only; run by `kit.py test` with the system's python3)."""
import glob
import json
import os
import sys
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from commands import common, core  # noqa: E402
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
