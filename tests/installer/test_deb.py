"""The Debian package, end to end: build it from this checkout, install it, use it, remove it, reinstall it.

This is what the hospital's IT staff do on UOS/Kylin, run on this Debian machine as root: the package
must start (`qmsdesk --version`, the window's self-test offscreen on a demo year), and removing or
reinstalling the program must leave the user's data folder (~/.local/share/qmsdesk) exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
NEEDED_TOOLS = ("dpkg", "dpkg-deb", "dpkg-query", "objdump")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian packages are built on Linux"),
    pytest.mark.skipif(sys.platform.startswith("linux") and os.geteuid() != 0,
                       reason="installing a .deb with dpkg needs root"),
    pytest.mark.skipif(any(shutil.which(t) is None for t in NEEDED_TOOLS),
                       reason="needs " + ", ".join(NEEDED_TOOLS) + " (dpkg, binutils)"),
]


def run(cmd: list[str | os.PathLike[str]], env: dict[str, str] | None = None, timeout: float = 600,
        ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, timeout=timeout)
    if ok:
        assert result.returncode == 0, f"{' '.join(map(str, cmd))} -> {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def installed(package: str) -> bool:
    result = run(["dpkg-query", "-W", "-f=${Status}", package], ok=False)
    return result.returncode == 0 and "install ok installed" in result.stdout


def install_dependencies(deb: Path) -> None:
    """A fresh machine may lack a library the bundle links to: apt installs it, as `apt install ./x.deb` would."""
    depends = run(["dpkg-deb", "-f", deb, "Depends"]).stdout
    names = [d.split("(")[0].strip() for d in depends.split(",") if d.strip()]
    missing = [n for n in names if not installed(n)]
    if missing:
        run(["apt-get", "install", "-y", "--no-install-recommends", *missing], timeout=900)


def repack_as_next_version(deb: Path, folder: Path) -> tuple[Path, str]:
    """The same program under a higher version number, to install over the current one as an upgrade."""
    tree = folder / "next"
    run(["dpkg-deb", "-R", deb, tree])
    control = tree / "DEBIAN" / "control"
    version = f"{VERSION}+upgradetest1"
    control.write_text(re.sub(r"^Version: .*$", f"Version: {version}", control.read_text("utf-8"), flags=re.M),
                       encoding="utf-8")
    out = folder / f"qmsdesk_{version}_amd64.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "--build", tree, out])
    shutil.rmtree(tree)
    return out, version


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def deb(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("build")
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(ROOT / "installer" / "build.py"), "--deb", "--out", str(out),
                             "--work", str(work)], capture_output=True, text=True, timeout=2400)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    print(f"build took {time.monotonic() - started:.0f} s")
    shutil.rmtree(work, ignore_errors=True)  # the build's virtual environment, ~1 GiB
    return out / f"qmsdesk_{VERSION}_amd64.deb"


@pytest.fixture
def user_env(tmp_path) -> dict[str, str]:
    """A head nurse's login: her own home folder, the program's default data location inside it."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in {"QMSDESK_DATA_DIR", "QMSDESK_DB", "XDG_DATA_HOME", "PYTHONPATH", "VIRTUAL_ENV"}}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", QMSDESK_USER="王护士长", QMSDESK_LANG="zh_CN")
    return env


def test_deb_installs_runs_and_keeps_data_through_removal_reinstall_and_upgrade(deb, user_env, tmp_path):
    control = run(["dpkg-deb", "-f", deb, "Package", "Version", "Architecture"]).stdout
    assert f"Version: {VERSION}" in control and "Package: qmsdesk" in control and "Architecture: amd64" in control
    contents = run(["dpkg-deb", "-c", deb]).stdout
    assert "./usr/bin/qmsdesk" in contents and "./opt/qmsdesk/qmsdesk" in contents
    assert "./usr/share/icons/hicolor/256x256/apps/qmsdesk.png" in contents
    assert "/home/" not in contents and ".local/share" not in contents  # no user data ever ships

    install_dependencies(deb)
    try:
        run(["dpkg", "-i", deb])
        assert run(["/usr/bin/qmsdesk", "--version"], env=user_env).stdout.strip() == f"qmsdesk {VERSION}"
        desktop = Path("/usr/share/applications/qmsdesk.desktop").read_text("utf-8")
        assert "Name[zh_CN]=科室质控工作台" in desktop and "Exec=qmsdesk" in desktop
        if shutil.which("desktop-file-validate"):
            run(["desktop-file-validate", "/usr/share/applications/qmsdesk.desktop"])

        # The demo year goes into the default database in the user's data folder, then the window's
        # self-test opens it and visits every page and dialog, offscreen.
        data_dir = Path(user_env["HOME"]) / ".local" / "share" / "qmsdesk"
        db = data_dir / "qmsdesk.db"
        run(["qmsdesk", "demo"], env=user_env)
        assert db.exists()
        selftest = run(["qmsdesk", "selftest"], env=user_env, timeout=900)
        assert "自检通过" in selftest.stdout
        status_before = run(["qmsdesk", "status", "--period", "2026-10"], env=user_env).stdout
        assert status_before.strip()
        assert not list(Path("/opt/qmsdesk").rglob("__pycache__")), "the program wrote into its own folder"

        digest = sha256(db)
        run(["dpkg", "-r", "qmsdesk"])
        assert not installed("qmsdesk")
        assert not Path("/opt/qmsdesk").exists() and not Path("/usr/bin/qmsdesk").exists()
        assert not Path("/usr/share/applications/qmsdesk.desktop").exists()
        assert sha256(db) == digest, "removing the program changed the user's database"

        run(["dpkg", "-i", deb])
        assert run(["qmsdesk", "status", "--period", "2026-10"], env=user_env).stdout == status_before
        assert "自检通过" in run(["qmsdesk", "selftest"], env=user_env, timeout=900).stdout

        # An upgrade is installing the newer package over the older one: the program is replaced
        # (old removal scripts run with "upgrade") and the data folder is left as it was.
        upgrade, upgrade_version = repack_as_next_version(deb, tmp_path)
        run(["dpkg", "-i", upgrade])
        assert run(["dpkg-query", "-W", "-f=${Version}", "qmsdesk"]).stdout == upgrade_version
        assert Path("/opt/qmsdesk/qmsdesk").exists()
        assert run(["qmsdesk", "status", "--period", "2026-10"], env=user_env).stdout == status_before
    finally:
        # Purge, so not even dpkg's record of the package ("rc") outlives the test.
        run(["dpkg", "--purge", "qmsdesk"], ok=False)
