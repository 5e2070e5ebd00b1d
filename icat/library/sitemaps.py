from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .search import public_products


class ProductSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return public_products().only("pk", "title", "updated_at").order_by("pk")

    def lastmod(self, product):
        return product.updated_at


class LibraryPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["library:index"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"library": LibraryPagesSitemap, "products": ProductSitemap}
