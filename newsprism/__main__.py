"""`python -m newsprism` runs the same command line as the `newsprism` console script."""

from newsprism.cli import main

main()
