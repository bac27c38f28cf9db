"""Pagination for the staff lists: a bad page number gives a nearby page and a notice, not a 500."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _


def page_with_notice(object_list, number, per_page):
    """(page, notice): the asked page, or the first/last page and a sentence saying why."""
    paginator = Paginator(object_list, per_page)
    if number in (None, ""):
        return paginator.page(1), ""
    try:
        return paginator.page(number), ""
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(1 if _is_below_one(number) else paginator.num_pages)
    notice = _("There is no page “%(asked)s”; showing page %(shown)s of %(total)s.") % {
        "asked": str(number)[:20],
        "shown": page.number,
        "total": paginator.num_pages,
    }
    return page, notice


def _is_below_one(number):
    try:
        return int(number) < 1
    except (TypeError, ValueError):
        return True
