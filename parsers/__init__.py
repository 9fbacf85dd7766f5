"""Pure functions that turn the bytes of a published FOI response into a Record.

No network and no database: everything here is text in, record out, so every fixture is a one-line test.
Entry points:
    parse_bytes(data, filename=None, content_type=None, url=None) -> Record   (sniffs html/text/pdf/docx)
    parse_html(html, url=None) -> Record
    parse_text(text, title=None) -> Record
"""
from parsers.record import OUTCOMES, Citation, Record

__all__ = ["OUTCOMES", "Citation", "Record"]
