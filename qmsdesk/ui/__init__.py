"""The PySide6 window: pages, table models, dialogs, charts. Calls services; holds no SQL and no rules."""
