"""PyInstaller run-time hook: settings the bundled program needs before any of its code runs.

- It never writes into its own folder: Alembic imports the migration scripts from files, and Python
  would otherwise leave __pycache__ folders under /opt/qmsdesk or Program Files, which a removal of
  the package would then leave behind (and a non-admin user cannot write there anyway).
- The Windows window program (qmsdesk.exe, built without a console) has no stdout/stderr; a message
  printed there must not crash it. Errors still reach the log file in the data folder.
"""

import os
import sys

sys.dont_write_bytecode = True

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # open for the life of the program
