"""PyInstaller run-time hook: the installed program never writes into its own folder.

Alembic imports the migration scripts from files; Python would otherwise try to leave __pycache__
folders under /opt/qmsdesk or Program Files, which a package removal would then leave behind.
"""

import sys

sys.dont_write_bytecode = True
