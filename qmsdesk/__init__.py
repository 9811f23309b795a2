"""qmsdesk — 科室质控小组工作台 (quality and safety group workbench) and the quality office's inbox."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # `qmsdesk.__version__` is read from the installed metadata when first asked for: importing
    # importlib.metadata costs more than showing the window's first paint, and most runs never ask.
    if name != "__version__":
        raise AttributeError(f"module 'qmsdesk' has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("qmsdesk")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        version = "0.0.0+source"
    globals()["__version__"] = version
    return version
