# SPDX-License-Identifier: Apache-2.0
"""(W) Loading tally.dll by Windows' rules, simulated here (docs/windows.md): the names tried
on win32, and os.add_dll_directory for the folder of a tally.dll found by path. No Windows
Python runs in the test command; this holds the logic of _native.py to what the docs say."""

import os
import sys
import tempfile
import unittest
from unittest import mock

from _support import PACKAGE_DIR  # noqa: F401  (puts the package on sys.path)

from tally import _native


class WindowsLoadingTest(unittest.TestCase):
    def test_tally_dll_beside_the_package_then_path_then_dll_search(self):
        with tempfile.TemporaryDirectory() as folder:
            package = os.path.join(folder, "tally")
            os.mkdir(package)
            dll = os.path.join(package, "tally.dll")
            open(dll, "wb").close()
            on_path = os.path.join(folder, "bin", "tally.dll")
            with mock.patch.object(_native, "__file__", os.path.join(package, "_native.py")), \
                    mock.patch.object(_native, "_LIBRARY_FILES", ("tally.dll", "libtally.dll")), \
                    mock.patch.object(sys, "platform", "win32"), \
                    mock.patch.object(_native.ctypes.util, "find_library", return_value=on_path), \
                    mock.patch.dict(os.environ, {}, clear=False):
                os.environ.pop("TALLY_LIBRARY", None)
                self.assertEqual(_native.library_candidates(), [dll, on_path, "tally.dll"])

    def test_the_folder_of_a_dll_found_by_path_is_searched_for_its_dlls(self):
        added = []
        with tempfile.TemporaryDirectory() as folder:
            dll = os.path.join(folder, "tally.dll")
            with mock.patch.object(sys, "platform", "win32"), \
                    mock.patch.object(os, "add_dll_directory", side_effect=lambda d: added.append(d) or d,
                                      create=True):
                _native._allow_dll_directory(dll)
                _native._allow_dll_directory("tally.dll")  # a bare name: the DLL search alone
            self.assertEqual(added, [folder])
        _native._dll_directories.clear()

    def test_nothing_is_added_on_other_systems(self):
        with mock.patch.object(sys, "platform", "linux"), \
                mock.patch.object(os, "add_dll_directory", side_effect=AssertionError, create=True):
            _native._allow_dll_directory("/usr/lib/libtally.so.0")


if __name__ == "__main__":
    unittest.main()
