"""CSV the service hands out, safe to open in a spreadsheet (every CSV export uses this).

Style names, brands and notes come from imports and from people, so a cell may start
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, which a spreadsheet runs as a
formula ("CSV injection"). A cell is neutralised with a leading ``'`` (shown by no
spreadsheet, read by all as "this is text").

The file is comma-separated, but a spreadsheet in a German or French locale splits on
``;`` and does not know the file's quoting: ``Comfy shoe;=1+1;`` would give it a cell
``=1+1``. So every place inside a text cell where a ``,`` or ``;`` reader could start a
new cell (after a ``,``, ``;`` or line break) is neutralised too, not only the cell's
start. Numbers are written as they are: the reports' numbers are never negative.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

#: What a spreadsheet takes as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Where a cell can begin for a ``,`` or ``;`` reader (also after any line boundary a
#: reader may split on), followed (after spaces) by a formula start.
_CELL_START_BEFORE_FORMULA = re.compile(
    r"(^|[,;\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])(?=[ ]*[=+\-@\t\r])"
)


def safe_cell(value: object) -> object:
    """``value`` ready for a CSV writer: text neutralised, numbers and booleans unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return _CELL_START_BEFORE_FORMULA.sub(r"\1'", str(value))


def to_csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV document (CRLF line ends, minimal quoting), every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()
