"""Markdown written by staff and partners, rendered to HTML that is safe to show to anyone."""

import functools
import threading

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


_local = threading.local()


def _converter():
    """One Markdown converter per thread, reset between texts: building one loads its
    extensions and compiles their patterns, which cost more than converting a page's texts."""
    if not hasattr(_local, "converter"):
        _local.converter = markdown_lib.Markdown(extensions=["extra", "sane_lists"])
    return _local.converter.reset()


# The same texts are shown on every request (a page's body, each action's description): each is
# converted once per process; the about page spent a third of its time converting (bench.stored).
@functools.lru_cache(maxsize=1024)
def render_markdown(text: str) -> str:
    html = _converter().convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
