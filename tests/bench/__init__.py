"""The search benchmark: `python -m tests.bench.run [--n 200000]` (see run.py). Not collected by pytest."""
