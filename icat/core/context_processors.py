from django.conf import settings


def platform(request):
    return {
        "GROUP_NAME": settings.GROUP_NAME,
        "GROUP_SHORT_NAME": settings.GROUP_SHORT_NAME,
        "GROUP_CONTACT_EMAIL": settings.GROUP_CONTACT_EMAIL,
        "actor": getattr(request, "actor", None),
    }
