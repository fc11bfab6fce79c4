"""The frozen bundle's entry point: the same `main` as `python -m rio_desktop`."""

import sys

from rio_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
