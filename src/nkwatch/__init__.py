"""nkwatch: an observatory of North Korea's (the DPRK's) foreign relations."""

__version__ = "0.1.0"
