"""Case → the document's body as blocks, in the seed's reading order: title, addressees,
the standard sections with the extra ones after the heading each names, closing and
signatures. The page header's values are the Word template's placeholders (word.templating)."""

from __future__ import annotations

from .. import richtext
from ..blocks import Block, Columns, Heading, Paragraph, Run, plain, simple_list
from ..word import styles
from . import typography
from .model import Case
from .phrases import phrases, section_headings


def blocks(case: Case) -> list[Block]:
    """Return the body of the tjänsteutlåtande for `case`, top to bottom."""
    p = phrases()
    out: list[Block] = [_addressees(case), Heading(case.rubrik, 1)]
    if case.underrubrik:
        out.append(plain(case.underrubrik, styles.SUBTITLE))
    for heading, content in _sections(case):
        out.append(Heading(heading, 2))
        out += content
        out += _chained(case, heading)
    if case.avslutning:
        out.append(plain(case.avslutning))
    if isinstance(out[-1], Paragraph):  # the closing text never stands apart from the end
        out[-1] = out[-1]._replace(keep_with_next=True)
    out.append(plain(p.etikett_expedieras(), styles.LABEL, keep_with_next=True))
    out += [plain(r, styles.BLOCK_LINE, keep_with_next=True) for r in case.expedieras_till]
    out.append(Columns(tuple((plain(u.namn, styles.SIGNATURE), plain(u.titel, styles.BLOCK_LINE))
                             for u in case.underskrifter)))
    if case.bilagor:
        out.append(plain(p.etikett_bilagor(len(case.bilagor)), styles.LABEL))
        if len(case.bilagor) == 1:
            out.append(plain(case.bilagor[0], styles.BLOCK_LINE))
        else:
            out.append(simple_list([(Run(b),) for b in case.bilagor], numbered=True))
    return typography.running(out, styles.RUNNING)




def _chained(case: Case, heading: str) -> list[Block]:
    """Return the extra sections placed after `heading`, each followed by its own followers."""
    out: list[Block] = []
    for extra in (a for a in case.avsnitt if a.efter == heading):
        out.append(Heading(extra.rubrik, 2))
        out += richtext.parse(extra.text)
        out += _chained(case, extra.rubrik)
    return out


def _addressees(case: Case) -> Columns:
    p = phrases()
    left = [plain(p.etikett_handläggare(), styles.LABEL), plain(case.handläggare.namn, styles.BLOCK_LINE)]
    if case.handläggare.telefon:
        left.append(plain(p.telefon(case.handläggare.telefon), styles.BLOCK_LINE))
    if case.handläggare.e_post:
        left.append(plain(p.e_post(case.handläggare.e_post), styles.BLOCK_LINE))
    right = [plain(p.etikett_till(), styles.LABEL), plain(case.nämnd, styles.BLOCK_LINE),
             plain(p.långt_datum(case.sammanträde), styles.BLOCK_LINE)]
    return Columns((tuple(left), tuple(right)))


def _sections(case: Case) -> list[tuple[str, list[Block]]]:
    h = section_headings()
    points = case.förslag_till_beslut
    decision: list[Block] = (
        [Paragraph(richtext.inline(points[0]))] if len(points) == 1
        else [simple_list([richtext.inline(x) for x in points], numbered=True)])
    sections = [(h["förslag_till_beslut"], decision),
                (h["sammanfattning"], richtext.parse(case.sammanfattning)),
                (h["bakgrund"], richtext.parse(case.bakgrund))]
    if case.beredning is not None:
        sections.append((h["beredning"], _beredning(case)))
    sections += [(h["ärendet"], richtext.parse(case.ärendet)),
                 (h["synpunkter"], richtext.parse(case.synpunkter))]
    return sections


def _beredning(case: Case) -> list[Block]:
    """Return the beredning text with the derived sentence continuing its last paragraph."""
    assert case.beredning is not None
    content = richtext.parse(case.beredning.text or "")
    sentence = case.beredning_mening
    if sentence:
        last = content[-1] if content else None
        if isinstance(last, Paragraph):
            content[-1] = Paragraph((*last.runs, Run(" " + sentence)), last.style)
        else:
            content.append(plain(sentence))
    return content

