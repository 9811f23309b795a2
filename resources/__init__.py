"""Data files shipped with qmsdesk: indicator catalogue, translations, icons (read with importlib.resources)."""
