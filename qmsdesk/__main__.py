"""`python -m qmsdesk` is the same as the `qmsdesk` command."""

import sys

from qmsdesk.cli import main

sys.exit(main())
