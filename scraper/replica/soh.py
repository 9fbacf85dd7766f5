"""The police.uk "Single Online Home" family: chrome, log tree (log -> years -> months -> items), items.

Real SOH forces do not share one log shape (../shared/registry/README.md lists what published item URLs show).
Each shape below is (root, year page, month page), paths under /foi-ai/<force>/; no year or no month template
means the log has no such level. `{year}`, `{month}` (january), `{mm}` (01) and `{newest}` (the newest year)
fill the templates. A root of "disclosure-{newest}/" is a log with no common root: each year is its own section
and every year page links its sibling years.
    "disclosure-log"                       flat, paginated: disclosure-log/<item>/
    "disclosure-year"                      disclosure-log/ -> disclosure-2023/ -> disclosure-2023/october-2023/<item>/
    "year-month"                           disclosure/ -> disclosure/2026/ -> disclosure/2026/january/<item>/
    "category"                             previous-foi-requests/ -> previous-foi-requests/<category>/<item>/
    "search"                               the shared /foi-ai/af/accessing-information/published-items/ listing,
                                           whose items live in the force's disclosure-YYYY/<month-YYYY>/ folders
and the rest by the path they show (e.g. "disclosure2/YYYY/MM---<month>").
"""
from __future__ import annotations

from html import escape

from scraper.replica.html import link_entry, paginated, paragraphs
from scraper.replica.site import MONTHS, Item, Page, Site, category_of, long_date

SHAPES: dict[str, tuple[str, str | None, str | None]] = {
    "disclosure-log": ("disclosure-log/", None, None),
    "disclosure-year": ("disclosure-log/", "disclosure-{year}/", "disclosure-{year}/{month}-{year}/"),
    "year-month": ("disclosure/", "disclosure/{year}/", "disclosure/{year}/{month}/"),
    "category": ("previous-foi-requests/", None, None),
    "search": ("disclosure-{newest}/", "disclosure-{year}/", "disclosure-{year}/{month}-{year}/"),
    "disclosure-log/YYYY/<month>": ("disclosure-log/", "disclosure-log/{year}/", "disclosure-log/{year}/{month}/"),
    "disclosure-logs/YYYY/<month>": ("disclosure-logs/", "disclosure-logs/{year}/", "disclosure-logs/{year}/{month}/"),
    "disclosure-logs/YYYY": ("disclosure-logs/", "disclosure-logs/{year}/", None),
    "disclosure-logs/YYYY-disclosures": ("disclosure-logs/", "disclosure-logs/{year}-disclosures/", None),
    "disclosure-YYYY/<month>": ("disclosure-{newest}/", "disclosure-{year}/", "disclosure-{year}/{month}/"),
    "disclosure-YYYY/<month-YYYY>": ("disclosure-{newest}/", "disclosure-{year}/", "disclosure-{year}/{month}-{year}/"),
    "foi-disclosure-YYYY/<month-YYYY>": ("foi-disclosure-{newest}/", "foi-disclosure-{year}/",
                                         "foi-disclosure-{year}/{month}-{year}/"),
    "foi-disclosure-2021-22/<month-YYYY>": ("foi-disclosure-2021-22/", None, "foi-disclosure-2021-22/{month}-{year}/"),
    "disclosure2/YYYY/MM---<month>": ("disclosure2/", "disclosure2/{year}/", "disclosure2/{year}/{mm}---{month}/"),
    "foi/YYYY/<month>": ("foi/", "foi/{year}/", "foi/{year}/{month}/"),
    "foi/YYYY": ("foi/", "foi/{year}/", None),
    "fois-with-spreadsheets/YYYY": ("fois-with-spreadsheets/", "fois-with-spreadsheets/{year}/", None),
    "other-information/previous-foi-requests": ("other-information/previous-foi-requests/", None, None),
}
PATTERNS = tuple(SHAPES)
SEARCH_PATH = "/foi-ai/af/accessing-information/published-items/"

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


