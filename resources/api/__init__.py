"""Resources in the API: the card every list shows and the computed page fields."""
