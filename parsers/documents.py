"""Read the text of FOI responses published as PDF or Word files, the way a person reads the letter.

Bytes in, text out. What the raw libraries get wrong, and what is done about it here:
* running headers and footers ("OFFICIAL", the letterhead, "Page 2 of 3", the force's web address) repeat
  on every page: lines repeated at the top or bottom of most pages are dropped;
* request/response letters put the request beside the response in two columns; read line by line those
  interleave, so a two-column stretch of a page is read column by column (PDF: from pypdf's layout mode,
  where columns keep their character positions; DOCX: two-column prose tables are read cell by cell down
  each column);
* PDF lines are wrapped at the page width: wrapped lines are joined back into paragraphs, while blank-line
  paragraph breaks and list items keep their own lines;
* a PDF with no text layer (a scan), a corrupt or encrypted file, or one over the size cap raises
  UnreadableDocument with a reason, rather than quietly returning nothing.
"""
from __future__ import annotations

import io
import re
from collections import Counter

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # a response letter is kilobytes; bigger files are bulk data or scans


class UnreadableDocument(Exception):
    """The bytes cannot be turned into text; `.reason` says why, in words fit for a crawl log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _check_size(data: bytes) -> None:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UnreadableDocument(f"over size cap ({len(data)} bytes > {MAX_DOCUMENT_BYTES})")


# ---------------------------------------------------------------------------------------------------- PDF

def pdf_to_text(data: bytes) -> str:
    _check_size(data)
    pages = [_layout_lines(text) for text in _pdf_page_texts(data)]
    if not any(line.strip() for page in pages for line in page):
        raise UnreadableDocument(f"scanned PDF: no text layer on {len(pages)} pages")
    pages = drop_running_lines(pages)
    paragraphs = [join_wrapped_lines(block) for block in _blocks_across_pages(pages)]
    return "\n\n".join(p for p in paragraphs if p).strip() + "\n"


def _pdf_page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # many PDFs are "encrypted" with an empty password
            raise UnreadableDocument("encrypted")
        return [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except UnreadableDocument:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        if "decrypt" in str(error).lower() or "crypt" in type(error).__name__.lower():
            raise UnreadableDocument("encrypted") from error
        raise UnreadableDocument(f"corrupt PDF: {error or type(error).__name__}") from error


def _blocks_across_pages(pages: list[list[str]]) -> list[list[str]]:
    """Each page's blocks in reading order, with a paragraph that runs over a page break kept whole: the
    last single-column block of a page continues into the first one of the next."""
    blocks: list[list[str]] = []
    previous_page_ended_in_body = False
    for page in pages:
        page_blocks = [(lines, in_columns) for lines, in_columns in split_columns(page) if lines]
        for n, (lines, in_columns) in enumerate(page_blocks):
            if n == 0 and previous_page_ended_in_body and not in_columns:
                blocks[-1] = blocks[-1] + lines
            else:
                blocks.append(lines)
        previous_page_ended_in_body = bool(page_blocks) and not page_blocks[-1][1]
    return blocks


def _layout_lines(text: str) -> list[str]:
    """Layout-mode lines with runs of blank lines collapsed to one (they mark paragraph or page gaps)."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


# ------------------------------------------------------------------------------------ running headers/footers

RUNNING_ZONE = 4  # how many non-blank lines at the top and at the bottom of a page may be page furniture
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?(\d+)(?:\s*(?:of|/)\s*\d+)?$", re.I)
_PROTECTIVE_MARKING = re.compile(r"^(official|official[- ]sensitive|not protectively marked|unclassified)$", re.I)
_BARE_WEB_ADDRESS = re.compile(r"^(https?://)?www\.[\w.-]+/?$", re.I)  # a footer's "www.force.police.uk"


