"""Storage: models, engine and sessions, migrations, backups. No Qt here."""
