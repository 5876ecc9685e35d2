#!/usr/bin/env python
"""Django's command-line entry point for Claimdesk."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - load settings now so a bad value reads cleanly
    except ImproperlyConfigured as exc:
        sys.stderr.write(
            f"Configuration error: {exc}\n"
            "Set it in the environment (for a local try-out, DEBUG=1 is enough).\n"
        )
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
