"""A partner's logged activity and an agenda event have different words in every language
(Dutch used "activiteit" for both, so the report read "activiteiten · activiteiten")."""

import pytest
from django.conf import settings
from django.utils import translation

PAIRS = [("activity", "event"), ("activities", "events"), ("Activities", "Events")]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(("activity", "event"), PAIRS)
def test_activity_and_event_are_different_words(language, activity, event):
    with translation.override(language):
        assert translation.gettext(activity).lower() != translation.gettext(event).lower()
