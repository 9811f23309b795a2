"""Starting office mode: `qmsdesk office`, or `qmsdesk` when the last mode chosen was office."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit

from qmsdesk.ui.settings import UiSettings


def _key_provider(parent=None):
    """The office keys from the keyring, asking for the key file passphrase where there is no keyring."""
    from qmsdesk.errors import QmsError
    from qmsdesk.office.store import office_keys
    from qmsdesk.sync.keys import PassphraseRequired, open_key_store

    def provide():
        try:
            store = open_key_store()
        except PassphraseRequired as exc:
            text, ok = QInputDialog.getText(parent, QCoreApplication.translate("office", "密钥文件口令"), str(exc),
                                            QLineEdit.EchoMode.Password)
            if not ok or not text:
                raise QmsError(QCoreApplication.translate("office", "未输入口令，无法使用质控办密钥。")) from exc
            store = open_key_store(passphrase=text)
        return office_keys(store)

    return provide


def run_office(args: argparse.Namespace) -> int:
    from qmsdesk.errors import QmsError
    from qmsdesk.office.store import office_folders, open_office_store
    from qmsdesk.ui import messages
    from qmsdesk.ui.app import make_app
    from qmsdesk.ui.office.context import OfficeContext
    from qmsdesk.ui.office.window import OfficeWindow

    settings = UiSettings()
    settings.mode = "office"
    settings.sync()
    app = make_app(getattr(args, "lang", None))
    try:
        store = open_office_store(getattr(args, "db", None))
    except QmsError as exc:
        messages.error(None, QCoreApplication.translate("office", "无法打开质控办汇总库"), str(exc))
        return 1
    ctx = OfficeContext(store, office_folders(getattr(args, "dir", None)), _key_provider())
    window = OfficeWindow(ctx, settings)
    window.show()
    code = app.exec()
    ctx.close()
    return code