def _edge_lines(page: list[str], page_number: int, page_count: int) -> dict[str, list[tuple[int, tuple]]]:
    """The lines of the page's top and bottom zones, from the edge inward, each with what makes it the same
    running line on another page: which edge, how far from it, and its text with this page's number (and
    the page count) blanked, so "Page 2 of 3" and "Page 3 of 3" match but "3. How many..." does not."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    page_numbers = {str(page_number), str(page_count)}
    edges = {}
    for edge, indexes in (("top", filled[:RUNNING_ZONE]), ("bottom", filled[::-1][:RUNNING_ZONE])):
        edges[edge] = []
        for distance, i in enumerate(indexes):
            words = ["#" if w in page_numbers else w for w in re.findall(r"\w+|[^\w\s]", page[i].lower())]
            edges[edge].append((i, (edge, distance, " ".join(words))))
    return edges


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove headers and footers: lines at the same place in the top/bottom zone of most pages, plus page
    numbers, protective markings and a bare web address there even on a one-page letter. Furniture runs
    from the page edge inward, so the first line of a zone that is neither ends the zone."""
    edges = [_edge_lines(page, n, len(pages)) for n, page in enumerate(pages, start=1)]
    seen = Counter(key for page_edges in edges for lines in page_edges.values() for _, key in lines)
    needed = max(2, round(0.6 * len(pages)))
    cleaned = []
    for number, (page, page_edges) in enumerate(zip(pages, edges), start=1):
        drop = set()
        for lines in page_edges.values():
            for i, key in lines:
                if seen[key] < needed and not _is_page_furniture(page[i], number):
                    break
                drop.add(i)
        kept = [line for i, line in enumerate(page) if i not in drop]
        cleaned.append(_layout_lines("\n".join(kept)))
    return cleaned


def _is_page_furniture(line: str, page_number: int) -> bool:
    line = line.strip()
    number = _PAGE_NUMBER.match(line)
    if number:  # a bare "15" in a table is data; only this page's own number is furniture
        return int(number.group(1)) == page_number
    return bool(_PROTECTIVE_MARKING.match(line) or _BARE_WEB_ADDRESS.match(line))


# ------------------------------------------------------------------------------------------------- columns

MIN_COLUMN_ROWS = 3  # lines that must have text on both sides of a gutter before a page counts as two-column
_GUTTER_SPACES = 2


def split_columns(lines: list[str]) -> list[tuple[list[str], bool]]:
    """Cut a page into blocks to be read in order, each flagged whether it is a column; a two-column
    stretch becomes its left column, then its right column. Lines keep their indentation so wrapped-line
    detection can see where they end."""
    gutter = _find_gutter(lines)
    if gutter is None:
        return [(lines, False)]
    both = [i for i, line in enumerate(lines) if _has_both_sides(line, gutter)]
    start, end = both[0], both[-1]
    while start > 0 and _right_only(lines[start - 1], gutter):
        start -= 1
    while end + 1 < len(lines) and (_right_only(lines[end + 1], gutter) or not lines[end + 1].strip()):
        end += 1
    region = lines[start:end + 1]
    if any(len(line) > gutter and line[gutter - 1] != " " for line in region):
        return [(lines, False)]  # something runs across the gap: not columns after all
    left = [line[:gutter].rstrip() for line in region]
    right = [line[gutter:].rstrip() for line in region]
    return [(lines[:start], False), (left, True), (right, True), *split_columns(lines[end + 1:])]


def _has_both_sides(line: str, gutter: int) -> bool:
    return (len(line) > gutter and line[gutter] != " " and line[:gutter].strip() != ""
            and line[gutter - _GUTTER_SPACES:gutter] == " " * _GUTTER_SPACES)


def _right_only(line: str, gutter: int) -> bool:
    return len(line) > gutter and not line[:gutter].strip()


def _find_gutter(lines: list[str]) -> int | None:
    """The character column where a second column of text starts on several lines after a wide gap."""
    starts = Counter()
    for line in lines:
        for match in re.finditer(r"\S  {%d,}(?=\S)" % (_GUTTER_SPACES + 1), line):
            starts[match.end()] += 1
    for column, count in starts.most_common():
        if count < MIN_COLUMN_ROWS:
            break
        if column > 8:
            return column
    return None


