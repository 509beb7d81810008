"""The reliability campaign of issue 8 (docs/reliability.md): fuzzing, injection, concurrent
writers and editors, kill -9, a PostgreSQL restart, load while publishing, the hostile reader.

    python bench/reliability.py all [--quick] [--markdown]
    python bench/reliability.py SCENARIO [--quick]   # fuzz, schemathesis, injection, writers,
                                                     # editors, kill, pg-restart, load, reader

Each scenario starts Préavis as a user does (`preavis db upgrade`, `preavis apply --publish`,
`preavis token create`, `preavis serve`) in a temporary folder and prints one row of figures.
The code is in the package bench/reliability/.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reliability.main import main

if __name__ == "__main__":
    sys.exit(main())
