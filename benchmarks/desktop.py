"""A private desktop session for the measured commands: a D-Bus session bus with an unlocked Secret Service.

On a ward PC `qmsdesk submit` keeps its signing key in the desktop's keyring (Secret Service on UOS, Kylin
and Debian desktops; Credential Manager on Windows), so the measured process must reach a real one: a
plaintext file backend named in PYTHON_KEYRING_BACKEND would skip keyring's backend discovery, and the
passphrase key file would add a deliberate scrypt delay no desktop user has. Without dbus-daemon and
gnome-keyring-daemon the session falls back to the passphrase key file and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Session:
    environ: dict[str, str]  # add to a child's environment
    keyring: str  # what holds the keys, for the table's notes


def _has_owner(environ: dict[str, str], name: str) -> bool:
    done = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
                           "org.freedesktop.DBus.NameHasOwner", f"string:{name}"], capture_output=True, text=True,
                          env=environ, timeout=10, check=False)
    return "boolean true" in done.stdout


@contextmanager
def desktop_session(folder: Path) -> Iterator[Session]:
    """Start the bus and the keyring in `folder` (its HOME and XDG folders); stop them afterwards."""
    tools = ("dbus-daemon", "gnome-keyring-daemon", "dbus-send")
    if not all(shutil.which(t) for t in tools):
        yield Session({"QMSDESK_KEY_PASSPHRASE": "benchmark-passphrase"},
                      "passphrase key file (no dbus-daemon/gnome-keyring-daemon here; scrypt on every run)")
        return
    home = folder / "home"
    run = folder / "run"
    for p in (home, run):
        p.mkdir(parents=True, exist_ok=True)
    run.chmod(0o700)
    environ = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_RUNTIME_DIR": str(run)}
    environ.pop("DISPLAY", None)  # with a display the daemon would wait for a password prompt
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, env=environ, text=True)
    keyring = None
    try:
        address = bus.stdout.readline().strip() if bus.stdout else ""
        if not address:
            raise RuntimeError("dbus-daemon gave no address")
        environ["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                                   stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env=environ)
        assert keyring.stdin is not None
        keyring.stdin.write(b"benchmark-keyring")  # the password creates and unlocks the login collection
        keyring.stdin.close()
        for _ in range(200):
            if _has_owner(environ, "org.freedesktop.secrets"):
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("gnome-keyring-daemon did not appear on the session bus")
        yield Session({k: environ[k] for k in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR",
                                               "DBUS_SESSION_BUS_ADDRESS")},
                      "Secret Service (gnome-keyring on a private session bus), as on a Linux desktop")
    finally:
        for proc in (keyring, bus):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
