"""``python -m crv_io ...``: the crv-io command line (the same commands as the binary)."""

import sys
from typing import List, Optional

from . import _native


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    return _native.cli_main(["crv-io", *args])


if __name__ == "__main__":
    sys.exit(main())
