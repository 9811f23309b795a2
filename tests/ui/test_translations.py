"""Translations: the shipped .qm files are built from their .ts sources; English is selectable."""

from __future__ import annotations

from qmsdesk.ui import i18n_build
from qmsdesk.ui.app import install_translations, translations_dir


def test_shipped_qm_files_match_their_ts_sources(tmp_path):
    for language in i18n_build.LANGUAGES:
        shipped_ts = i18n_build.ts_path(language, translations_dir())
        rebuilt = tmp_path / f"qmsdesk_{language}.qm"
        i18n_build.release(shipped_ts, rebuilt)
        shipped = i18n_build.qm_path(language, translations_dir()).read_bytes()
        assert rebuilt.read_bytes() == shipped, (
            f"{language}: the .qm is stale; run python -m qmsdesk.ui.i18n_build and commit both files")


def test_every_window_string_has_its_english(tmp_path):
    """The shipped English .ts, brought up to date with the window's sources, leaves nothing untranslated
    (a string added with self.tr but not translated would show Chinese in the English window)."""
    import shutil
    import xml.etree.ElementTree as ET

    shutil.copyfile(i18n_build.ts_path("en", translations_dir()), i18n_build.ts_path("en", tmp_path))
    i18n_build.update("en", tmp_path)
    untranslated = [(context.findtext("name"), message.findtext("source"))
                    for context in ET.parse(i18n_build.ts_path("en", tmp_path)).getroot().iter("context")
                    for message in context.iter("message")
                    if message.find("translation").get("type") == "unfinished" or not message.findtext("translation")]
    assert not untranslated, f"run python -m qmsdesk.ui.i18n_build and translate: {untranslated[:10]}"


def test_english_window_reads_in_english_and_chinese_comes_back(qtbot, qapp, ctx):
    from qmsdesk.ui.main_window import MainWindow

    install_translations(qapp, "en")
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
        assert labels[0] == "Dashboard" and "Rectification ledger" in labels and labels[-1] == "Settings"
        assert "Improvement (PDCA)" in labels
        ledger = window.page("ledger")
        assert ledger.add_button.text() == "Add" and ledger.undo_button.text() == "Undo delete"
    finally:
        install_translations(qapp, "zh_CN")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.sidebar.item(0).text() == "工作台"


def test_qmsdesk_lang_switches_the_window_as_lang_does(qtbot, qapp, ctx, monkeypatch):
    """QMSDESK_LANG=en opens the window in English (it once changed only the command line)."""
    from qmsdesk.ui.app import make_app
    from qmsdesk.ui.main_window import MainWindow

    monkeypatch.setenv("QMSDESK_LANG", "en")
    try:
        make_app()  # as `qmsdesk` starts: no --lang, the language chosen in Settings is Chinese
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        assert window.sidebar.item(0).text() == "Dashboard"
        assert window.windowTitle().startswith("Quality group workbench")
    finally:
        install_translations(qapp, "zh_CN")
    monkeypatch.setenv("QMSDESK_LANG", "zh_CN")
    make_app("en")  # --lang wins over the environment
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        assert window.sidebar.item(0).text() == "Dashboard"
    finally:
        install_translations(qapp, "zh_CN")
