from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person. What they may do comes from the organizations they are focal point for (ToR 3.A.2)
    and, for the Coordinator's staff, from ``is_secretariat`` (ToR 3.C); see ``icat.policy``."""

    is_secretariat = models.BooleanField(
        _("secretariat"),
        default=False,
        help_text=_("Staff of the Coordinator performing secretariat functions (ToR 3.C.3)."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # The back office is the secretariat's: admin access follows the role, never set by hand.
        self.is_staff = self.is_secretariat or self.is_superuser
        super().save(*args, **kwargs)


class ApiToken(models.Model):
    """A key for scripts. Only its SHA-256 is stored; the key itself is shown once, when made."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
