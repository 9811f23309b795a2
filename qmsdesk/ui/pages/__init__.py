"""One page per area of the main window, named like its service module."""
