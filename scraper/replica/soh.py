"""The police.uk "Single Online Home" family: chrome, log tree (log -> years -> months -> items), items.

URL patterns, as the real forces use them:
    "disclosure-log"   /foi-ai/<force>/disclosure-log/<item>/                    (flat, paginated)
    "disclosure-year"  /foi-ai/<force>/disclosure-log/ -> /foi-ai/<force>/disclosure-2023/
                       -> /foi-ai/<force>/disclosure-2023/october-2023/<item>/
    "year-month"       /foi-ai/<force>/disclosure/ -> .../disclosure/2026/ -> .../disclosure/2026/january/<item>/
"""
from __future__ import annotations

from html import escape

from scraper.replica.html import link_entry, paginated, paragraphs
from scraper.replica.site import MONTHS, Item, Page, Site, long_date

PATTERNS = ("disclosure-log", "disclosure-year", "year-month")

# The visible chrome text of a real SOH page, line by line, as the seeds show it above the response.
CHROME_LINES = (
    "Quickly exit this site by pressing the Escape key Leave this site",
    "We use some essential cookies to make our website work. We’d like to set additional cookies so we can "
    "remember your preferences and understand how you use our site.",
    "You can manage your preferences and cookie settings at any time by clicking on “Customise Cookies” below. "
    "For more information on how we use cookies, please see our Cookies notice.",
    "Your cookie preferences have been saved. You can update your cookie settings at any time on the cookies page.",
    "Sorry, there was a technical problem. Please try again.",
    "This site is a beta, which means it's a work in progress and we'll be adding more to it over the next few "
    "weeks. Your feedback helps us make things better, so please let us know what you think.",
)

NAV_LINKS = (("/ro/report/", "Report"), ("/a/your-area/", "Your area"), ("/cu/contact-us/", "Contact us"),
             ("/search/?q=", "Search"), ("https://www.police.uk/", "police.uk"))
FOOTER_LINKS = (("/hyg/accessibility/", "Accessibility"), ("/hyg/cookies/", "Cookies"),
                ("/hyg/privacy-notice/", "Privacy notice"), ("https://www.gov.uk/", "GOV.UK"))


def soh_site(slug: str, name: str, items: list[Item], *, force: str | None = None,
             pattern: str = "year-month", kind: str = "force", page_size: int = 10) -> Site:
    """An SOH force's log. `force` is the path segment after /foi-ai/ (defaults to the slug)."""
    base = f"/foi-ai/{force or slug}/"
    if pattern == "disclosure-log":
        start, layout, prefix = f"{base}disclosure-log/", {}, f"{base}disclosure-log/"
    elif pattern == "disclosure-year":
        start, prefix = f"{base}disclosure-log/", base
        layout = {"year": f"{base}disclosure-{{year}}/", "month": f"{base}disclosure-{{year}}/{{month}}-{{year}}/"}
    elif pattern == "year-month":
        start = prefix = f"{base}disclosure/"
        layout = {"year": f"{start}{{year}}/", "month": f"{start}{{year}}/{{month}}/"}
    else:
        raise ValueError(f"unknown SOH pattern {pattern!r}; one of {PATTERNS}")
    layout["pattern"] = pattern
    return Site(slug=slug, name=name, kind=kind, platform="soh", prefix=prefix, items=items, start_path=start,
                layout=layout, options={"path_prefix": prefix}, page_size=page_size)


def supported_variants(site: Site) -> frozenset[str]:
    """Which page-level faults this family can show (the status-code faults work everywhere)."""
    return frozenset({"cp1252", "broken_markup"})


def _year_path(site: Site, year: int) -> str:
    return site.layout["year"].format(year=year)


def _month_path(site: Site, year: int, month: int) -> str:
    return site.layout["month"].format(year=year, month=MONTHS[month - 1])


def item_path(site: Site, item: Item) -> str:
    if "month" not in site.layout:
        return f"{site.start_path}{item.slug}/"
    return f"{_month_path(site, item.published.year, item.published.month)}{item.slug}/"


def search_path(site: Site) -> str:
    """A search page inside the log that robots.txt disallows: a polite crawler never requests it."""
    return f"{site.start_path}search/"


def document(site: Site, title: str, main: str, *, charset: str = "utf-8", breadcrumbs: str = "",
             truncated: bool = False) -> str:
    """A whole SOH page: chrome around `main` (the inside of <main id="main-content">)."""
    nav = " ".join(f'<li><a href="{href}">{escape(text)}</a></li>' for href, text in NAV_LINKS)
    footer = " ".join(f'<li><a href="{href}">{escape(text)}</a></li>' for href, text in FOOTER_LINKS)
    quick_exit, cookie_1, cookie_2, saved, problem, beta = CHROME_LINES
    head = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="{charset}">
<title>{escape(title)} | {escape(site.name)}</title>
</head>
<body>
<a class="quick-exit" href="https://www.bbc.co.uk/weather">Quickly exit this site by pressing the Escape key <span>Leave this site</span></a>
<div class="cookie-banner" role="region" aria-label="Cookie banner">
<p>{escape(cookie_1)}</p>
<p>{escape(cookie_2)}</p>
<div class="cookie-banner__saved"><p>{escape(saved)}</p></div>
<div class="cookie-banner__saved"><p>{escape(saved)}</p></div>
</div>
<div class="error-banner"><p>{escape(problem)}</p></div>
<div class="beta-banner"><p>{escape(beta)}</p></div>
<header class="site-header"><a class="logo" href="/">{escape(site.name)}</a>
<nav class="site-nav"><ul>{nav}</ul></nav></header>
{breadcrumbs}
<main id="main-content">
{main}"""
    if truncated:  # the connection "dropped": no closing tags, no footer
        return head
    return f"""{head}
