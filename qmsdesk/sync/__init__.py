"""Submission packages, signing and encryption, keyring access, transports. No Qt here."""