# -------------------------------------------------------------------------------------------- paragraphs

_LIST_ITEM = re.compile(r"^\s*([•·▪●◦\-–*]|\d{1,2}[.)]|\(?[a-zA-Z]\)|\(?[ivx]{1,4}\)|[a-z]\.)\s")
WRAP_SLACK = 0.85  # next word fits within this share of the widest line: the grid widths are approximate


def join_wrapped_lines(lines: list[str]) -> str:
    """Join lines the PDF wrapped at the margin back into paragraphs. A line was wrapped when the next
    line's first word would not have fitted after it; otherwise it ended on purpose (address, heading,
    sign-off). Blank lines stay paragraph breaks and list items keep their own lines."""
    widest = max((len(line.rstrip()) for line in lines), default=0)
    out: list[str] = []
    previous = ""
    for raw in lines:
        text = raw.strip()
        if not text:
            if out and out[-1] != "":
                out.append("")
            previous = ""
            continue
        first_word = text.split()[0]
        wrapped = previous and len(previous) + 1 + len(first_word) > widest * WRAP_SLACK
        if wrapped and not _LIST_ITEM.match(raw):
            out[-1] = _join(out[-1], text)
        else:
            out.append(text)
        previous = raw.rstrip()
    return "\n".join(out).strip()


def _join(head: str, tail: str) -> str:
    if head.endswith("\u00ad"):  # soft hyphen: the word was split only for the line break
        return head[:-1] + tail
    if re.search(r"[A-Za-z]-$", head) and tail[:1].islower():
        return head + tail  # "well-" + "known": the hyphen belongs to the word
    if re.search(r"(://|\bwww\.)\S*$", head) and not tail[:1].isupper():
        return head + tail  # a web address broken at the margin
    return re.sub(r"\s+", " ", head + " " + tail)


# ---------------------------------------------------------------------------------------------------- DOCX

PROSE_CELL_CHARS = 60  # a two-column table whose cells hold sentences is request-beside-response, not data


def docx_to_text(data: bytes) -> str:
    """Body paragraphs and tables in document order (headers and footers are separate parts, left out)."""
    _check_size(data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE container: password-protected Word file
            raise UnreadableDocument("encrypted") from error
        raise UnreadableDocument(f"corrupt DOCX: {error or type(error).__name__}") from error
    except Exception as error:  # lxml and zipfile raise many types for a damaged package
        raise UnreadableDocument(f"corrupt DOCX: {error or type(error).__name__}") from error
    return re.sub(r"\n{3,}", "\n\n", "\n".join(_docx_blocks(document))).strip() + "\n"


def _docx_blocks(container) -> list[str]:
    """One line per Word paragraph (an empty one, used for spacing, gives a blank line, as in the page
    text); each table set off by blank lines."""
    from docx.table import Table

    blocks = []
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for block in _table_blocks(item):
                blocks.extend(["", block, ""])
        else:
            blocks.append(item.text.strip())
    return blocks


def _table_blocks(table) -> list[str]:
    grid = _unique_cells(table)
    width = max((len(row) for row in grid), default=0)
    prose = any(len(_cell_text(cell)) >= PROSE_CELL_CHARS for row in grid for cell in row)
    if width == 2 and prose:
        columns = [_unique([row[c] for row in grid if c < len(row)]) for c in range(2)]
        return ["\n\n".join(_cell_text(cell) for cell in column if _cell_text(cell)) for column in columns]
    return ["\n".join("\t".join(_cell_text(cell) for cell in row) for row in grid)]


def _unique_cells(table) -> list[list]:
    """Rows of cells with horizontally merged cells (which python-docx repeats) counted once."""
    return [_unique(row.cells) for row in table.rows]


def _unique(cells: list) -> list:
    """Merged cells appear once per grid position they span; keep the first."""
    seen, kept = set(), []
    for cell in cells:
        if cell._tc not in seen:
            seen.add(cell._tc)
            kept.append(cell)
    return kept


def _cell_text(cell) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(_docx_blocks(cell))).strip()
