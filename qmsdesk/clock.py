"""The program's idea of "now": today's date, in one place below every layer that needs it.

Services, analytics and reports all ask here, so tests and the demo can reason about 'now' and no layer
reaches into another for it.
"""

from __future__ import annotations

from datetime import date


def today() -> date:
    """Today's local date."""
    return date.today()
