"""Services: the only way the window and the command line change data. No Qt here."""
