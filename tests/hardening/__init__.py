"""Issue 10: hostile input to every path.

Children that measure their own memory print one of these expressions (Python source, in KiB).
They read ``/proc/self/status``, not ``resource.getrusage(...).ru_maxrss``: Linux carries the
resident size of a parent that forks over into the child's ``ru_maxrss``, so a child started late
in a full ``make test`` reported pytest's own 1.4 GB and a test of its growth could not fail.
"""

#: the process's peak resident memory (VmHWM), KiB
PEAK_KIB = "next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))"
#: its resident memory now (VmRSS), KiB
RSS_KIB = "next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS:'))"
