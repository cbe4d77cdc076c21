"""Sign-in forms that say when a sign-in was refused for too many failures."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from guardduty_hub.core.sign_in_limits import LOCKED_ATTRIBUTE, lockout_message


class _LockoutMessage:
    def get_invalid_login_error(self):
        wait = getattr(self.request, LOCKED_ATTRIBUTE, 0)
        if wait:
            return ValidationError(lockout_message(wait), code="locked_out")
        return super().get_invalid_login_error()


class SignInForm(_LockoutMessage, AuthenticationForm):
    pass


class AdminSignInForm(_LockoutMessage, AdminAuthenticationForm):
    pass
