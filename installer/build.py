"""Build the qmsdesk bundle from this checkout, and optionally the Debian package or the Windows installer.

    python installer/build.py                 # bundle only: dist/qmsdesk/
    python installer/build.py --deb           # + dist/qmsdesk_<version>_amd64.deb   (Debian, UOS, Kylin)
    python installer/build.py --nsis          # + dist/qmsdesk-<version>-setup.exe   (on Windows, needs NSIS)

A fresh virtual environment is made under build/installer/ (git-ignored), the project and PyInstaller
are installed into it from the package index, and PyInstaller runs installer/qmsdesk.spec. The version
comes from pyproject.toml only. Standard library only, so any Python >= 3.11 can run it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
WINDOWS = sys.platform == "win32"
PYINSTALLER_REQUIREMENT = "pyinstaller>=6.10,<7"
MIB = 1024 * 1024


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def numeric_version(version: str) -> str:
    """Windows wants four numbers (VIProductVersion): 0.1.0 -> 0.1.0.0, 1.2.0rc1 -> 1.2.0.0."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return ".".join(str(n) for n in numbers)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def run(cmd: list[str | os.PathLike[str]], **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def make_venv(work: Path, python: str, reuse: bool) -> Path:
    venv = work / "venv"
    if venv.exists() and not reuse:
        shutil.rmtree(venv)
    if not venv.exists():
        run([python, "-m", "venv", venv])
    py = venv_python(venv)
    run([py, "-m", "pip", "install", "--disable-pip-version-check", "-q", ROOT, PYINSTALLER_REQUIREMENT])
    # The manual's screenshots are taken from the program itself, not kept in git: make them into the checkout
    # now, so the install below carries them into the bundle.
    run([py, "-m", "qmsdesk.manual", "--dest", ROOT / "resources" / "manual"], cwd=work)
    # A reused environment may hold an older build of this same version: replace it with the checkout.
    run([py, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps", "--force-reinstall", ROOT])
    check_installed_packages(py)
    return venv


def check_installed_packages(py: Path) -> None:
    """Every package folder of the checkout must have been installed; a folder left out of pyproject's
    package list would otherwise be missing from the bundle and fail only when a user reaches it."""
    py = py.absolute()
    where = subprocess.run([py, "-c", "import qmsdesk, os; print(os.path.dirname(qmsdesk.__file__))"],
                           capture_output=True, text=True, check=True, cwd=py.parent).stdout.strip()
    installed = Path(where)
    missing = [
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in sorted((ROOT / "qmsdesk").rglob("__init__.py"))
        if "__pycache__" not in init.parts and not (installed.parent / init.relative_to(ROOT)).exists()
    ]
    if missing:
        raise SystemExit("these packages were not installed; add them to [tool.setuptools] packages in "
                         "pyproject.toml: " + ", ".join(missing))


def build_bundle(venv: Path, work: Path, out: Path, trim: bool) -> Path:
    env = dict(os.environ, QMSDESK_BUNDLE_TRIM="1" if trim else "0")
    scripts = venv / ("Scripts" if WINDOWS else "bin")
    # Run outside the checkout so `import qmsdesk` finds the installed package, not the source folder.
    run([scripts / ("pyinstaller.exe" if WINDOWS else "pyinstaller"), "--noconfirm", "--log-level", "WARN",
         "--distpath", out, "--workpath", work / "pyinstaller", INSTALLER / "qmsdesk.spec"], cwd=work, env=env)
    bundle = out / "qmsdesk"
    check_bundle_version(bundle)
    return bundle


def bundle_program(bundle: Path) -> Path:
    return bundle / ("qmsdesk-cli.exe" if WINDOWS else "qmsdesk")


def check_bundle_version(bundle: Path) -> None:
    result = subprocess.run([bundle_program(bundle), "--version"], capture_output=True, text=True, timeout=120)
    expected = f"qmsdesk {project_version()}"
    if result.returncode != 0 or result.stdout.strip() != expected:
        raise SystemExit(f"the bundle does not start: `qmsdesk --version` gave {result.returncode}\n"
                         f"{result.stdout}{result.stderr}\nexpected: {expected}")
    print(f"bundle says: {result.stdout.strip()}")


# --- Debian package ---------------------------------------------------------------------------------

def elf_files(folder: Path) -> list[Path]:
    found = []
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            with p.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(p)
    return found


def system_library_paths() -> dict[str, str]:
    """soname -> path of the 64-bit libraries the dynamic linker knows."""
    paths: dict[str, str] = {}
    listing = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        m = re.match(r"\s*(\S+) \((.*)\) => (\S+)", line)
        if m and "x86-64" in m.group(2):
            paths.setdefault(m.group(1), m.group(3))
    return paths


def owning_package(path: str) -> str | None:
    candidates = {path, os.path.realpath(path)}
    for c in list(candidates):
        candidates.add(c[4:] if c.startswith("/usr/") else "/usr" + c)
    for candidate in candidates:
        result = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":")[0].strip()
    return None


# Libraries Qt's plugins link to that a build machine without a desktop may lack: their packages are
# still dependencies (UOS/Kylin desktops have them anyway).
KNOWN_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
}
# Optional: loaded only if the desktop has them (none of the kept plugins needs them).
OPTIONAL_LIBRARIES = {"libgtk-3.so.0", "libgdk-3.so.0"}


