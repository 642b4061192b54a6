"""Build corpus/nlp/data/country_codes.txt: the three-letter codes of the world's countries.

Sports results and tables in German news give each athlete's country as a code in
brackets ("Eva Muster (AUT) 227,8"); a model reading such a line often takes the code for
an organisation, and spreading would then make every "(AUT)" one. The table lets
`corpus.nlp.spreading` spread such a code only as a place. The codes are ISO 3166-1
alpha-3, from the `pycountry` package (LGPL-2.1; its data is Debian's iso-codes, LGPL-2.1).
The Olympic codes that differ from ISO ("GER", "SUI") are not in it.

Run with the `pycountry` package installed (`pip install -e '.[tables]'`):

    python -m gegenlesen.corpus.nlp.build_country_codes
"""

from __future__ import annotations

import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "country_codes.txt"


def main() -> int:
    """Write the table; returns the exit code."""
    try:
        import pycountry
    except ImportError:
        print("needs the pycountry package: pip install pycountry", file=sys.stderr)
        return 1
    codes = sorted({country.alpha_3 for country in pycountry.countries})
    header = [
        "# Three-letter country codes (ISO 3166-1 alpha-3), one a line.",
        "# Made by corpus/nlp/build_country_codes.py from the pycountry package (LGPL-2.1;",
        "# its data is Debian's iso-codes, LGPL-2.1).",
    ]
    TABLE.parent.mkdir(exist_ok=True)
    TABLE.write_text("\n".join(header + codes) + "\n", encoding="utf-8")
    print(f"{len(codes)} codes written to {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
