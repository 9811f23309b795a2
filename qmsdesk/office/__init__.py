"""The quality office side: import, aggregate queries, office reports. No Qt here."""
