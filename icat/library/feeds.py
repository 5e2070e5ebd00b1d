"""Atom feeds of published products: all of them, and one per theme."""

from datetime import UTC, datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import queries
from .models import Theme


class ProductsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug=None):
        return get_object_or_404(Theme, slug=slug) if slug else None

    def title(self, theme):
        name = f"{settings.GROUP_SHORT_NAME} — {_('Library')}"
        return f"{name}: {theme.name}" if theme else name

    def subtitle(self, theme):
        return _("Products published by %(group)s after sign-off by consensus.") % {
            "group": settings.GROUP_NAME
        }

    def link(self, theme):
        return theme.get_absolute_url() if theme else reverse("library:index")

    def feed_url(self, theme):
        return reverse("library:theme_feed", args=[theme.slug]) if theme else reverse("library:feed")

    def author_name(self):
        return settings.GROUP_NAME

    def feed_guid(self, theme):
        return self.feed_url(theme)

    def items(self, theme):
        return queries.published_feed(theme)

    def item_title(self, product):
        return f"{product.kind_label}: {product.title}"

    def item_description(self, product):
        return product.summary or product.title

    def item_link(self, product):
        return product.get_absolute_url()

    def item_updateddate(self, product):
        return product.updated_at

    def item_pubdate(self, product):
        if product.publication_date:
            return datetime.combine(product.publication_date, time.min, tzinfo=UTC)
        return product.updated_at

    def item_author_name(self, product):
        leads = [organization.short_name for organization in product.lead_organizations.all()]
        return ", ".join(leads) or settings.GROUP_NAME

    def item_categories(self, product):
        return [theme.name for theme in product.themes.all()]
