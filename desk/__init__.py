"""What every Claimdesk app shares: the desk's roles and the REST API's plumbing.

It knows nothing of claims, verification or webhooks; they build on it.
"""
