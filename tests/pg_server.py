"""A throw-away PostgreSQL server for the office store tests and the benchmarks (not part of the product).

When QMSDESK_TEST_PG_URL names no server, the tests start their own from the installed PostgreSQL
programs (initdb + pg_ctl, e.g. /usr/lib/postgresql/15/bin) in a temporary folder, on a free port, and
remove it afterwards, so a newcomer's `pytest` runs the PostgreSQL tests too instead of skipping them.

PostgreSQL refuses to run as root, so under root (CI) the server runs as the `postgres` user that the
Debian package creates, in a folder handed to that user; an ordinary user runs it directly. The server
listens on 127.0.0.1 only and trusts local connections; for tests it runs with fsync off (it holds test
data only), for benchmarks (`durable=True`) with PostgreSQL's default durability, as an office server would.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shlex
import shutil
import socket
import stat
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SERVICE_USER = "postgres"  # made by the Debian package; the server must not run as root
SUPERUSER = "qmsdesk"
DATABASE = "qmsdesk_test"
INSTALL_HINT = ("install PostgreSQL's server programs — on Debian/UOS/Kylin: sudo apt-get install postgresql "
                "(the README's test command does) — or set QMSDESK_TEST_PG_URL to a server you run, e.g. "
                "postgresql+psycopg://qmsdesk:qmsdesk@localhost/qmsdesk_test")


class PostgresUnavailable(RuntimeError):
    """No server can be started here; the message says what to install or set."""


def find_bin_dir(search: list[Path] | None = None) -> Path:
    """The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/<version>/bin, else PATH."""
    if search is None:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                          key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()], reverse=True)
        on_path = shutil.which("initdb")
        search = [*versions, *([Path(on_path).resolve().parent] if on_path else [])]
    for folder in search:
        if all(os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl")):
            return folder
    raise PostgresUnavailable(f"PostgreSQL's initdb and pg_ctl were not found (looked in "
                              f"{', '.join(map(str, search)) or '/usr/lib/postgresql/*/bin and PATH'}): {INSTALL_HINT}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _service_account() -> tuple[int, int] | None:
    """(uid, gid) to run the server as when we are root; None when we can run it ourselves."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd

    try:
        entry = pwd.getpwnam(SERVICE_USER)
    except KeyError:
        raise PostgresUnavailable(f"running as root, and PostgreSQL refuses root, but there is no '{SERVICE_USER}' "
                                  f"user to run it as: {INSTALL_HINT}") from None
    return entry.pw_uid, entry.pw_gid


@dataclass
class ThrowawayPostgres:
    """One server in its own temporary folder; `start()` it, use `url`, `stop()` removes everything."""

    bin_dir: Path = field(default_factory=find_bin_dir)
    folder: Path | None = None
    port: int = 0
    account: tuple[int, int] | None = None
    durable: bool = False  # True: fsync and synchronous commit as on a real server (benchmarks)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    @property
    def data(self) -> Path:
        assert self.folder is not None
        return self.folder / "data"

    def _parent_folder(self) -> str | None:
        """Where to make the folder: the usual temporary folder, unless the service user cannot reach it."""
        if self.account is None:
            return None
        folder = Path(tempfile.gettempdir()).resolve()
        reachable = all(p.stat().st_mode & stat.S_IXOTH for p in (folder, *folder.parents))
        return None if reachable else "/tmp"

    def _run(self, *argv: str, timeout: float = 120) -> None:
        """Run a PostgreSQL program (as the service user under root); its output goes to the folder's log."""
        assert self.folder is not None
        command = [str(self.bin_dir / argv[0]), *argv[1:]]
        if self.account is not None:
            command = (["runuser", "-u", SERVICE_USER, "--", *command] if shutil.which("runuser")
                       else ["su", SERVICE_USER, "-s", "/bin/sh", "-c", shlex.join(command)])
        log = self.folder / "commands.log"
        with open(log, "ab") as out:
            done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=out, stderr=out, cwd=self.folder,
                                  timeout=timeout, check=False)
        if done.returncode != 0:
            tail = log.read_text(errors="replace")[-1500:]
            server_log = self.folder / "server.log"
            if server_log.exists():
                tail += "\n--- server.log ---\n" + server_log.read_text(errors="replace")[-1500:]
            raise PostgresUnavailable(f"{argv[0]} failed ({done.returncode}):\n{tail}")

    def start(self) -> ThrowawayPostgres:
        self.account = _service_account()
        self.folder = Path(tempfile.mkdtemp(prefix="qmsdesk-pg-", dir=self._parent_folder()))
        atexit.register(self.stop)  # a test run that ends abruptly still takes its server down
        try:
            if self.account is not None:
                os.chown(self.folder, *self.account)
            self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                      "--no-locale", "--no-sync")
            for attempt in range(3):  # another program may take the free port before the server does
                self.port = free_port()
                try:
                    options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
                    if not self.durable:
                        options += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
                    self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                              "-o", options, "start")
                    break
                except PostgresUnavailable:
                    if attempt == 2:
                        raise
            self._create_database()
        except BaseException:
            self.stop()
            raise
        return self

    def _create_database(self) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as con:
            con.execute(f"CREATE DATABASE {DATABASE}")

    def stop(self) -> None:
        """Stop the server (at once: its data is thrown away) and remove its folder."""
        folder, self.folder = self.folder, None
        if folder is None:
            return
        self.folder = folder
        # If stopping fails the folder goes anyway: a server whose lock file is gone shuts itself down.
        with contextlib.suppress(PostgresUnavailable, subprocess.TimeoutExpired):
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
        self.folder = None
        shutil.rmtree(folder, ignore_errors=True)
