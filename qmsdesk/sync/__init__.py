"""Submission packages, signing and encryption, keyring access, transports, receipts. No Qt here.

Where to look:
- records.month_records(session, period): the month's records for data.json (masked, tombstones);
  records.mask_record_no(), records.canonical_json().
- keys.open_key_store(passphrase=None): OS keyring, or the passphrase key file (PassphraseRequired
  says why and whether the file is new); unit keys, upload token, OfficeKeys and office key files.
- package.build_package / verify_package / read_package; PackageError.code names the refusal. The office
  checks in trust order: package.inspect_package (sizes, counts, signature), then the key, then
  check_members and open_data (decrypt and parse data.json); zip_reader reads the zip defensively.
- enrollment.write_enrollment (office) / read_enrollment / enroll / current_enrollment (unit).
- monthly.build_month_package / send_package: what submitting a month calls.
- outbox.Outbox: every package and its state (built, sent, held, refused, accepted, returned).
- transport.send_to_folder / upload / fetch_receipts (the HTTP contract is in transport's docstring);
  upload returns the office's outcome and raises OfficeRefused with its reason.
- receipts.write_receipt (office) / read_receipt / import_receipts (unit).
"""
