from django import forms
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from genk_rainbow.page_cache import reads_query

from .engine import MAX_QUERY_LENGTH, search


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=MAX_QUERY_LENGTH, required=False)


@reads_query("q")
def results(request):
    form = SearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    found = search(text, get_language()) if text else []
    return render(request, "search/results.html", {"form": form, "text": text, "results": found})
