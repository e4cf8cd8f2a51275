"""The wheel: every package and asset in it, and the kiosk working from it outside the repo."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE_ROOTS = ("kiosk", "inventory_client", "inventory_service")


def _setuptools_config() -> dict[str, Any]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]


def test_every_package_folder_is_listed() -> None:
    listed = set(_setuptools_config()["packages"])
    folders = {
        ".".join(path.parent.relative_to(REPO).parts)
        for root in PACKAGE_ROOTS
        for path in (REPO / root).rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert folders <= listed, f"add to [tool.setuptools] packages: {sorted(folders - listed)}"
    assert "endless_aisle_assets" in listed
    assert _setuptools_config()["package-dir"]["endless_aisle_assets"] == "assets"


def test_every_asset_the_code_uses_is_package_data() -> None:
    globs = _setuptools_config()["package-data"]["endless_aisle_assets"]
    assets = REPO / "assets"
    shipped = [
        p.relative_to(assets).as_posix()
        for p in assets.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    # The generator scripts and their README stay in the repository.
    not_data = {p for p in shipped if p.endswith((".py", ".md"))}
    missing = [
        p
        for p in shipped
        if p not in not_data and not any(fnmatch.fnmatch(p, glob) for glob in globs)
    ]
    assert not missing, f"add a package-data glob for: {missing}"


def test_no_code_builds_paths_into_the_repository() -> None:
    pattern = re.compile(r"""parents\[\d\]\s*/\s*["']assets["']""")
    offenders = [
        str(path.relative_to(REPO))
        for root in PACKAGE_ROOTS
        for path in (REPO / root).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "use endless_aisle_assets instead of repo-relative paths"


def test_a_missing_qm_is_compiled_on_first_use(tmp_path: Path) -> None:
    from kiosk.i18n import compiled_qm, ts_path

    shipped = tmp_path / "translations"
    shipped.mkdir()
    shutil.copy(ts_path("de"), shipped)  # a wheel built without the .qm
    cache = tmp_path / "cache"

    first = compiled_qm("de", shipped, cache_dir=cache)
    assert first is not None and first.parent == cache / "translations"
    assert first.stat().st_size > 1000
    assert compiled_qm("de", shipped, cache_dir=cache) == first  # once
    (shipped / "kiosk_de.ts").write_text(
        ts_path("de").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert compiled_qm("de", shipped, cache_dir=cache) != first  # a changed .ts is rebuilt
    assert compiled_qm("xx", shipped, cache_dir=cache) is None


def _source_copy(dest: Path) -> Path:
    """The checkout as a fresh clone would have it (plus uncommitted work), with the set-up
    step that builds the .qm files run in it."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        source = REPO / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    subprocess.run(
        [sys.executable, "-m", "kiosk.i18n", "build"], cwd=dest, check=True, capture_output=True
    )
    return dest


def _run(python: Path, args: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [str(python), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


_PROBE = """
import json, sys
from importlib import metadata
import endless_aisle_assets as assets
import kiosk, inventory_client, inventory_service
from inventory_service.catalogue import DEMO_CATALOGUE, DEMO_IMAGES
from kiosk import app_version
from kiosk.app import SCAN_SOUND
from kiosk.i18n import compiled_qm
from kiosk.scanning.sources import demo_frames_dir
print(json.dumps({
    "paths": {
        "catalogue": str(DEMO_CATALOGUE),
        "images": str(DEMO_IMAGES),
        "frames": str(demo_frames_dir()),
        "sound": str(SCAN_SOUND),
        "icon": str(assets.ICON),
        "qm_de": str(compiled_qm("de")),
        "qm_fr": str(compiled_qm("fr")),
    },
    "modules": sorted(
        m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)
    ),
    "version": app_version(),
    "sys_path": sys.path,
}))
"""


@pytest.mark.slow
def test_the_wheel_works_outside_the_repository(tmp_path: Path) -> None:
    setuptools = pytest.importorskip("setuptools")
    if int(setuptools.__version__.split(".")[0]) < 77:
        pytest.skip("building offline needs setuptools>=77: pip install 'setuptools>=77'")
    src = _source_copy(tmp_path / "src")
    dist = tmp_path / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dist), str(src)],
        check=True,
        timeout=300,
    )
    [wheel] = dist.glob("endless_aisle-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode()
    assert "endless-aisle-kiosk = kiosk.__main__:main" in scripts
    assert "endless-aisle-service = inventory_service.__main__:main" in scripts
    scripts_in_wheel = [n for n in names if n.startswith("endless_aisle_assets/demo/")]
    assert not [n for n in scripts_in_wheel if n.endswith(".py")]  # generators stay in the repo

    site = tmp_path / "site"
    subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        timeout=300,
    )
    # A clean interpreter: no .pth from the project's venv (its editable install points at
    # the repository); the venv's site-packages only supplies the dependencies.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    deps = sysconfig.get_paths()["purelib"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env |= {
        "PYTHONPATH": os.pathsep.join([str(site), deps]),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }

    example = _run(python, ["-m", "kiosk", "config-example"], env, elsewhere)
    assert example == (REPO / "deploy" / "kiosk.example.toml").read_text(encoding="utf-8")

    probe = json.loads(_run(python, ["-c", _PROBE], env, elsewhere))
    for name, path in probe["paths"].items():
        assert Path(path).is_relative_to(site), (name, path)
        assert Path(path).exists(), (name, path)
    deps_dir = Path(deps)
    from_repo = [
        m
        for m in probe["modules"]
        if Path(m).is_relative_to(REPO) and not Path(m).is_relative_to(deps_dir)
    ]
    assert not from_repo
    assert str(REPO) not in probe["sys_path"]
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", probe["version"])

    frame = sorted((site / "endless_aisle_assets" / "demo" / "frames").glob("01-*"))[0]
    decoded = _run(python, ["-m", "kiosk", "decode", str(frame)], env, elsewhere)
    gtin = frame.stem.split("-")[1]
    assert decoded.split() == [str(frame), "EAN13", gtin]


def test_the_guide_names_every_console_script_and_the_pip_install() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    guide = (REPO / "docs" / "DEPLOY.md").read_text(encoding="utf-8")
    for script in project["scripts"]:
        assert f"`{script}`" in guide, script
    assert "pip install 'endless-aisle[kiosk]'" in guide
    assert "heartbeat_interval_s" in guide
