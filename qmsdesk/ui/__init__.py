"""The PySide6 window: pages, table models, dialogs, charts. Calls services; holds no SQL and no rules."""

import sys

import PySide6  # noqa: F401  (installs shiboken's import hook, made cheaper below)


def _skip_feature_scan() -> None:
    """PySide6 reads the source of every module imported after it (inspect.getsource) to learn whether the
    module mentions PySide6, for its opt-in `from __feature__ import snake_case` — about 0.3 ms a module:
    20 ms before the window's first paint and 80 ms of the database thread's imports, all holding the GIL
    the window needs. qmsdesk uses no feature; every module gets PySide's default selection (what a module
    that mentions PySide6 gets anyway), and a module that does import from __feature__ still sets its own."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda _module: True


_skip_feature_scan()
