#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The copies of the two facts every part of Tally repeats, held to their one source.

  sources_of_truth.py SOURCE_DIR VERSION

Status codes: include/tally/status_codes.def is the table (number, name, family, message).
The C++ enum and names are generated from it; this checks the copies that cannot include
it: tally_status in capi/tally.h, the table in docs/c-api.md, the Python binding's
constants, names and exception families, the C# enum, exception classes and families, and the
conflict family's rows of docs/bindings.md.

Version: CMakeLists.txt's project(VERSION) is the source (passed in as VERSION); this
checks the Python package (pyproject.toml, tally.__version__, the ABI version the binding
was written for) and the C# project file.

License: LICENSE is Apache-2.0 and the Python and C# package metadata, tally.pc and the
Debian copyright file (cmake/package.cmake) say so (the built Debian packages' copyright
files are checked where they are built, tests/install/debian.sh).
"""

import importlib.util
import os
import re
import sys

root, version = sys.argv[1], sys.argv[2]
failures = []


def read(path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read()


def check(what, got, want):
    if got == want:
        return
    if isinstance(got, (list, dict)) and isinstance(want, (list, dict)):
        items = (lambda v: set(v.items()) if isinstance(v, dict) else set(v))
        for extra in sorted(items(got) - items(want), key=str):
            failures.append(f"{what}: has {extra!r}, which the source does not")
        for missing in sorted(items(want) - items(got), key=str):
            failures.append(f"{what}: lacks {missing!r}")
        if items(got) == items(want):
            failures.append(f"{what}: not in the order of the source")
    else:
        failures.append(f"{what}: has {got!r}, the source says {want!r}")


def pascal(name):
    return "".join(part.capitalize() for part in name.split("_"))


# --- status codes -------------------------------------------------------------------
table = [
    (int(n), name, family, message)
    for n, name, family, message in re.findall(
        r'^TALLY_STATUS\((\d+), (\w+), (\w+), "([^"]*)"\)$', read("include/tally/status_codes.def"), re.M
    )
]
if len(table) < 30:
    failures.append(f"include/tally/status_codes.def: only {len(table)} codes read")
by_number = {n: (name, family, message) for n, name, family, message in table}

# tally.h
enum = re.search(r"typedef enum tally_status \{(.*?)\} tally_status;", read("capi/tally.h"), re.S).group(1)
check(
    "capi/tally.h tally_status",
    [(int(n), c) for c, n in re.findall(r"\b(TALLY_\w+) = (\d+)", enum)],
    [(n, "TALLY_OK" if name == "ok" else "TALLY_E_" + name.upper()) for n, name, _, _ in table],
)

# docs/c-api.md: | code | name | meaning |
rows = re.findall(r"^\| (\d+) \| (\w+) \| (.*?) \|$", read("docs/c-api.md"), re.M)
check("docs/c-api.md status table", [(int(n), name, m) for n, name, m in rows],
      [(n, name, message) for n, name, _, message in table])

# Python: bindings/python/tally/errors.py, loaded by itself (it needs no library).
spec = importlib.util.spec_from_file_location("tally_errors", os.path.join(root, "bindings/python/tally/errors.py"))
errors = importlib.util.module_from_spec(spec)
spec.loader.exec_module(errors)
python_family = {
    "InvalidInput": "invalid_input", "NotFound": "not_found", "Conflict": "conflict",
    "StorageError": "storage", "StorageBusy": "storage_busy", "Unsupported": "unsupported",
    "InternalError": "internal",
}
for n, name, family, _ in table:
    constant = "OK" if name == "ok" else "E_" + name.upper()
    check(f"errors.py {constant}", getattr(errors, constant, None), n)
    check(f"errors.py STATUS_NAMES[{n}]", errors.STATUS_NAMES.get(n), name)
    if family != "ok":
        # The code's class is its name in CamelCase (the family class where they coincide),
        # and has its family's class among its bases.
        cls = errors.ERROR_CLASSES.get(n)
        check(f"errors.py class of {name}", cls.__name__ if cls else None, errors.class_name(name))
        families = [python_family[c.__name__] for c in (cls.__mro__ if cls else ()) if c.__name__ in python_family]
        check(f"errors.py family of {name}", families[0] if families else None, family)
check("errors.py STATUS_NAMES codes", sorted(errors.STATUS_NAMES), sorted(by_number))
check("errors.py ERROR_CLASSES codes", sorted(errors.ERROR_CLASSES), sorted(n for n in by_number if n))

# C#: bindings/csharp/Tally/TallyException.cs
cs = read("bindings/csharp/Tally/TallyException.cs")
cs_enum = re.search(r"public enum TallyStatus\s*\{(.*?)\}", cs, re.S).group(1)
check("TallyException.cs TallyStatus", [(int(n), c) for c, n in re.findall(r"(\w+) = (\d+)", cs_enum)],
      [(n, pascal(name)) for n, name, _, _ in table])
cs_family = {
    "InvalidInputException": "invalid_input", "NotFoundException": "not_found",
    "ConflictException": "conflict", "StorageException": "storage",
    "StorageBusyException": "storage_busy", "UnsupportedException": "unsupported",
    "InternalException": "internal",
}
switch = re.search(r"switch \(\(TallyStatus\)code\)\s*\{(.*?)default:", cs, re.S).group(1)
# One class per code, named after it (the family class where they coincide), whose family
# is the first family class among its bases.
bases = dict(re.findall(r"public class (\w+) : (\w+)", cs))


def cs_family_of(cls):
    while cls and cls not in cs_family:
        cls = bases.get(cls)
    return cs_family.get(cls)


cs_classes = dict(re.findall(r"case TallyStatus\.(\w+): return new (\w+)\(", switch))
check("TallyException.cs FromStatus classes", cs_classes,
      {pascal(name): pascal(name) + "Exception" for _, name, family, _ in table if family != "ok"})
check("TallyException.cs FromStatus families", {case: cs_family_of(cls) for case, cls in cs_classes.items()},
      {pascal(name): family for _, name, family, _ in table if family != "ok"})

# docs/bindings.md lists each family's codes for Python and C#: every code of the conflict
# family, no other (the family that grows with each program kind).
bindings_doc = read("docs/bindings.md")
conflicts = sorted(name for _, name, family, _ in table if family == "conflict")
python_row = re.search(r"^\| `Conflict` \| (.*?) \|$", bindings_doc, re.M).group(1)
check("docs/bindings.md Python Conflict row", sorted(python_row.split(", ")), conflicts)
cs_row = re.search(r"^\| `ConflictException` \| (.*?) \+ `Exception` \|$", bindings_doc, re.M).group(1)
check("docs/bindings.md C# ConflictException row", sorted(c.strip("`") for c in cs_row.split(", ")),
      sorted(pascal(name) for name in conflicts))

# --- version ------------------------------------------------------------------------
major, minor, patch = (int(p) for p in version.split("."))
check("bindings/python/pyproject.toml version",
      re.search(r'^version = "([^"]+)"', read("bindings/python/pyproject.toml"), re.M).group(1), version)
check("bindings/python/tally/__init__.py __version__",
      re.search(r'^__version__ = "([^"]+)"', read("bindings/python/tally/__init__.py"), re.M).group(1), version)
native = read("bindings/python/tally/_native.py")
check("bindings/python/tally/_native.py VERSION_MAJOR.MINOR.PATCH",
      tuple(int(re.search(rf"^VERSION_{p} = (\d+)", native, re.M).group(1)) for p in ("MAJOR", "MINOR", "PATCH")),
      (major, minor, patch))
check("bindings/csharp/Tally/Tally.csproj <Version>",
      re.search(r"<Version>([^<]+)</Version>", read("bindings/csharp/Tally/Tally.csproj")).group(1), version)

# --- license ------------------------------------------------------------------------
# LICENSE is Apache-2.0, and every package's metadata names it.
check("LICENSE", "Apache License" in read("LICENSE") and "Version 2.0, January 2004" in read("LICENSE"), True)
check("bindings/python/pyproject.toml license",
      re.search(r'^license = \{text = "([^"]+)"\}', read("bindings/python/pyproject.toml"), re.M).group(1), "Apache-2.0")
check("bindings/csharp/Tally/Tally.csproj <PackageLicenseExpression>",
      re.search(r"<PackageLicenseExpression>([^<]+)<", read("bindings/csharp/Tally/Tally.csproj")).group(1), "Apache-2.0")
check("cmake/tally.pc.in License",
      re.search(r"^License: (.+)$", read("cmake/tally.pc.in"), re.M).group(1), "Apache-2.0")
check("cmake/package.cmake Debian copyright License",
      "License: Apache-2.0" in read("cmake/package.cmake"), True)

for failure in failures:
    print("sources_of_truth:", failure)
if failures:
    sys.exit(1)
print(f"sources_of_truth: {len(table)} status codes, version {version} and the Apache-2.0 license agree in every copy")
