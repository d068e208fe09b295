"""Reference data written for nkwatch (CAMEO event codes with Goldstein values, ...)."""
