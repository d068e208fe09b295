# The two commands of the README:
#   make start   set up, build the store from the bundled record, and open it
#   make test    set up everything the tests need, then run them (what CI runs)
# and the benchmarks (benchmarks/README.md), each runnable on a fresh clone:
#   make bench-setup      make setup, plus the bench extra (locust)
#   make bench-load | bench-loc | bench-screening | bench-ingest | bench-dyads
#        | bench-alignment | bench-media | bench-pages

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

# benchmarks: generated files and stores go here, never into the repository
BENCH_WORK ?= /tmp/nkbench
ROWS       ?= 1000000
WORKERS    ?= 2
CACHE      ?= --cache
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: start test setup yente-models lint clean bench-setup bench-load bench-loc bench-screening \
	bench-screening-nomenklatura bench-ingest bench-dyads bench-alignment bench-media bench-pages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[web,analytics,spark,media,screen,test]'
	touch $(STAMP)

# yente's request and response models for the /match/{dataset} test, without yente's own
# pins (fastapi 0.136, followthemoney 4.9): only the modules its models import
YENTE_STAMP := $(VENV)/.installed-yente
$(YENTE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps yente==5.5.0 nomenklatura==4.17.4 \
		structlog==26.1.0 aiocron==2.1 cronsim==2.9 tzlocal==5.4.5 aiofiles==25.1.0 \
		shortuuid==1.0.13 fingerprints==1.3.1 scikit-learn==1.9.1 scipy==1.17.1 \
		joblib==1.6.0 threadpoolctl==3.8.0 cloudpickle==3.1.3 narwhals==2.29.0
	touch $(YENTE_STAMP)

yente-models: $(YENTE_STAMP)

setup: $(STAMP)

start: setup
	$(BIN)/nkwatch build
	$(BIN)/nkwatch overview
	$(BIN)/nkwatch serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check src tests benchmarks

test: setup yente-models lint
	scripts/ensure-chromium
	$(BIN)/python -m pytest

# the same install as setup plus the bench extra (locust), in one resolve
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[web,analytics,spark,media,screen,test,bench]'
	touch $(BENCH_STAMP)

bench-setup: $(BENCH_STAMP)

# explorer and API under load: 50 clients for 30 s after a 10 s warm-up
bench-load: bench-setup
	benchmarks/load/run.sh $(WORKERS) $(CACHE)

# romanization against the Library of Congress pairs ($$NKWATCH_SHARED_DATA)
bench-loc: setup
	$(BIN)/python benchmarks/loc_agreement.py

# sanctions screening: nkwatch, rapidfuzz and batch speed on the real UN and OFAC lists
bench-screening: setup
	$(BIN)/python -m benchmarks.screening.run --work $(BENCH_WORK)/screening \
		--methods nkwatch,rapidfuzz,batch

# nomenklatura on the same queries, in its own venv (after bench-screening; ~15 min); by
# default logic-v2 on the sets of issue 13, NOMENK_ARGS= runs both logics on every set (~45 min)
NOMENK_ARGS ?= --algorithms logic-v2 --sets P3,P4,N6,N6s
bench-screening-nomenklatura: setup
	test -x $(BENCH_WORK)/nomenklatura-venv/bin/python || \
		$(PYTHON) -m venv $(BENCH_WORK)/nomenklatura-venv
	$(BENCH_WORK)/nomenklatura-venv/bin/python -m pip install --quiet \
		nomenklatura==4.17.4 rapidfuzz==3.14.6
	$(BENCH_WORK)/nomenklatura-venv/bin/python benchmarks/screening/nomenk.py \
		$(BENCH_WORK)/screening $(NOMENK_ARGS)
	$(BIN)/python -m benchmarks.screening.report $(BENCH_WORK)/screening

# GDELT ingest throughput on a file of ROWS rows generated from the real GDELT 2.0 rows
bench-ingest: setup
	test -f $(BENCH_WORK)/gdelt-$(ROWS).export.CSV || $(BIN)/python \
		benchmarks/ingest/generate.py --rows $(ROWS) --out $(BENCH_WORK)/gdelt-$(ROWS).export.CSV
	$(BIN)/python benchmarks/ingest/bench_ingest.py $(BENCH_WORK)/gdelt-$(ROWS).export.CSV

# monthly DPRK-USA dyad series over a store of ROWS generated GDELT reports
bench-dyads: setup
	$(BIN)/python benchmarks/ingest/bench_dyads.py --rows $(ROWS) \
		--db $(BENCH_WORK)/dyads-$(ROWS).duckdb

# every dyad-year of UN agreement: nkwatch (Ibis on DuckDB) against plain pandas
bench-alignment: setup
	$(BIN)/python benchmarks/alignment/bench_alignment.py --work $(BENCH_WORK)/alignment

# the DPRK's texts: nkwatch's Korean analysis against a whitespace-split counter, in time and
# in accuracy on the samples labelled by hand (benchmarks/media)
bench-media: setup
	$(BIN)/python -m benchmarks.media.run --out $(BENCH_WORK)/media.json

# every explorer page in headless Chromium over the real data sets; the 10,000-event timeline
bench-pages: setup
	scripts/ensure-chromium
	$(BIN)/python benchmarks/pages/run.py --work $(BENCH_WORK)/pages --runs 5

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
