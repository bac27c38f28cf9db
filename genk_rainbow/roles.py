"""Who someone is on the portal. One place, so every view and QuerySet asks the same question."""

CITY_STAFF_GROUP = "City staff"


def is_city_staff(user) -> bool:
    """City staff: an active account in the group 'City staff', or a superuser."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_city_staff"):
        user._is_city_staff = user.groups.filter(name=CITY_STAFF_GROUP).exists()
    return user._is_city_staff
