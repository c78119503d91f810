# SPDX-License-Identifier: Apache-2.0
"""The PEP 517 build backend of the tally package: setuptools, with an offline fallback.

setuptools before 70.1 builds wheels only with the separate `wheel` package. A machine
that cannot reach a package index and has setuptools without `wheel` could then not run
`pip install --no-build-isolation bindings/python` at all. The package is pure Python, so
when setuptools cannot build a wheel this backend writes the (py3-none-any) wheel itself,
from the metadata in pyproject.toml. Everywhere else it is setuptools.build_meta.
(TALLY_BUILD_BACKEND_FALLBACK=1 in the environment forces the fallback, to test it.)
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import zipfile

try:
    from setuptools import build_meta as _setuptools
except ImportError:  # no setuptools at all: wheels still build, sdists do not
    _setuptools = None

_HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bindings/python


def _setuptools_builds_wheels() -> bool:
    if _setuptools is None:
        return False
    try:
        import wheel  # noqa: F401
        return True
    except ImportError:
        pass
    try:
        from setuptools.command import bdist_wheel  # noqa: F401  (setuptools >= 70.1)
        return True
    except ImportError:
        return False


_DELEGATE = _setuptools_builds_wheels() and not os.environ.get("TALLY_BUILD_BACKEND_FALLBACK")


# sdists are setuptools' in every case.
def get_requires_for_build_sdist(config_settings=None):
    return _setuptools.get_requires_for_build_sdist(config_settings) if _setuptools else ["setuptools>=61"]


def build_sdist(sdist_directory, config_settings=None):
    if _setuptools is None:
        raise RuntimeError("building an sdist of tally needs setuptools")
    return _setuptools.build_sdist(sdist_directory, config_settings)


def get_requires_for_build_wheel(config_settings=None):
    return _setuptools.get_requires_for_build_wheel(config_settings) if _DELEGATE else []


def get_requires_for_build_editable(config_settings=None):
    if _DELEGATE and hasattr(_setuptools, "get_requires_for_build_editable"):
        return _setuptools.get_requires_for_build_editable(config_settings)
    return []


if _DELEGATE:
    prepare_metadata_for_build_wheel = _setuptools.prepare_metadata_for_build_wheel


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    if _DELEGATE:
        return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)
    return _build(wheel_directory, editable=False)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    if _DELEGATE and hasattr(_setuptools, "build_editable"):
        return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
    return _build(wheel_directory, editable=True)


# --- the fallback wheel builder ---------------------------------------------------------


def _project() -> dict:
    path = os.path.join(_HERE, "pyproject.toml")
    try:
        import tomllib  # Python 3.11+
    except ImportError:
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            tomllib = None
    if tomllib is not None:
        with open(path, "rb") as f:
            return tomllib.load(f)["project"]
    # Enough of TOML for the [project] table's plain string keys.
    project, section = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            header = re.match(r"\s*\[([^\]]+)\]\s*$", line)
            if header:
                section = header.group(1).strip()
                continue
            pair = re.match(r'\s*([A-Za-z0-9_-]+)\s*=\s*"([^"]*)"\s*$', line)
            if section == "project" and pair:
                project[pair.group(1)] = pair.group(2)
    return project


def _metadata(project: dict) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
    ]
    if project.get("description"):
        lines.append(f"Summary: {project['description']}")
    if project.get("requires-python"):
        lines.append(f"Requires-Python: {project['requires-python']}")
    for classifier in project.get("classifiers", []) if isinstance(project.get("classifiers"), list) else []:
        lines.append(f"Classifier: {classifier}")
    body = ""
    readme = project.get("readme")
    if isinstance(readme, str) and os.path.isfile(os.path.join(_HERE, readme)):
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(_HERE, readme), encoding="utf-8") as f:
            body = "\n" + f.read()
    return "\n".join(lines) + "\n" + body


def _package_files():
    package = os.path.join(_HERE, "tally")
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py") or name == "py.typed":
                full = os.path.join(folder, name)
                yield full, os.path.relpath(full, _HERE).replace(os.sep, "/")


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _build(wheel_directory: str, editable: bool) -> str:
    project = _project()
    name = re.sub(r"[-_.]+", "_", project["name"]).lower()
    version = project["version"]
    filename = f"{name}-{version}-py3-none-any.whl"
    dist_info = f"{name}-{version}.dist-info"
    entries = []
    if editable:
        entries.append((f"__editable__.{name}-{version}.pth", (_HERE + "\n").encode()))
    else:
        for full, arcname in _package_files():
            with open(full, "rb") as f:
                entries.append((arcname, f.read()))
    entries.append((f"{dist_info}/METADATA", _metadata(project).encode("utf-8")))
    entries.append(
        (
            f"{dist_info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: tally_build_backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
    )
    entries.append((f"{dist_info}/top_level.txt", b"tally\n"))
    record = "".join(f"{arc},{_digest(data)},{len(data)}\n" for arc, data in entries)
    record += f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))
    os.makedirs(wheel_directory, exist_ok=True)
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as whl:
        for arcname, data in entries:
            info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data)
    return filename
