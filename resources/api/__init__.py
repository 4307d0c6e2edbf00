"""Resources in the API: the card every list of resources shows (search hits extend it).

Resources have no router of their own; the computed ``api_fields`` of their pages
are ``resources.api_fields``, beside the models that list them."""