def soh_site(slug: str, name: str, items: list[Item], *, force: str | None = None, pattern: str = "year-month",
             kind: str = "force", page_size: int = 10, moved_from: str | None = None) -> Site:
    """An SOH force's log in one of SHAPES. `force` is the path segment after /foi-ai/ (defaults to the slug);
    `moved_from` is an old root that now answers with a permanent redirect to the log's root."""
    if pattern not in SHAPES:
        raise ValueError(f"unknown SOH pattern {pattern!r}; one of {PATTERNS}")
    base = f"/foi-ai/{force or slug}/"
    root, year, month = SHAPES[pattern]
    newest = max((item.published.year for item in items), default=2025)
    root = base + root.format(newest=newest)
    layout = {"pattern": pattern, "root": root} | ({"moved_from": moved_from} if moved_from else {})
    layout |= {"year": base + year} if year else {}
    layout |= {"month": base + month} if month else {}
    # The adapter finds every other shape from its root alone; these registry options are what a force of the
    # shape needs (the first three are the demo's, whose entries have always named their crawl boundary).
    options = {"disclosure-log": {"path_prefix": root}, "year-month": {"path_prefix": root},
               "disclosure-year": {"path_prefix": base}, "category": {"item_depth": 2}}.get(pattern, {})
    start, prefix = (SEARCH_PATH, "/foi-ai/") if pattern == "search" else (root, options.get("path_prefix", base))
    return Site(slug=slug, name=name, kind=kind, platform="soh", prefix=prefix, items=items, start_path=start,
                layout=layout, options=options, page_size=page_size)


def supported_variants(site: Site) -> frozenset[str]:
    """Which page-level faults this family can show (the status-code faults work everywhere)."""
    return frozenset({"cp1252", "broken_markup"})


def _year_path(site: Site, year: int) -> str:
    return site.layout["year"].format(year=year)


def _month_path(site: Site, year: int, month: int) -> str:
    return site.layout["month"].format(year=year, month=MONTHS[month - 1], mm=f"{month:02d}")


def item_path(site: Site, item: Item) -> str:
    root = site.layout.get("root", site.start_path)
    if site.layout.get("pattern") == "category":
        return f"{root}{category_of(item)}/{item.slug}/"
    if "month" in site.layout:
        return f"{_month_path(site, item.published.year, item.published.month)}{item.slug}/"
    if "year" in site.layout:
        return f"{_year_path(site, item.published.year)}{item.slug}/"
    return f"{root}{item.slug}/"


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
    crumbs = [("/", "Home"), (site.layout.get("root", site.start_path), "Disclosure log"), *trail]
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
    force = site.layout.get("root", site.start_path).split("/")[2]
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
    if "month" in site.layout and "year" in site.layout:
        year, month = item.published.year, item.published.month
        trail = [(_year_path(site, year), str(year)),
                 (_month_path(site, year, month), f"{MONTHS[month - 1].title()} {year}")]
    charset = "windows-1252" if "cp1252" in variants else "utf-8"
    html = document(site, item.title, main, charset=charset, breadcrumbs=_breadcrumbs(site, trail), truncated=broken)
    return Page(html.encode(charset, errors="xmlcharrefreplace"), f"text/html; charset={charset}")


def _latest(site: Site, items: list[Item]) -> str:
    """The root's "Latest disclosures" box: the newest items linked a second time, so a crawl must store each
    item once however many pages link it."""
    links = "".join(link_entry(item_path(site, item), item.title) for item in items[:2])
    return f'<aside class="latest"><h2>Latest disclosures</h2><ul>{links}</ul></aside>\n' if links else ""


def _month_entry(site: Site, year: int, month: int) -> str:
    return link_entry(_month_path(site, year, month), f"{MONTHS[month - 1].title()} {year}")


