"""Pagination: a bad page number gives a valid page (and on staff lists a notice), never a 500."""

from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _


def page_of(request, object_list, per_page, param="page", *, count=True):
    """One page of `object_list` from the `param` query parameter (a bad value gives the
    nearest valid page) and the query string of the other parameters, for the page links.
    With count=False the list is not counted (an OpenPage: "page 3", not "page 3 of 7").
    The page is read when first used: a part of a page served stored reads nothing
    (genk_rainbow/stored_parts.py)."""
    query = request.GET.copy()
    query.pop(param, None)
    number = request.GET.get(param)
    if count:
        page = SimpleLazyObject(lambda: Paginator(object_list, per_page).get_page(number))
    else:
        page = SimpleLazyObject(lambda: open_page(object_list, number, per_page))
    return page, query.urlencode()


def open_page(items, number, per_page):
    """Page `number` (from 1) of `items`, anything that slices, without counting them all:
    reading one item more than the page tells whether a next page exists. A number that is not
    a positive whole number counts as 1; a page beyond the end is empty."""
    try:
        number = min(max(1, int(number)), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    first = (number - 1) * per_page
    found = list(items[first : first + per_page + 1])
    return OpenPage(found[:per_page], number, followed=len(found) > per_page)


MAX_PAGE = 100_000  # a larger number would overflow the database's OFFSET


@dataclass
class OpenPage:
    """A page of a list that was not counted, with the parts of Django's Page that
    templates/includes/pagination.html uses (it shows "Page 3" without a total)."""

    object_list: list
    number: int
    followed: bool  # by a next page

    def has_next(self):
        return self.followed

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def __bool__(self):
        return bool(self.object_list)


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
