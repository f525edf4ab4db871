"""python -m remissgen."""

import sys

from .cli import main

sys.exit(main())
