"""Who someone is on the portal. One place, so every view and QuerySet asks the same question."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .stored_parts import kept_value

CITY_STAFF_GROUP = "City staff"


def is_city_staff(user) -> bool:
    """City staff: an active account in the group 'City staff', or a superuser."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_city_staff"):
        # Kept until a group or membership of a group changes (stored_parts.kept_value).
        user._is_city_staff = kept_value(
            ("is_city_staff", user.pk),
            lambda: user.groups.filter(name=CITY_STAFF_GROUP).exists(),
        )
    return user._is_city_staff


def staff_required(view):
    """A view for city staff: anonymous visitors go to sign in, others get 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_city_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
