"""Shared REST API plumbing: errors, pagination, throttling, schema, authentication,
permissions and conditional GET. Each app's ``api/`` keeps only its own serializers,
views, filters and urls.
"""
