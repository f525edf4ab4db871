"""Case files for the benchmark: variations of the seed, and large cases for size scaling.

Every case is the seed's YAML tree with some fields changed, written back as YAML with
multi-line texts as literal blocks, so the files read like ones an official writes.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

NAMES = ("Christina Grefveberg", "Anna Lindqvist", "Mohammed Ali", "Eva Johansson",
         "Lars Öberg", "Sara Nilsson", "Johan Åkesson", "Fatima Hassan")


class _Dumper(yaml.SafeDumper):
    """A SafeDumper that writes multi-line strings as literal blocks."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def seed_tree(seed: Path) -> dict[str, Any]:
    """Return the seed case file as a plain YAML tree."""
    tree: dict[str, Any] = yaml.safe_load(seed.read_text(encoding="utf-8"))
    return tree


def dump(tree: dict[str, Any], path: Path) -> Path:
    """Write `tree` as a case file at `path`; return the path."""
    path.write_text(yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              width=100), encoding="utf-8")
    return path


WORDS = ("förvaltningen", "nämnden", "staden", "företag", "sociala", "arbetsmarknaden",
         "upphandling", "samverkan", "insatser", "verksamheten", "individen", "möjlighet",
         "utveckling", "budget", "projekt", "krav", "beställare", "tjänster", "varor", "mål",
         "aktiviteter", "kapacitet", "samhället", "innovativa", "lösningar", "hållbart",
         "jämlikt", "inkluderande", "stadsdelsområdet", "målgruppen", "arbetsträna", "miljö",
         "förutsättningar", "ansvarat", "finansierade", "syftade", "öka", "samarbetet",
         "positiv", "handlingsplan", "främjas", "idéburna", "sektorn", "betydelsefull",
         "remissen", "motionären", "föreslår", "bedömer", "konstaterar", "under", "året",
         "inom", "genom", "för", "och", "att", "som", "med", "till", "av", "på", "i")


def sentence(rng: random.Random) -> str:
    """Return a sentence of 8–16 words drawn by `rng`."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def paragraphs(count: int, offset: int = 0) -> str:
    """Return `count` distinct paragraphs of Swedish-looking prose, two to four sentences each.

    The words are drawn at random (seeded by `offset`), so no two paragraphs repeat, as in a
    real text: repeated paragraphs would flatter any per-string cache and zlib alike.
    """
    rng = random.Random(offset)
    out = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(count)]
    return "\n\n".join(out) + "\n"


def list_items(count: int, numbered: bool, offset: int = 0) -> str:
    """Return `count` distinct list lines, bulleted or numbered from 1."""
    rng = random.Random(offset + 1_000_003)
    return "".join(f"{f'{i + 1}.' if numbered else '-'} {sentence(rng)}\n" for i in range(count))


def variant(tree: dict[str, Any], i: int) -> dict[str, Any]:
    """Return the i-th variation: other official, dates, numbers and 1–6 paragraphs per text."""
    case = copy.deepcopy(tree)
    base = dt.date(2021, 1, 4) + dt.timedelta(days=(i * 3) % 700)
    case["datum"] = base
    case["sammanträde"] = base + dt.timedelta(days=14)
    case["diarienummer"] = f"SÖD {2021 + i % 4}/{1000 + i}"
    case["handläggare"] = {"namn": NAMES[i % len(NAMES)], "telefon": f"08-508 {100 + i % 900} 92"}
    case["remiss"]["diarienummer"] = f"{2021 + i % 4}/{i + 1}"
    case["remiss"]["ärende"] = f"Motion nummer {i + 1} om sociala företag i Stockholm"
    case["remiss"]["även_till"] = case["remiss"]["även_till"][: 1 + i % 11]
    case["ärendet"] = paragraphs(1 + i % 6, i)
    synpunkter = paragraphs(1 + (i // 6) % 6, i + 1)
    if i % 3 == 0:  # a third of the cases carry a bulleted list
        synpunkter += "\n" + list_items(2 + i % 5, numbered=False, offset=i)
    case["synpunkter"] = synpunkter
    for person in case["beredning"]["behandlat"]:
        person["datum"] = base + dt.timedelta(days=4)
    return case


def sized(tree: dict[str, Any], n_paragraphs: int, n_items: int) -> dict[str, Any]:
    """Return the seed with `n_paragraphs` paragraphs in ärendet and `n_items` list items
    (half bulleted, half numbered) in synpunkter."""
    case = copy.deepcopy(tree)
    case["ärendet"] = paragraphs(n_paragraphs)
    bullets, numbers = n_items // 2, n_items - n_items // 2
    case["synpunkter"] = (paragraphs(1, 1) + "\n" + list_items(bullets, numbered=False) + "\n"
                          + paragraphs(1, 2) + "\n" + list_items(numbers, numbered=True, offset=1))
    return case


def batch(seed: Path, folder: Path, count: int) -> list[Path]:
    """Write `count` variations of the seed into `folder`; return their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    tree = seed_tree(seed)
    return [dump(variant(tree, i), folder / f"fall-{i:04d}.yaml") for i in range(count)]
