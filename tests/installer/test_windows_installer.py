"""The Windows installer script compiles with NSIS against a stand-in bundle and keeps users' data."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "installer" / "windows" / "qmsdesk.nsi"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def load_build_module():
    spec = importlib.util.spec_from_file_location("qmsdesk_installer_build", ROOT / "installer" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def placeholder_bundle(folder: Path) -> Path:
    """What PyInstaller makes on Windows, with stand-in contents: the script only packs files."""
    bundle = folder / "qmsdesk"
    (bundle / "_internal" / "qmsdesk" / "resources" / "icons").mkdir(parents=True)
    (bundle / "qmsdesk.exe").write_bytes(b"MZ placeholder for the windowed program")
    (bundle / "qmsdesk-cli.exe").write_bytes(b"MZ placeholder for the console program")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK placeholder")
    shutil.copy2(ROOT / "resources" / "icons" / "qmsdesk.ico", bundle / "_internal" / "qmsdesk" / "resources" / "icons")
    return bundle


def section(name: str) -> str:
    text = NSI.read_text("utf-8")
    match = re.search(rf'^Section "{name}".*?^SectionEnd', text, re.M | re.S)
    assert match, f"no section {name}"
    return match.group(0)


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis not installed (apt-get install nsis)")
def test_windows_installer_compiles_with_the_project_version(tmp_path):
    build = load_build_module()
    bundle = placeholder_bundle(tmp_path)
    setup = tmp_path / f"qmsdesk-{VERSION}-setup.exe"
    result = subprocess.run(
        ["makensis", "-V2", "-WX", f"-DVERSION={VERSION}", f"-DVI_VERSION={build.numeric_version(VERSION)}",
         f"-DPAYLOAD={bundle}", f"-DOUTFILE={setup}", str(NSI)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = setup.read_bytes()
    assert data[:2] == b"MZ"
    # Windows shows these in the installer's file properties (UTF-16 version resource).
    assert VERSION.encode("utf-16-le") in data
    assert "科室质控工作台".encode("utf-16-le") in data


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis not installed (apt-get install nsis)")
def test_windows_installer_refuses_to_build_without_a_version(tmp_path):
    bundle = placeholder_bundle(tmp_path)
    result = subprocess.run(["makensis", "-V2", f"-DPAYLOAD={bundle}", f"-DOUTFILE={tmp_path / 'x.exe'}", str(NSI)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "/DVERSION" in result.stdout + result.stderr


def test_uninstall_and_upgrade_touch_only_program_files():
    removing = re.compile(r"^\s*(RMDir|Delete)\b(.*)$", re.M)
    for name in ("Uninstall", "qmsdesk"):
        for command, target in removing.findall(section(name)):
            target = target.replace("/r", "").strip().strip('"')
            assert target.startswith(("$INSTDIR\\", "$SMPROGRAMS\\", "$DESKTOP\\")) or target == "$INSTDIR", target
            assert "APPDATA" not in target and "PROFILE" not in target
            if command == "RMDir" and target != "$INSTDIR":
                assert target == "$INSTDIR\\_internal"


def test_shortcuts_carry_the_chinese_name_and_install_is_per_machine():
    text = NSI.read_text("utf-8")
    assert re.search(r'^Unicode true', text, re.M)
    assert '!define APP_NAME "科室质控工作台"' in text
    install = section("qmsdesk")
    assert 'CreateShortcut "$SMPROGRAMS\\${APP_NAME}.lnk"' in install
    assert 'CreateShortcut "$DESKTOP\\${APP_NAME}.lnk"' in install
    assert 'InstallDir "$PROGRAMFILES64\\${APP_ID}"' in text
    assert "RequestExecutionLevel admin" in text
    assert "SetShellVarContext all" in text


def test_windows_version_numbers_have_four_parts():
    build = load_build_module()
    assert build.numeric_version("0.1.0") == "0.1.0.0"
    assert build.numeric_version("1.2") == "1.2.0.0"
    assert build.numeric_version("2.0.1rc1") == "2.0.1.0"
