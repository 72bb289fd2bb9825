# The benchmark is run by `make bench`, never collected as tests.
collect_ignore_glob = ["*.py"]
