"""Report text as HTML with spans marked in place: facts, commitments, headings, search hits.

The text is never trusted: every slice between two boundaries goes through
:func:`markupsafe.escape`, and so does every attribute value. Spans may nest (a growth fact
often contains the level fact before it) or cross; tags are kept well nested by closing and
reopening a span where another one crosses it (the reopened part gets the class ``cont``).

>>> str(render("a<b>c", [Mark(1, 4, "fact", {"id": "f1"})]))
'a<mark class="fact" data-id="f1">&lt;b&gt;</mark>c'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

TAGS = {"fact": "mark", "commitment": "mark", "hit": "mark", "heading": "span"}


@dataclass(slots=True)
class Mark:
    """A span of the text to wrap: ``kind`` picks the tag and class; ``attrs`` become ``data-*``."""

    start: int
    end: int
    kind: str
    attrs: Mapping[str, Any] = field(default_factory=dict)
    element_id: str | None = None  # the HTML id, on the first piece only


def _open(mark: Mark, first: bool) -> str:
    tag = TAGS.get(mark.kind, "span")
    cls = mark.kind if first else f"{mark.kind} cont"
    parts = [f'<{tag} class="{escape(cls)}"']
    if first and mark.element_id:
        parts.append(f' id="{escape(mark.element_id)}"')
    for key, value in mark.attrs.items():
        if value is None:
            continue
        parts.append(f' data-{escape(key)}="{escape(value)}"')
    return "".join(parts) + ">"


def _close(mark: Mark) -> str:
    return f"</{TAGS.get(mark.kind, 'span')}>"


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with each mark's span wrapped in its tag; marks outside the text are clipped."""
    n = len(text)
    spans = []
    for m in marks:
        s, e = max(0, min(m.start, n)), max(0, min(m.end, n))
        if e > s:
            spans.append(Mark(s, e, m.kind, m.attrs, m.element_id))
    # Outer spans first: earlier start, then longer; ties keep the given order.
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end, i))
    rank = {i: r for r, i in enumerate(order)}
    bounds = sorted({0, n, *(m.start for m in spans), *(m.end for m in spans)})
    starts: dict[int, list[int]] = {}
    for i in order:
        starts.setdefault(spans[i].start, []).append(i)

    out: list[str] = []
    active: list[int] = []  # marks covering the current piece, by rank
    stack: list[int] = []  # marks open in the HTML, outermost first
    opened: set[int] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [i for i in active if spans[i].end > a] + starts.get(a, [])
        active.sort(key=rank.__getitem__)
        common = 0
        while common < min(len(stack), len(active)) and stack[common] == active[common]:
            common += 1
        for i in reversed(stack[common:]):
            out.append(_close(spans[i]))
        for i in active[common:]:
            out.append(_open(spans[i], i not in opened))
            opened.add(i)
        stack = list(active)
        out.append(str(escape(text[a:b])))
    for i in reversed(stack):
        out.append(_close(spans[i]))
    return Markup("".join(out))


def snippet(text: str, highlights: Iterable[tuple[int, int]]) -> Markup:
    """A search snippet with its matches in ``<mark>``."""
    return render(text, [Mark(s, e, "hit") for s, e in highlights])