def _tree(site: Site, items: list[Item], intro: str) -> dict[str, Page]:
    """Index pages of a log with year and/or month levels (or categories), root first."""
    root, layout = site.layout.get("root", site.start_path), site.layout
    years = sorted({item.published.year for item in items}, reverse=True)
    months = sorted({(i.published.year, i.published.month) for i in items}, reverse=True)
    pages: dict[str, Page] = {}
    if layout.get("pattern") == "category":
        categories = sorted({category_of(item) for item in items})
        pages |= _index(site, root, "Previous FOI requests",
                        [link_entry(f"{root}{c}/", c.replace("-", " ").capitalize()) for c in categories], [], intro)
        for category in categories:
            pages |= _index(site, f"{root}{category}/", category.replace("-", " ").capitalize(),
                            [_item_entry(site, i) for i in items if category_of(i) == category],
                            [(f"{root}{category}/", category)])
        return pages
    if "year" not in layout:  # months straight under the root
        pages |= _index(site, root, "Disclosure log", [_month_entry(site, y, m) for y, m in months], [], intro)
    root_is_a_year = "year" in layout and root in {_year_path(site, year) for year in years}
    if "year" in layout and not root_is_a_year:
        pages |= _index(site, root, "Disclosure log",
                        [link_entry(_year_path(site, year), f"Disclosure log {year}") for year in years], [], intro)
    for year in years:
        if "year" not in layout:
            break
        path = _year_path(site, year)
        if "month" in layout:
            entries = [_month_entry(site, y, m) for y, m in months if y == year]
        else:
            entries = [_item_entry(site, i) for i in items if i.published.year == year]
        year_intro = ""
        if root_is_a_year:  # no common root: each year section links its siblings
            year_intro = '<nav class="section-nav"><h2>Disclosure logs by year</h2><ul>' + "".join(
                link_entry(_year_path(site, other), f"Disclosure log {other}") for other in years) + "</ul></nav>\n"
            year_intro += intro if path == root else ""
        pages |= _index(site, path, f"Disclosure log {year}", entries, [(path, str(year))], year_intro)
    for year, month in months if "month" in layout else []:
        in_month = [i for i in items if (i.published.year, i.published.month) == (year, month)]
        trail = [(_year_path(site, year), str(year))] if "year" in layout else []
        pages |= _index(site, _month_path(site, year, month), f"{MONTHS[month - 1].title()} {year}",
                        [_item_entry(site, i) for i in in_month],
                        trail + [(_month_path(site, year, month), f"{MONTHS[month - 1].title()} {year}")])
    return pages


def render(site: Site, base_url: str, variants: dict[str, frozenset[str]]) -> dict[str, Page]:
    """Every page of the site, keyed by path (with ?page=N for later index pages)."""
    del base_url  # SOH links are host-relative
    items = site.items_newest_first()
    pages: dict[str, Page] = {}
    search = f'<p><a href="{search_path(site)}">Search the disclosure log</a></p>\n'
    if site.layout.get("pattern") == "search":
        pages |= _index(site, SEARCH_PATH, "Published items", [_item_entry(site, i) for i in items], [])
    elif not {"year", "month"} & set(site.layout) and site.layout.get("pattern") != "category":
        pages |= _index(site, site.start_path, "Disclosure log", [_item_entry(site, i) for i in items], [], search)
    else:
        pages |= _tree(site, items, search + _latest(site, items))
    pages[search_path(site)] = Page(document(site, "Search", "<h1>Search</h1>\n<p>No results.</p>").encode())
    if site.layout.get("moved_from"):
        pages[site.layout["moved_from"]] = Page(b"", status=301, headers=(("Location", site.start_path),))
    for item in items:
        pages[item_path(site, item)] = render_item(site, item, variants.get(item.slug, frozenset()))
        for attachment in item.attachments:
            pages[attachment_path(site, item, attachment.name)] = Page(attachment.data, attachment.content_type)
    return pages
