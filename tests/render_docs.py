"""Render FOI response text into the PDF and Word files police bodies publish, at test time.

The real texts in ../shared/ may not be copied into the repository, so PDF/DOCX versions of them are made on
the fly (into pytest's tmp_path or a temp dir) with the page furniture real letters carry: a protective
marking and a letterhead at the top of every page, a web address and "Page N of M" at the bottom. The
two-column renderings put the request beside the response, as many forces' response letters do, and the PDF
one draws them line by line across both columns so a naive reader interleaves them.
"""
from __future__ import annotations

import io
from pathlib import Path

import docx
from fpdf import FPDF

MARKING = "OFFICIAL"
LETTERHEAD = "Example Constabulary - Freedom of Information Unit - Headquarters, Police Road"
WEB_ADDRESS = "www.example.police.uk"
INTRO = "I write in response to your request for information, which is repeated below with our response."
CLOSING = "If you are unhappy with this response you may ask for an internal review."

_FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
]
# Without a Unicode TrueType font fpdf2 only has Latin-1 core fonts: fold the punctuation real letters use.
_LATIN1_FOLDS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
                               "•": "*", "\u00a0": " "})


class _LetterPDF(FPDF):
    def header(self) -> None:
        self.set_font(self.body_font, size=9)
        self.cell(0, 5, MARKING, align="C", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, LETTERHEAD, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font(self.body_font, size=9)
        self.cell(0, 5, WEB_ADDRESS, align="C", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def _new_pdf() -> _LetterPDF:
    pdf = _LetterPDF(format=(148, 210))  # A5: even a short letter runs to several pages
    font = next((p for p in _FONT_CANDIDATES if p.exists()), None)
    if font:
        pdf.add_font("Body", fname=str(font))
        pdf.body_font = "Body"
    else:
        pdf.body_font = "Helvetica"
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()
    pdf.set_font(pdf.body_font, size=10)
    return pdf


def _printable(pdf: _LetterPDF, text: str) -> str:
    return text if pdf.body_font == "Body" else text.translate(_LATIN1_FOLDS).encode("latin-1", "replace").decode("latin-1")


def _write_lines(pdf: _LetterPDF, text: str) -> None:
    """One source line becomes one wrapped paragraph; a blank source line becomes vertical space."""
    for line in text.splitlines():
        if line.strip():
            pdf.multi_cell(0, 5, _printable(pdf, line.strip()), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)


def text_to_pdf(text: str) -> bytes:
    pdf = _new_pdf()
    _write_lines(pdf, text)
    return bytes(pdf.output())


def two_column_pdf(request: str, response: str) -> bytes:
    """Intro, then a Request | Response table drawn row of lines by row of lines, then a closing line."""
    pdf = _new_pdf()
    _write_lines(pdf, INTRO + "\n")
    column_width = (pdf.epw - 10) / 2
    right_x = pdf.l_margin + column_width + 10
    columns = []
    for heading, text in (("Request", request), ("Response", response)):
        lines = [heading]
        for paragraph in text.splitlines():
            wrapped = pdf.multi_cell(column_width, 5, _printable(pdf, paragraph.strip()), dry_run=True,
                                     output="LINES") if paragraph.strip() else [""]
            lines.extend(wrapped)
        columns.append(lines)
    left, right = columns
    for i in range(max(len(left), len(right))):
        if pdf.will_page_break(5):
            pdf.add_page()
        y = pdf.get_y()
        for x, lines in ((pdf.l_margin, left), (right_x, right)):
            if i < len(lines) and lines[i]:
                pdf.set_xy(x, y)
                pdf.cell(column_width, 5, lines[i])
        pdf.set_xy(pdf.l_margin, y + 5)
    pdf.ln(4)
    _write_lines(pdf, CLOSING)
    return bytes(pdf.output())


def _new_docx() -> docx.Document:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = MARKING
    section.header.add_paragraph(LETTERHEAD)
    section.footer.paragraphs[0].text = WEB_ADDRESS
    section.footer.add_paragraph("Page 1 of 1")
    return document


def _docx_bytes(document: docx.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_to_docx(text: str) -> bytes:
    document = _new_docx()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    return _docx_bytes(document)


def two_column_docx(request: str, response: str) -> bytes:
    document = _new_docx()
    document.add_paragraph(INTRO)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Request", "Response"
    for cell, text in ((table.cell(1, 0), request), (table.cell(1, 1), response)):
        paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
        cell.text = paragraphs[0] if paragraphs else ""
        for paragraph in paragraphs[1:]:
            cell.add_paragraph(paragraph)
    document.add_paragraph(CLOSING)
    return _docx_bytes(document)


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner produces: no text layer at all."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(_grey_png(), x=10, y=10, w=180)
    return bytes(pdf.output())


def _grey_png() -> io.BytesIO:
    import struct
    import zlib

    width, height = 40, 20
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return io.BytesIO(png)
