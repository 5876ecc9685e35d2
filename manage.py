#!/usr/bin/env python
"""Django's command-line entry point for Claimdesk."""

import os
import sys

# Commands that serve requests must have the deployment's SECRET_KEY: sessions, tokens and
# signed links must survive a restart and agree across processes. Every other command
# (extract_claims, migrate, ingest_article ...) signs nothing lasting and may run with a
# throwaway random key when none is set.
SERVING_COMMANDS = {"runserver", "testserver"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command not in SERVING_COMMANDS:
        os.environ.setdefault("CLAIMDESK_EPHEMERAL_SECRET_KEY", "1")
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
