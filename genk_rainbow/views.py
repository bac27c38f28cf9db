from django.shortcuts import get_object_or_404, render

from .models import Page
from .page_cache import reads_query
from .shared_pages import same_for_everyone


@same_for_everyone()
@reads_query()
def page(request, key):
    return render(request, "pages/page.html", {"page": get_object_or_404(Page, key=key)})
