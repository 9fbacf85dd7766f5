"""The "index page" family: logs that are plain listings of responses, in three real shapes.

"wordpress" (most PCCs): /transparency/freedom-of-information/disclosure-log/ shows the newest year, with links
    to one page per year (/…/disclosure-log/2023/); each entry is an <article> whose link is the response as a
    PDF or DOCX under /wp-content/uploads/YYYY/MM/, with reference and date beside it.
"aspx" (older force sites): /advice-information/freedom-of-information/disclosure-log.aspx lists years
    (/…/disclosure-log/2024.aspx); each year page is a table of reference, date and a link to an HTML item page
    (/…/disclosure-log/2024/09/<item>.aspx) with the site's own (non-SOH) chrome.
"own-site" (a Commissioner's or a force's own site, any CMS): the log page sits wherever the body publishes
    it and lists its responses, newest first, as PDF/DOCX letters under /media/YYYY/MM/ or as HTML pages at a
    path the body chose (`item_template`, e.g. "/en/disclosure-log/{slug}/"); `group_template` adds one page per
    year ("<log>-{year}", the log page showing the newest) or per category ("<log>{category}/", the log page
    linking only those), linked from the log page. Its registry options are the body's own (sources.yml).
Listings paginate with ?page=N and a rel="next" link. The registry options each site hands out name the CSS
selectors an adapter needs, so a new log of a known shape is a registry entry.
"""
from __future__ import annotations

from html import escape

from scraper.replica.documents import response_document
from scraper.replica.html import paginated, paragraphs
from scraper.replica.site import Attachment, Item, Page, Site, category_of, long_date

WORDPRESS_OPTIONS = {
    "entry_selector": "article.foi-entry", "item_link_selector": "h2.foi-entry__title a",
    "title_selector": "h2.foi-entry__title", "date_selector": "time", "reference_selector": ".foi-entry__reference",
    "index_link_selector": "nav.foi-years a", "next_selector": 'a[rel="next"]',
}
ASPX_OPTIONS = {
    "entry_selector": "table.disclosures tbody tr", "item_link_selector": "td.title a", "title_selector": "td.title",
    "date_selector": "td.date", "date_format": "%d/%m/%Y", "reference_selector": "td.ref",
    "index_link_selector": "ul.years a", "next_selector": 'a[rel="next"]',
}
_documents: dict[tuple, Attachment] = {}  # rendering PDFs is the slow part of a rebuild; items rarely change


def index_page_site(slug: str, name: str, items: list[Item], *, shape: str = "wordpress", kind: str = "pcc",
                    page_size: int = 10) -> Site:
    if shape == "wordpress":
        start = prefix = "/transparency/freedom-of-information/disclosure-log/"
        options = {"path_prefix": prefix, **WORDPRESS_OPTIONS}
    elif shape == "aspx":
        start = "/advice-information/freedom-of-information/disclosure-log.aspx"
        prefix = "/advice-information/freedom-of-information/disclosure-log"
        options = {"path_prefix": prefix, **ASPX_OPTIONS}
    else:
        raise ValueError(f"unknown index_page shape {shape!r}")
    return Site(slug=slug, name=name, kind=kind, platform="index_page", prefix=prefix, items=items,
                start_path=start, layout={"shape": shape}, options=options, page_size=page_size)


def own_site_log(slug: str, name: str, items: list[Item], *, log_path: str, options: dict,
                 item_template: str | None = None, group_template: str | None = None, group_by: str = "year",
                 kind: str = "pcc", page_size: int = 10) -> Site:
    """A body's own log at `log_path`, crawled with the registry `options` of the body it models. Items are
    letters (item.document "pdf"/"docx") unless `item_template` ({slug}, {category}) places them as HTML pages;
    `group_template` ({year} or {category}, as `group_by` says) adds the pages they are grouped on."""
    if group_by not in ("year", "category"):
        raise ValueError(f"group_by is 'year' or 'category', not {group_by!r}")
    layout = {"shape": "own-site", "item": item_template, "group": group_template, "group_by": group_by}
    return Site(slug=slug, name=name, kind=kind, platform="index_page", prefix=log_path, items=items,
                start_path=log_path, layout=layout, options=dict(options), page_size=page_size)


def supported_variants(site: Site) -> frozenset[str]:
    return frozenset({"cp1252", "broken_markup"}) if site.layout["shape"] == "aspx" else frozenset()


def _document(item: Item) -> Attachment:
    key = (item.slug, item.title, item.text, item.document or "pdf")
    if key not in _documents:
        _documents[key] = response_document(item if item.document else _as_pdf(item))
    return _documents[key]


