# The two commands: `make demo` and `make test`. Each installs what is missing (scripts/bootstrap),
# configures with Debian's Python pinned, and builds incrementally.

PY      := /usr/bin/python3
BUILD   := build
JOBS    ?= 2
CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=$(PY) \
               -DCHARTER_BUILD_TESTS=ON -DCHARTER_BUILD_PYTHON=ON -DCHARTER_BUILD_BENCHMARKS=ON

.PHONY: all demo test bench fuzz docs bootstrap configure build clean

all: build

bootstrap:
	@scripts/bootstrap

# Re-running CMake is cheap and keeps the options above in force on an old build directory.
configure: bootstrap
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) > $(BUILD).configure.log 2>&1 || (cat $(BUILD).configure.log; exit 1)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The main job: deadlines of the rulebook on the built-in China calendar, explained.
demo: build
	./$(BUILD)/examples/charter_demo

# GoogleTest through CTest, then pytest; both summaries are printed, and either failing fails.
test: build
	@status=0; \
	echo "== C++ tests (ctest)"; \
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) || status=1; \
	echo "== Python tests (pytest, $(PY))"; \
	PYTHONPATH=$(CURDIR)/$(BUILD)/python $(PY) -m pytest tests/python -q -p no:cacheprovider || status=1; \
	exit $$status

# Diagrams in the docs drawn from the workflows themselves (a test fails when they drift).
docs: build
	./$(BUILD)/examples/charter_workflow_docs docs/workflows.md

# Benchmarks are never timed tests: compare ratios measured side by side in one run.
bench: build
	./$(BUILD)/benchmarks/calendar_benchmark
	./$(BUILD)/benchmarks/org_benchmark
	./$(BUILD)/benchmarks/workflow_benchmark
	./$(BUILD)/benchmarks/standard_benchmark
	./$(BUILD)/benchmarks/cycle_benchmark
	./$(BUILD)/benchmarks/survey_benchmark
	PYTHONPATH=$(CURDIR)/$(BUILD)/python $(PY) benchmarks/compare_python.py

# libFuzzer targets (clang 14, ASan/UBSan), each run for FUZZ_SECONDS; see fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz: bootstrap
	bash fuzz/run all $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD)
