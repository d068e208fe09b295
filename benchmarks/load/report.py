"""Print locust's summary CSV as the benchmarks README table."""

import csv
import sys

path, workers = sys.argv[1], sys.argv[2]
print(f"| endpoint (50 clients, {workers} worker(s)) | requests | failures | req/s | p50 ms "
      "| p99 ms |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
with open(path, newline="") as fh:
    for row in csv.DictReader(fh):
        print(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
              f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['99%']} |")
