"""Reading every byte a file exports, the way someone hunting for a patient number or a formula would.

`layers` opens a file and everything readable inside it: zip members (xlsx, packages) recursively, and for
PDFs the inflated content streams and the text pdftotext extracts. `leaks` searches them for secrets in
UTF-8 and UTF-16. `live_formulas` lists the cells of a workbook that a spreadsheet would run, and the
formula-like texts stored without the quote prefix.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
import zlib

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _pdf_texts(blob: bytes) -> list[bytes]:
    """The PDF's inflated content streams, and its text as pdftotext reads it."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", blob, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-", "-"], input=blob, capture_output=True, timeout=120)
        out.append(done.stdout)
    return out


def layers(name: str, blob: bytes) -> list[tuple[str, bytes]]:
    """The file itself and everything readable inside it."""
    found = [(name, blob)]
    if blob[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(blob)) as zf:
                for info in zf.infolist():
                    found += layers(f"{name}!{info.filename}", zf.read(info))
        except zipfile.BadZipFile:
            found.append((f"{name}!(not a zip)", b""))
    if blob[:5] == b"%PDF-":
        found += [(f"{name}#text{i}", t) for i, t in enumerate(_pdf_texts(blob))]
    return found


def leaks(files: dict[str, bytes], secrets: list[str]) -> list[str]:
    found = []
    for name, blob in files.items():
        for where, data in layers(name, blob):
            for secret in secrets:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    if secret.encode(encoding) in data:
                        found.append(f"{secret} in {where} ({encoding})")
    return found


def live_formulas(name: str, blob: bytes) -> tuple[list[str], int]:
    """(cells a spreadsheet would run, formula-like texts safely stored) of one workbook."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(blob))
    bad, safe = [], 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                where = f"{name} {ws.title}!{c.coordinate}: {c.value!r}"
                if c.data_type == "f":
                    bad.append(where)
                elif isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS):
                    if c.data_type != "s" or not c.quotePrefix:
                        bad.append(where + " (no quote prefix)")
                    else:
                        safe += 1
    return bad, safe
