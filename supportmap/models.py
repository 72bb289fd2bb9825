"""The site's own models: the custom User, who signs in with an email address, and the sign-in log."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if extra_fields["is_staff"] is not True or extra_fields["is_superuser"] is not True:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Email addresses are matched without regard to case, as people type them.
        return self.get(email__iexact=username)


class SiteRole(models.TextChoices):
    """Roles across the whole site, beside a person's roles in their organisations."""

    NONE = "", "None"
    EDITOR = "editor", "Directory editor"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    """A person who signs in. Email is the login; there is no separate username."""

    username = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    site_role = models.CharField(max_length=16, choices=SiteRole, default=SiteRole.NONE, blank=True)
    email_verified_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        constraints = [
            # Two accounts must not differ only by the case of their email address.
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(
                condition=models.Q(site_role__in=SiteRole.values), name="user_site_role_valid"
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_site_admin(self) -> bool:
        return self.is_active and (self.is_superuser or self.site_role == SiteRole.ADMINISTRATOR)

    @property
    def is_editor(self) -> bool:
        """Directory editors review listings; administrators can do whatever editors can."""
        return self.is_active and (self.site_role == SiteRole.EDITOR or self.is_site_admin)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class SignInKind(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    FAILED = "failed", "Wrong email or password"
    LOCKED_OUT = "locked_out", "Locked out"
    SECOND_FACTOR_FAILED = "otp_failed", "Wrong second-factor code"
    SIGNED_OUT = "signed_out", "Signed out"


class SignInEvent(models.Model):
    """One sign-in success, failure, lockout or sign-out: who (as typed), from where, when.

    Kept for SIGN_IN_LOG_RETENTION_DAYS, then deleted by manage.py purge_personal_data.
    """

    Kind = SignInKind

    kind = models.CharField(max_length=16, choices=SignInKind)
    email = models.CharField(max_length=254, blank=True, help_text="As typed, trimmed and lower-cased.")
    user = models.ForeignKey("User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SignInKind.values), name="sign_in_event_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.email or '-'}"
