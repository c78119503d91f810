# SPDX-License-Identifier: Apache-2.0
"""(5) The package installs offline with pip (no build isolation) and imports from there."""

import os
import subprocess
import sys
import tempfile
import unittest

from _support import PACKAGE_DIR


def pip_available():
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "--version"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


class InstallTest(unittest.TestCase):
    def test_pip_install_target_then_import(self):
        if not pip_available():
            self.skipTest(f"pip is not available for {sys.executable} (python3 -m pip fails)")
        env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
        env.pop("PYTHONPATH", None)
        with tempfile.TemporaryDirectory() as target:
            install = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-index",
                 "--no-cache-dir", "--no-deps", "--target", target, PACKAGE_DIR],
                capture_output=True, text=True, env=env, timeout=300,
            )
            output = install.stdout + install.stderr
            if install.returncode != 0 and "externally-managed-environment" in output:
                self.skipTest(f"pip refuses to install for {sys.executable} (PEP 668)")
            self.assertEqual(install.returncode, 0, output)
            self.assertTrue(os.path.isfile(os.path.join(target, "tally", "__init__.py")))
            self.assertTrue(os.path.isfile(os.path.join(target, "tally", "py.typed")))
            self.assertTrue(os.path.isfile(os.path.join(target, "tally", "results.py")))
            self.assertFalse(os.path.exists(os.path.join(target, "tests")))

            code = (
                "import sys; sys.path.insert(0, sys.argv[1]); import tally, tally.errors; "
                "print(tally.__file__); print(tally.__version__); print(tally.version())"
            )
            run = subprocess.run(
                [sys.executable, "-c", code, target],
                capture_output=True, text=True, env=env, cwd=target, timeout=60,
            )
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            file, package_version, library_version = run.stdout.split()
            self.assertTrue(os.path.realpath(file).startswith(os.path.realpath(target)), file)
            # TALLY_VERSION: project(VERSION) of the build that made the library under test.
            self.assertEqual(package_version, os.environ["TALLY_VERSION"])
            self.assertEqual(library_version, os.environ["TALLY_VERSION"])

            # An installed libtally: without TALLY_LIBRARY the dynamic loader finds it.
            system = dict(env, LD_LIBRARY_PATH=os.path.dirname(os.path.realpath(os.environ["TALLY_LIBRARY"])))
            system.pop("TALLY_LIBRARY")
            run = subprocess.run(
                [sys.executable, "-c", code, target],
                capture_output=True, text=True, env=system, cwd=target, timeout=60,
            )
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            self.assertEqual(run.stdout.split()[2], os.environ["TALLY_VERSION"])

            # A TALLY_LIBRARY that is not there: the error names it and says what to do.
            missing = dict(env, TALLY_LIBRARY=os.path.join(target, "no-libtally.so"))
            run = subprocess.run(
                [sys.executable, "-c", code, target],
                capture_output=True, text=True, env=missing, cwd=target, timeout=60,
            )
            self.assertNotEqual(run.returncode, 0)
            self.assertIn("no-libtally.so", run.stderr)
            self.assertIn("Set TALLY_LIBRARY", run.stderr)


if __name__ == "__main__":
    unittest.main()
