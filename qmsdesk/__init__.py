"""qmsdesk — 科室质控小组工作台 (quality and safety group workbench) and the quality office's inbox."""

from __future__ import annotations

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("qmsdesk")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
