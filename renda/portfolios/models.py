"""Leaders' portfolios (分管) and the map of working committees to the departments they face
(对口联系), so that work routes to the right committee and leader."""
