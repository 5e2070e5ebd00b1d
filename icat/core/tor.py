"""The Terms of Reference, read from the versioned seed text and cut into anchored sections."""

import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings

PART = re.compile(r"^(\d)\.\s+(\S.{2,70})$")
SECTION = re.compile(r"^([A-F])\.\s+(\S.{2,70})$")
FOOTNOTE = re.compile(r"^[¹²³]")


@dataclass(frozen=True)
class Block:
    kind: str  # "h2", "h3", "p", "li", "note"
    text: str
    anchor: str = ""


@cache
def terms_of_reference() -> tuple[Block, ...]:
    text = (settings.REFERENCE_DATA_DIR / "icat-terms-of-reference.txt").read_text(encoding="utf-8")
    blocks: list[Block] = []
    part = ""
    for raw in re.split(r"\n\s*\n", text):
        line = " ".join(raw.split())
        if not line or line in {"TERMS OF REFERENCE", "FOR"}:
            continue
        line = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", line)
        if match := PART.match(line):
            part = match.group(1)
            blocks.append(Block("h2", line, f"tor-{part}"))
        elif (match := SECTION.match(line)) and part:
            blocks.append(Block("h3", line, f"tor-{part}{match.group(1)}"))
        elif FOOTNOTE.match(line):
            blocks.append(Block("note", line))
        elif line.startswith(("- ", "-\t")):
            blocks.append(Block("li", line[2:].strip()))
        else:
            blocks.append(Block("p", line))
    return tuple(blocks)


def seed_text(name: str) -> str:
    return (settings.REFERENCE_DATA_DIR / name).read_text(encoding="utf-8")
