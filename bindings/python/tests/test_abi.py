# SPDX-License-Identifier: Apache-2.0
"""(1) Every function libtally exports, and every function of tally.h, is declared in
tally._native with its argument and result types."""

import ctypes
import os
import re
import shutil
import subprocess
import unittest

from _support import HEADER_PATH, STORE_HEADER_PATH, read_text
from tally import _native


def exported_symbols(path):
    out = subprocess.run(
        ["nm", "-D", "--defined-only", path], check=True, capture_output=True, text=True
    ).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] in ("T", "W", "i") and parts[2].startswith("tally_"):
            names.add(parts[2].split("@")[0])
    return names


def header_prototypes():
    """name -> (returns void, number of parameters) for every TALLY_EXPORT function."""
    text = re.sub(r"/\*.*?\*/", " ", read_text(HEADER_PATH), flags=re.S)
    prototypes = {}
    for match in re.finditer(r"TALLY_EXPORT\s+([^;]*?)\b(tally_\w+)\s*\(([^;]*?)\)\s*;", text, flags=re.S):
        result, name, params = match.group(1).strip(), match.group(2), " ".join(match.group(3).split())
        count = 0 if params in ("", "void") else params.count(",") + 1
        prototypes[name] = (result == "void", count)
    return prototypes


class DeclarationsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lib = _native.lib()

    def test_every_exported_symbol_is_declared(self):
        if shutil.which("nm") is None:
            self.skipTest("nm (binutils) is not installed")
        path = os.environ.get("TALLY_LIBRARY") or self.lib.path
        exported = exported_symbols(path)
        self.assertIn("tally_version", exported)
        for name in sorted(exported):
            with self.subTest(symbol=name):
                self.assertTrue(name in _native.FUNCTIONS, f"{name} is exported but not declared in _native.py")
                restype, argtypes = _native.FUNCTIONS[name]
                fn = getattr(self.lib.cdll, name)
                self.assertIsNotNone(fn.argtypes, f"{name}: argtypes not set")
                self.assertEqual(list(fn.argtypes), list(argtypes), name)
                self.assertIs(fn.restype, restype, name)

    def test_every_header_function_is_declared_with_its_arity(self):
        prototypes = header_prototypes()
        self.assertGreater(len(prototypes), 30)
        undeclared = sorted(set(prototypes) - set(_native.FUNCTIONS))
        unknown = sorted(set(_native.FUNCTIONS) - set(prototypes))
        self.assertEqual(undeclared, [], "functions of tally.h not declared in _native.FUNCTIONS")
        self.assertEqual(unknown, [], "functions in _native.FUNCTIONS that tally.h does not have")
        for name, (returns_void, count) in prototypes.items():
            with self.subTest(function=name):
                restype, argtypes = _native.FUNCTIONS[name]
                self.assertEqual(len(argtypes), count, f"{name}: parameter count")
                self.assertEqual(restype is None, returns_void, f"{name}: void result")
                if not returns_void and restype is not ctypes.c_char_p:
                    self.assertIs(restype, ctypes.c_int32, f"{name}: status result")

    def test_callback_struct_matches_the_header(self):
        text = read_text(STORE_HEADER_PATH)
        body = re.search(r"typedef struct tally_store_callbacks \{(.*?)\} tally_store_callbacks;", text, re.S).group(1)
        body = re.sub(r"/\*.*?\*/", " ", body, flags=re.S)
        fields = re.findall(r"\(\s*\*\s*(\w+)\s*\)|(\w+)\s*;", body)
        names = [a or b for a, b in fields]
        self.assertEqual(names, [name for name, _ in _native.tally_store_callbacks._fields_])
        pointer = ctypes.sizeof(ctypes.c_void_p)
        self.assertEqual(ctypes.sizeof(_native.tally_store_callbacks), 8 + pointer * 10)
        init = _native.store_callbacks_init()
        self.assertEqual(init.struct_size, ctypes.sizeof(_native.tally_store_callbacks))
        self.assertEqual(init.version, _native.TALLY_STORE_CALLBACKS_VERSION)

    def test_versions(self):
        version = self.lib.version
        self.assertRegex(version, r"^\d+\.\d+\.\d+")
        major, minor, patch = (int(p) for p in re.match(r"(\d+)\.(\d+)\.(\d+)", version).groups())
        self.assertEqual(self.lib.version_number, major * 10000 + minor * 100 + patch)
        self.assertEqual((major, minor, patch),
                         (_native.VERSION_MAJOR, _native.VERSION_MINOR, _native.VERSION_PATCH))
        _native.check_compatible(self.lib.version_number)
        with self.assertRaises(ImportError):
            _native.check_compatible((_native.VERSION_MAJOR + 1) * 10000)

    def test_price_last_known_is_int64_min(self):
        self.assertEqual(_native.TALLY_PRICE_LAST_KNOWN, ctypes.c_int64(-(2**63)).value)
        self.assertIn("#define TALLY_PRICE_LAST_KNOWN INT64_MIN", read_text(HEADER_PATH))


if __name__ == "__main__":
    unittest.main()