def debian_depends(bundle: Path) -> tuple[str, list[str]]:
    """Depends for the control file: the packages of every system library the bundle links to.

    Like dpkg-shlibdeps, but for a PyInstaller folder: libraries the bundle carries are not dependencies;
    libc6 gets the newest GLIBC symbol version any bundled file asks for.
    """
    elves = elf_files(bundle)
    carried = {p.name for p in bundle.rglob("*")}
    needed: set[str] = set()
    glibc = (2, 17)
    for elf in elves:
        dump = subprocess.run(["objdump", "-p", elf], capture_output=True, text=True).stdout
        needed.update(re.findall(r"^\s+NEEDED\s+(\S+)", dump, re.M))
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", dump):
            glibc = max(glibc, (int(major), int(minor)))
    known = system_library_paths()
    packages: set[str] = set()
    missing: list[str] = []
    for soname in sorted(needed - carried - OPTIONAL_LIBRARIES):
        path = known.get(soname)
        package = (owning_package(path) if path else None) or KNOWN_PACKAGES.get(soname)
        if package is None:
            missing.append(soname)
        elif package != "libc6":
            packages.add(package)
    return ", ".join([f"libc6 (>= {glibc[0]}.{glibc[1]})", *sorted(packages)]), missing


def build_deb(bundle: Path, work: Path, out: Path) -> Path:
    version = project_version()
    stage = work / "deb" / f"qmsdesk_{version}_amd64"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(bundle, stage / "opt" / "qmsdesk", symlinks=True)
    debian = INSTALLER / "debian"
    launcher = stage / "usr" / "bin" / "qmsdesk"
    launcher.parent.mkdir(parents=True)
    shutil.copy2(debian / "qmsdesk.sh", launcher)
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(debian / "qmsdesk.desktop", applications / "qmsdesk.desktop")
    icons = ROOT / "resources" / "icons"
    for size_dir, source in (("256x256", "qmsdesk.png"), ("scalable", "qmsdesk.svg")):
        target = stage / "usr" / "share" / "icons" / "hicolor" / size_dir / "apps" / source
        target.parent.mkdir(parents=True)
        shutil.copy2(icons / source, target)
    control_dir = stage / "DEBIAN"
    control_dir.mkdir()
    depends, missing = debian_depends(stage / "opt" / "qmsdesk")
    if missing:
        print("warning: libraries not found on this machine (the program may miss them at run time): "
              + ", ".join(missing), file=sys.stderr)
    control = (debian / "control.in").read_text("utf-8").format(
        version=version,
        installed_size=folder_size(stage) // 1024,
        depends=depends,
    )
    (control_dir / "control").write_text(control, encoding="utf-8")
    for script in ("postinst", "postrm"):
        shutil.copy2(debian / script, control_dir / script)
    for path in [launcher, control_dir / "postinst", control_dir / "postrm"]:
        path.chmod(0o755)
    for path in stage.rglob("*"):
        # A build under a restrictive umask must not make an unreadable program for other users.
        if path.is_dir():
            path.chmod(0o755)
        elif not path.is_symlink():
            path.chmod(0o755 if os.access(path, os.X_OK) else 0o644)
    deb = out / f"qmsdesk_{version}_amd64.deb"
    # xz at level 1: within a few MiB of the default level, several times faster on a busy build machine.
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", stage, deb])
    print(f"Depends: {depends}")
    return deb


# --- Windows installer --------------------------------------------------------------------------------

def build_nsis(bundle: Path, out: Path, makensis: str) -> Path:
    version = project_version()
    setup = out / f"qmsdesk-{version}-setup.exe"
    run([makensis, "-V2", f"-DVERSION={version}", f"-DVI_VERSION={numeric_version(version)}",
         f"-DPAYLOAD={bundle}", f"-DOUTFILE={setup}", INSTALLER / "windows" / "qmsdesk.nsi"])
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", action="store_true", help="also make the Debian package (needs dpkg-deb, objdump)")
    parser.add_argument("--nsis", action="store_true", help="also make the Windows installer (needs makensis)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the bundle and packages go (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "installer",
                        help="build folder with the virtual environment (default: build/installer/)")
    parser.add_argument("--python", default=sys.executable, help="Python that makes the virtual environment")
    parser.add_argument("--reuse-venv", action="store_true",
                        help="keep the build folder's virtual environment if it exists (faster rebuilds)")
    parser.add_argument("--no-trim", action="store_true",
                        help="keep every Qt plugin and translation (only to measure what trimming saves)")
    parser.add_argument("--makensis", default="makensis", help="the makensis program (default: on PATH)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    out, work = args.out.resolve(), args.work.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    print(f"qmsdesk {project_version()}: building in {work}")
    venv = make_venv(work, args.python, args.reuse_venv)
    bundle = build_bundle(venv, work, out, trim=not args.no_trim)
    print(f"bundle: {bundle}  {folder_size(bundle) / MIB:.1f} MiB")
    if args.deb:
        deb = build_deb(bundle, work, out)
        print(f"debian package: {deb}  {deb.stat().st_size / MIB:.1f} MiB")
    if args.nsis:
        setup = build_nsis(bundle, out, args.makensis)
        print(f"windows installer: {setup}  {setup.stat().st_size / MIB:.1f} MiB")
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
