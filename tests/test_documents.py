"""PDF and Word readers, on the real shared texts rendered into letters at test time (see render_docs.py)."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

import render_docs
from parsers.documents import MAX_DOCUMENT_BYTES, UnreadableDocument, docx_to_text, pdf_to_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEXTS = sorted(SHARED.glob("corpus/*.txt")) + sorted(SHARED.glob("seeds/*.txt"))
OPCC_LETTER = SHARED / "seeds" / "001_b23d7da4fe84d21d.txt"  # Cambridgeshire OPCC: a request, then the answer


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_pdf_gives_back_the_letters_words_without_page_furniture(path):
    text = path.read_text(encoding="utf-8")
    pdf = render_docs.text_to_pdf(text)
    # On a one-page letter nothing repeats to show the letterhead is furniture, so it stays as text.
    letterhead = words(render_docs.LETTERHEAD) if page_count(pdf) == 1 else []
    assert words(pdf_to_text(pdf)) == letterhead + words(text)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_docx_gives_back_the_letters_words_without_header_or_footer(path):
    text = path.read_text(encoding="utf-8")
    assert words(docx_to_text(render_docs.text_to_docx(text))) == words(text)


def test_pdf_rejoins_wrapped_lines_and_keeps_paragraphs():
    text = OPCC_LETTER.read_text(encoding="utf-8")
    extracted = pdf_to_text(render_docs.text_to_pdf(text))
    assert extracted.split("\n\n")[:5] == [
        "FOI/OPCC/18-021",
        "20th August 2018",
        "Dear Member of the Public",
        "I am writing in response to your request for information under the Freedom of Information Act 2000, "
        "dated 26 July 2018.",
        "You requested the following information:",
    ]
    assert "Page 2 of" not in extracted and "OFFICIAL" not in extracted and "www.example" not in extracted


def test_pdf_keeps_numbered_list_items_on_their_own_lines():
    text = "Please provide:\n1. The number of officers dismissed in 2022\n2. The number reinstated on appeal\n"
    assert pdf_to_text(render_docs.text_to_pdf(text)).splitlines()[2:5] == [
        "Please provide:",
        "1. The number of officers dismissed in 2022",
        "2. The number reinstated on appeal",
    ]


def opcc_request_and_response() -> tuple[str, str]:
    paragraphs = [p for p in OPCC_LETTER.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    asked = paragraphs.index("You requested the following information:")
    return "\n".join(paragraphs[asked + 1:asked + 3]), "\n".join(paragraphs[asked + 3:asked + 10])


@pytest.mark.parametrize("render, read", [(render_docs.two_column_pdf, pdf_to_text),
                                          (render_docs.two_column_docx, docx_to_text)], ids=["pdf", "docx"])
def test_two_column_request_response_table_is_read_column_by_column(render, read):
    request, response = opcc_request_and_response()
    extracted = read(render(request, response))
    expected = [render_docs.INTRO, "Request", request, "Response", response, render_docs.CLOSING]
    assert words(extracted) == words(" ".join(expected))
    assert [line for line in extracted.splitlines() if line][1:5] == [
        "Request",
        "What estimates or analysis does the OPCC hold relating or referring to the impact of “county lines” drug "
        "supply operations in your force area? Please provide copies of any such estimates/analysis or a summary "
        "of the key statistics and findings.",
        "Please advise me on what other information your OPCC force holds relating or referring to “county lines” "
        "drugs supply operations.",
        "Response",
    ]


def test_docx_data_table_is_read_row_by_row():
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["Year", "Stops", "Arrests"], ["2023", "32", "4"], ["2024", "100", "9"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    assert docx_to_text(out.getvalue()) == "Year\tStops\tArrests\n2023\t32\t4\n2024\t100\t9\n"


def test_scanned_pdf_is_unreadable_with_a_reason():
    with pytest.raises(UnreadableDocument) as caught:
        pdf_to_text(render_docs.scanned_pdf())
    assert caught.value.reason == "scanned PDF: no text layer on 1 pages"


@pytest.mark.parametrize("read, kind", [(pdf_to_text, "PDF"), (docx_to_text, "DOCX")])
def test_corrupt_bytes_are_unreadable(read, kind):
    with pytest.raises(UnreadableDocument) as caught:
        read(b"%PDF-1.4\n this is not really a document \x00\xff")
    assert caught.value.reason.startswith(f"corrupt {kind}: ")


@pytest.mark.parametrize("read", [pdf_to_text, docx_to_text])
def test_files_over_the_size_cap_are_unreadable_before_any_parsing(read):
    with pytest.raises(UnreadableDocument) as caught:
        read(b"\x00" * (MAX_DOCUMENT_BYTES + 1))
    assert caught.value.reason == f"over size cap ({MAX_DOCUMENT_BYTES + 1} bytes > {MAX_DOCUMENT_BYTES})"


def test_encrypted_pdf_is_unreadable():
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(render_docs.text_to_pdf("Dear requester,\n")))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UnreadableDocument) as caught:
        pdf_to_text(out.getvalue())
    assert caught.value.reason == "encrypted"


def test_labels_name_the_texts_rendered_here():
    """The eval script renames label files to .pdf/.docx; every label must point at a text that exists."""
    labels = json.loads((SHARED / "corpus" / "labels.json").read_text(encoding="utf-8"))
    assert {label["file"] for label in labels} <= {p.name for p in TEXTS}
