"""Performance measurements of qmsdesk beside bare baselines; run with `python -m benchmarks [--quick]` (not part of the tests)."""
