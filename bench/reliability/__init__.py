"""The reliability campaign of issue 8: each scenario starts Préavis as a user does and prints
one row of figures; failures are printed, never hidden. Run `python bench/reliability.py --help`."""
