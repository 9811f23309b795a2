"""`python -m qmsdesk` is the same as the `qmsdesk` command."""

import sys

if getattr(sys, "frozen", False):
    # The bundled program (installer/qmsdesk.spec) starts itself again for a batch import's reading process
    # (office/read_ahead.py, multiprocessing's spawn): that start must run the reader, not the program.
    import multiprocessing

    multiprocessing.freeze_support()

from qmsdesk.cli import main  # noqa: E402 - after the reading process's start has been taken

sys.exit(main())
