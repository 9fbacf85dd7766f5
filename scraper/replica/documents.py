"""Render response texts into the file formats real logs publish: PDF letters, Word documents, spreadsheets.

PDFs carry what real ones do: a running "OFFICIAL" header and "Page N of M" footer on every page, and
optionally a two-column request/response table (which text extraction flattens into interleaved lines).
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from scraper.replica.site import Attachment, Item

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"

# A Unicode TrueType font keeps curly quotes and £ intact; without one we fall back to a core font.
_UNICODE_FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                  Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")]
_LATIN1_FOLDS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
                               "•": "-"})


def attachment_for(name: str, title: str) -> Attachment:
    """A small but well-formed file for an attachment named in a sample's front matter."""
    if name.endswith(".xlsx"):
        return Attachment(name, XLSX, xlsx_bytes([[title], ["Year", "Count"], ["2022", "14"], ["2023", "9"]]))
    if name.endswith(".pdf"):
        return Attachment(name, PDF, pdf_bytes(title, [title, "Please see the table below.", "2022: 14",
                                                       "2023: 9"]))
    if name.endswith(".csv"):
        return Attachment(name, "text/csv", f"{title}\nYear,Count\n2022,14\n2023,9\n".encode())
    raise ValueError(f"no generator for attachment {name!r}")


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    """A one-sheet workbook with inline strings: the least a spreadsheet reader accepts."""
    sheet_rows = "".join(
        f'<row r="{r}">' + "".join(f'<c t="inlineStr"><is><t>{escape(cell)}</t></is></c>' for cell in row) + "</row>"
        for r, row in enumerate(rows, start=1))
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{sheet_rows}</sheetData></worksheet>"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def pdf_bytes(title: str, lines: list[str], *, header: str = "OFFICIAL",
              table: list[tuple[str, str]] | None = None, after: list[str] = ()) -> bytes:
    """A letter-like PDF: running header and "Page N of M" footer, the lines as paragraphs, then an optional
    two-column table whose rows are (request, response) pairs, then the `after` lines."""
    from fpdf import FPDF  # imported here so serving SOH pages never needs fpdf2
    from fpdf.fonts import FontFace

    font_path = next((path for path in _UNICODE_FONTS if path.exists()), None)
    fold = (lambda text: text) if font_path else (lambda text: text.translate(_LATIN1_FOLDS)
                                                  .encode("latin-1", "replace").decode("latin-1"))

    class Letter(FPDF):
        def header(self) -> None:
            self.set_font(family, size=9)
            self.cell(0, 6, header, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font(family, size=9)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C", new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 5, header, align="C")

    pdf = Letter(format="A4")
    pdf.set_title(fold(title))
    if font_path:
        pdf.add_font("Body", fname=str(font_path))
        family = "Body"
    else:
        family = "Helvetica"
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(family, size=11)

    def write_paragraphs(paragraphs: list[str]) -> None:
        for line in paragraphs:
            pdf.multi_cell(0, 5.5, fold(line), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)

    write_paragraphs(lines)
    if table:
        # plain headings: the Unicode font is registered without a bold face
        with pdf.table(col_widths=(50, 50), headings_style=FontFace(emphasis="")) as grid:
            for request, response in [("Request", "Response"), *table]:
                row = grid.row()
                row.cell(fold(request))
                row.cell(fold(response))
        pdf.ln(3)
    write_paragraphs(list(after))
    return bytes(pdf.output())


def docx_bytes(title: str, lines: list[str], *, header: str = "OFFICIAL") -> bytes:
    """A Word document: the header text in the section header, one paragraph per line."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.sections[0].header.paragraphs[0].text = header
    document.sections[0].footer.paragraphs[0].text = header
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def response_document(item: Item) -> Attachment:
    """The file an index_page log links for an item: item.document is "pdf", "pdf-table" or "docx".
    For "pdf-table", lines written "request | response" become rows of a two-column table."""
    if item.document == "docx":
        return Attachment(f"{item.slug}.docx", DOCX, docx_bytes(item.title, item.lines))
    if item.document == "pdf-table":
        rows = [tuple(part.strip() for part in line.split(" | ", 1)) for line in item.lines if " | " in line]
        first = next(i for i, line in enumerate(item.lines) if " | " in line)
        after = [line for line in item.lines[first:] if " | " not in line]
        return Attachment(f"{item.slug}.pdf", PDF, pdf_bytes(item.title, item.lines[:first], table=rows, after=after))
    if item.document == "pdf":
        return Attachment(f"{item.slug}.pdf", PDF, pdf_bytes(item.title, item.lines))
    raise ValueError(f"{item.slug}: unknown document kind {item.document!r}")
