from django.shortcuts import get_object_or_404, render

from .models import Page
from .page_cache import reads_query


@reads_query()
def page(request, key):
    return render(request, "pages/page.html", {"page": get_object_or_404(Page, key=key)})
