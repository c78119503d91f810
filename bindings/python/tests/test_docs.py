# SPDX-License-Identifier: Apache-2.0
"""(7) The Python quick start of docs/bindings.md runs as written (in a folder of its own,
next to the sample data)."""

import contextlib
import io
import os
import re
import tempfile
import unittest

from _support import SOURCE_DIR, read_text


def python_blocks():
    text = read_text(os.path.join(SOURCE_DIR, "docs", "bindings.md"))
    section = text[text.index("## Python"):text.index("### Results")]
    return re.findall(r"```python\n(.*?)```", section, re.S)


class DocsTest(unittest.TestCase):
    def test_quick_start_and_lifecycle_run(self):
        blocks = python_blocks()
        self.assertEqual(len(blocks), 2)
        here = os.getcwd()
        with tempfile.TemporaryDirectory() as folder:
            os.symlink(os.path.join(SOURCE_DIR, "examples"), os.path.join(folder, "examples"))
            os.chdir(folder)
            try:
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    scope = {}
                    for block in blocks:
                        exec(compile(block, "docs/bindings.md", "exec"), scope)
            finally:
                os.chdir(here)
        printed = out.getvalue().splitlines()
        self.assertEqual(printed[0], "4 unknown_upc lines[1].upc")
        self.assertEqual(printed[-1], "1899 ['eastern']")


if __name__ == "__main__":
    unittest.main()