def _as_pdf(item: Item) -> Item:
    """An item added at run time without a document kind is published as a plain PDF."""
    return Item(slug=item.slug, title=item.title, published=item.published, text=item.text, document="pdf")


def item_path(site: Site, item: Item) -> str:
    day = item.published
    if site.layout["shape"] == "own-site":
        if site.layout["item"]:
            return site.layout["item"].format(slug=item.slug, category=category_of(item))
        return f"/media/{day.year}/{day.month:02d}/{_document(item).name}"
    if site.layout["shape"] == "aspx":
        return f"{site.prefix}/{day.year}/{day.month:02d}/{item.slug}.aspx"
    return f"/wp-content/uploads/{day.year}/{day.month:02d}/{_document(item).name}"


def _year_path(site: Site, year: int) -> str:
    return f"{site.prefix}/{year}.aspx" if site.layout["shape"] == "aspx" else f"{site.prefix}{year}/"


# WordPress-like PCC site ---------------------------------------------------------------------------------------
def _wordpress(site: Site, title: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{escape(title)} – {escape(site.name)}</title></head>
<body class="page-template-default">
<header id="masthead"><a href="/">{escape(site.name)}</a>
<nav id="site-navigation"><ul><li><a href="/about/">About the Commissioner</a></li>
<li><a href="/transparency/">Transparency</a></li><li><a href="/news/">News</a></li>
<li><a href="https://www.police.uk/">police.uk</a></li></ul></nav></header>
<main id="primary" class="site-main">
{main}
</main>
<footer id="colophon"><p>© {escape(site.name)}</p><a href="/privacy-notice/">Privacy notice</a></footer>
</body></html>
"""


def _wordpress_entry(site: Site, item: Item) -> str:
    reference = (f'Reference: <span class="foi-entry__reference">{escape(item.reference)}</span> | '
                 if item.reference else "")
    return (f'<article class="foi-entry">\n<h2 class="foi-entry__title"><a href="{item_path(site, item)}">'
            f"{escape(item.title)}</a></h2>\n<p class=\"foi-entry__meta\">{reference}Published: "
            f'<time datetime="{item.published.isoformat()}">{long_date(item.published)}</time></p>\n</article>')


def _render_wordpress(site: Site, items: list[Item], years: list[int]) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    year_nav = '<nav class="foi-years"><ul>' + "".join(
        f'<li><a href="{_year_path(site, year)}">{year}</a></li>' for year in years) + "</ul></nav>"
    for path, year in [(site.start_path, years[0] if years else None), *[(_year_path(site, y), y) for y in years]]:
        heading = f"Disclosure log {year}" if year else "Disclosure log"
        entries = [_wordpress_entry(site, item) for item in items if item.published.year == year]

        def frame(listing: str, number: int, heading=heading) -> str:
            return _wordpress(site, heading, f"<h1>{escape(heading)}</h1>\n{year_nav}\n{listing}")
        pages |= paginated(path, entries, site.page_size, frame, container=('<div class="foi-log">', "</div>"))
    for item in items:
        document = _document(item)
        pages[item_path(site, item)] = Page(document.data, document.content_type)
    return pages


# .aspx force site ------------------------------------------------------------------------------------------------
def _aspx(site: Site, title: str, content: str, *, charset: str = "utf-8", truncated: bool = False) -> str:
    head = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{escape(title)}</title></head>
<body>
<form method="post" action="" id="aspnetForm"><input type="hidden" name="__VIEWSTATE" value="dDwtMTA4NzczMzg2Njs7Pg==">
<div id="header"><a href="#content">Skip to content</a> <a href="/">{escape(site.name)}</a>
<ul id="nav"><li><a href="/advice-information/">Advice and information</a></li>
<li><a href="/contact-us.aspx">Contact us</a></li><li><a href="https://www.police.uk/">police.uk</a></li></ul></div>
<main id="content">
{content}"""
    if truncated:
        return head
    return f"""{head}
</main>
<div id="footer"><a href="/accessibility.aspx">Accessibility</a> <a href="/privacy.aspx">Privacy</a></div>
</form></body></html>
"""


def _render_aspx_item(site: Site, item: Item, variants: frozenset[str]) -> Page:
    lines = item.lines[1:] if item.lines and item.lines[0] == item.title else item.lines  # the title is the <h1>
    body = paragraphs(lines)
    broken = "broken_markup" in variants
    if broken:
        body = "<div><b>" + body.replace("</p>", "")
    content = (f"<h1>{escape(item.title)}</h1>\n<p class=\"date\">Date published: "
               f"{item.published.strftime('%d/%m/%Y')}</p>\n<div class=\"foi-body\">\n{body}\n")
    content += "" if broken else "</div>"
    charset = "windows-1252" if "cp1252" in variants else "utf-8"
    html = _aspx(site, item.title, content, charset=charset, truncated=broken)
    return Page(html.encode(charset, errors="xmlcharrefreplace"), f"text/html; charset={charset}")


def _render_aspx(site: Site, items: list[Item], years: list[int], variants) -> dict[str, Page]:
    year_list = '<ul class="years">' + "".join(
        f'<li><a href="{_year_path(site, year)}">Disclosure log {year}</a></li>' for year in years) + "</ul>"
    pages = {site.start_path: Page(_aspx(site, "Disclosure log", f"<h1>Disclosure log</h1>\n{year_list}").encode())}
    for year in years:
        entries = [f'<tr><td class="ref">{escape(item.reference or "")}</td>'
                   f'<td class="date">{item.published.strftime("%d/%m/%Y")}</td>'
                   f'<td class="title"><a href="{item_path(site, item)}">{escape(item.title)}</a></td></tr>'
                   for item in items if item.published.year == year]

        def frame(listing: str, number: int, year=year) -> str:
            return _aspx(site, f"Disclosure log {year}", f"<h1>Disclosure log {year}</h1>\n{listing}")
        pages |= paginated(_year_path(site, year), entries, site.page_size, frame, container=(
            '<table class="disclosures"><thead><tr><th>Reference</th><th>Date</th><th>Title</th></tr></thead><tbody>',
            "</tbody></table>"))
    for item in items:
        pages[item_path(site, item)] = _render_aspx_item(site, item, variants.get(item.slug, frozenset()))
    return pages


# A body's own site ("own-site") ---------------------------------------------------------------------------------------
def _own_site_entry(site: Site, item: Item) -> str:
    kind = "" if site.layout["item"] else f' <span class="file-type">({(item.document or "pdf").upper()})</span>'
    return (f'<li class="foi-log__item"><a href="{escape(item_path(site, item))}">{escape(item.title)}</a>{kind} '
            f'<span class="foi-log__date">{long_date(item.published)}</span></li>')


def _group_of(site: Site, item: Item) -> str:
    return str(item.published.year) if site.layout["group_by"] == "year" else category_of(item)


def _render_own_site(site: Site, items: list[Item]) -> dict[str, Page]:
    """The log page, its year or category pages, and the items. With year pages the log page lists the newest
    year's items; with category pages it lists only the categories."""
    template, by_year = site.layout["group"], site.layout["group_by"] == "year"
    groups = sorted({_group_of(site, item) for item in items}, reverse=by_year) if template else []
    group_path = {group: template.format(**{site.layout["group_by"]: group}) for group in groups}
    listings = [(group_path[g], [i for i in items if _group_of(site, i) == g]) for g in groups]
    if not template:
        listings = [(site.start_path, items)]
    elif by_year:
        listings.insert(0, (site.start_path, listings[0][1] if listings else []))
    else:
        listings.insert(0, (site.start_path, []))
    group_links = "".join(f'<li><a href="{escape(group_path[g])}">{"Disclosure log " if by_year else ""}{g}</a></li>'
                          for g in groups)
    pages: dict[str, Page] = {}
    for path, listed in listings:
        def frame(listing: str, number: int) -> str:
            nav = f'<ul class="foi-log__groups">{group_links}</ul>\n' if group_links else ""
            return _wordpress(site, "Freedom of Information disclosure log",
                              f"<h1>Freedom of Information disclosure log</h1>\n<p>Responses we have published."
                              f"</p>\n{nav}{listing}")
        pages |= paginated(path, [_own_site_entry(site, item) for item in listed], site.page_size, frame,
                           container=('<ul class="foi-log">', "</ul>"))
    for item in items:
        if site.layout["item"]:
            main = (f"<h1>{escape(item.title)}</h1>\n<p>Published {long_date(item.published)}</p>\n"
                    f"{paragraphs(item.lines)}")
            pages[item_path(site, item)] = Page(_wordpress(site, item.title, main).encode("utf-8"))
        else:
            document = _document(item)
            pages[item_path(site, item)] = Page(document.data, document.content_type)
    return pages


def render(site: Site, base_url: str, variants: dict[str, frozenset[str]]) -> dict[str, Page]:
    del base_url  # links are host-relative
    items = site.items_newest_first()
    years = sorted({item.published.year for item in items}, reverse=True)
    if site.layout["shape"] == "own-site":
        return _render_own_site(site, items)
    if site.layout["shape"] == "aspx":
        return _render_aspx(site, items, years, variants)
    return _render_wordpress(site, items, years)
