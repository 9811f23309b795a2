"""Workbook (openpyxl) and PDF (reportlab) writers. No Qt here."""
