"""stance stage."""
