# Claimdesk: one-command demo, tests, worker, lint and benchmarks.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test fuzz worker beat lint format eval bench bench-extraction bench-admin bench-checks bench-api bench-scale smoke clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py setup_demo
	@echo ""
	@echo "Claimdesk is starting on http://127.0.0.1:8000/"
	@echo "  admin:  http://127.0.0.1:8000/admin/  log in as reviewer, reviewer2, editor or admin"
	@echo "  password: $${DEMO_PASSWORD:-demo-password}"
	@echo "  API:    http://127.0.0.1:8000/api/v1/claims/   docs: http://127.0.0.1:8000/api/docs/"
	@echo ""
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/python -m pytest

# The schema fuzzer exploring freely (random examples, many of them); the suite runs it
# derandomized. Pin anything it finds as an explicit test case.
fuzz: $(STAMP)
	CLAIMDESK_FUZZ=1 $(BIN)/python -m pytest tests/api/test_schemathesis.py -p no:cacheprovider

worker: $(STAMP)
	@test -n "$$REDIS_URL" || (echo "REDIS_URL is not set: without a broker tasks run inline and no worker is needed." && exit 1)
	$(BIN)/celery -A config worker -Q fetch,analyze --loglevel=INFO

beat: $(STAMP)
	$(BIN)/celery -A config beat --loglevel=INFO

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint-only $(BIN)/mypy .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Quality on the labelled news corpus in eval/: precision and recall per measure and per
# phenomenon, stance confusion, and quantulum3 side by side. A report, not a gate: it exits 0
# when it ran. Needs no database. The eval extra (quantulum3) is installed once.
EVAL_STAMP := $(VENV)/.eval-installed

$(EVAL_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,eval]'
	touch $(EVAL_STAMP)

eval: $(EVAL_STAMP)
	$(BIN)/python -m eval.run
	$(BIN)/python -m eval.matching.score

# Benchmarks print figures; they are never timed assertions in the suite. The database and
# broker benches need PostgreSQL and Redis and create (and drop) their own databases.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimdesk_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/7

bench: bench-extraction bench-admin bench-checks bench-api

bench-extraction: $(STAMP)
	$(BIN)/python bench/extraction_bench.py

bench-admin: $(STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/admin_list_bench.py --claims 10000

bench-checks: $(STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(BIN)/python bench/check_bench.py -n 200 -c 2
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(BIN)/python bench/check_bench.py -n 60 -c 1 --latency-ms 150

bench-api: $(STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/api_bench.py

# A large archive (default 1,000,000 claims) built once in its own database
# (claimdesk_scale_<N>) and kept: the admin pages and API lists timed over it, and ingest.
# Not part of `make bench`: the first build takes a few minutes and about 1.5 GB.
#   make bench-scale BENCH_SCALE_ARGS="--claims 100000 --reuse"
BENCH_SCALE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimdesk_scale
BENCH_SCALE_ARGS ?= --claims 1000000 --reuse

bench-scale: $(STAMP)
	DATABASE_URL=$(BENCH_SCALE_DATABASE_URL) $(BIN)/python bench/scale_bench.py $(BENCH_SCALE_ARGS)

# The embedded default (SQLite) end to end: migrate, demo data, ingest and extract.
smoke: $(STAMP)
	rm -rf .smoke && mkdir -p .smoke
	DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/.smoke/db.sqlite3 $(BIN)/python manage.py migrate --noinput -v 0
	DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/.smoke/db.sqlite3 $(BIN)/python manage.py setup_demo
	DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/.smoke/db.sqlite3 $(BIN)/python manage.py ingest_article claims/sample/peshawar_2014.txt --json
	DEBUG=1 $(BIN)/python manage.py extract_claims claims/sample/peshawar_2014.txt --format table
	rm -rf .smoke

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache staticfiles .smoke