</main>
<footer class="site-footer"><ul>{footer}</ul><p>© {escape(site.name)}</p></footer>
</body>
</html>
"""


def _breadcrumbs(site: Site, trail: list[tuple[str, str]]) -> str:
    crumbs = [("/", "Home"), (site.start_path, "Disclosure log"), *trail]
    links = " ".join(f'<li><a href="{href}">{escape(text)}</a></li>' for href, text in crumbs)
    return f'<nav class="breadcrumb" aria-label="Breadcrumb"><ol>{links}</ol></nav>'


def _index(site: Site, path: str, title: str, entries: list[str], trail: list[tuple[str, str]],
           intro: str = "") -> dict[str, Page]:
    def frame(listing: str, number: int) -> str:
        heading = title if number == 1 else f"{title} (page {number})"
        return document(site, heading, f"<h1>{escape(title)}</h1>\n{intro}{listing}",
                        breadcrumbs=_breadcrumbs(site, trail))
    return paginated(path, entries, site.page_size, frame)


def _item_entry(site: Site, item: Item) -> str:
    return link_entry(item_path(site, item), item.title,
                      f' <span class="listing__meta">Published: {long_date(item.published)}</span>')


def attachment_path(site: Site, item: Item, name: str) -> str:
    """Where SOH keeps files: outside the log, under /SysSiteAssets/foi-media/<force>/."""
    force = site.start_path.split("/")[2]
    return f"/SysSiteAssets/foi-media/{force}/disclosure_{item.published.year}/{item.slug}/{name}"


def render_item(site: Site, item: Item, variants: frozenset[str] = frozenset()) -> Page:
    published = f'<p class="published">Published: {long_date(item.published)}</p>'
    links = "".join(f'<li><a href="{attachment_path(site, item, a.name)}">{escape(a.name)}</a></li>'
                    for a in item.attachments)
    files = f'\n<div class="attachments"><h2>Attachments</h2><ul>{links}</ul></div>' if links else ""
    body = paragraphs(item.lines)
    broken = "broken_markup" in variants
    if broken:  # unclosed paragraphs and an unclosed bold, then the page stops before </main>
        body = "<div><b>" + body.replace("</p>", "")
    main = f"<h1>{escape(item.title)}</h1>\n{published}\n<div class=\"rich-text\">\n{body}\n"
    main += "" if broken else f"</div>{files}"
    trail = []
    if "month" in site.layout:
        year, month = item.published.year, item.published.month
        trail = [(_year_path(site, year), str(year)),
                 (_month_path(site, year, month), f"{MONTHS[month - 1].title()} {year}")]
    charset = "windows-1252" if "cp1252" in variants else "utf-8"
    html = document(site, item.title, main, charset=charset, breadcrumbs=_breadcrumbs(site, trail), truncated=broken)
    return Page(html.encode(charset, errors="xmlcharrefreplace"), f"text/html; charset={charset}")


def render(site: Site, base_url: str, variants: dict[str, frozenset[str]]) -> dict[str, Page]:
    """Every page of the site, keyed by path (with ?page=N for later index pages)."""
    del base_url  # SOH links are host-relative
    items = site.items_newest_first()
    pages: dict[str, Page] = {}
    search = f'<p><a href="{search_path(site)}">Search the disclosure log</a></p>\n'
    if "month" not in site.layout:
        pages |= _index(site, site.start_path, "Disclosure log", [_item_entry(site, i) for i in items], [], search)
    else:
        years = sorted({item.published.year for item in items}, reverse=True)
        pages |= _index(site, site.start_path, "Disclosure log",
                        [link_entry(_year_path(site, year), f"Disclosure log {year}") for year in years], [], search)
        for year in years:
            months = sorted({i.published.month for i in items if i.published.year == year}, reverse=True)
            entries = [link_entry(_month_path(site, year, m), f"{MONTHS[m - 1].title()} {year}") for m in months]
            pages |= _index(site, _year_path(site, year), f"Disclosure log {year}", entries,
                            [(_year_path(site, year), str(year))])
            for month in months:
                in_month = [i for i in items if (i.published.year, i.published.month) == (year, month)]
                pages |= _index(site, _month_path(site, year, month), f"{MONTHS[month - 1].title()} {year}",
                                [_item_entry(site, i) for i in in_month],
                                [(_year_path(site, year), str(year)),
                                 (_month_path(site, year, month), f"{MONTHS[month - 1].title()} {year}")])
    pages[search_path(site)] = Page(document(site, "Search", "<h1>Search</h1>\n<p>No results.</p>").encode())
    for item in items:
        pages[item_path(site, item)] = render_item(site, item, variants.get(item.slug, frozenset()))
        for attachment in item.attachments:
            pages[attachment_path(site, item, attachment.name)] = Page(attachment.data, attachment.content_type)
    return pages
