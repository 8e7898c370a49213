# Corridor: `make run` opens the app on the demo workspace, `make test` runs
# every test. Both install missing system packages first.
GO        ?= go
BUILD     := build
BIN       := $(BUILD)/corridor
VERSION   ?= 0.1.0
LDFLAGS   := -X corridor/app/cli.Version=$(VERSION)
FUZZTIME  ?= 8s

.PHONY: all deps build run test test-unit fuzz bench screenshot package clean assets

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

$(BUILD)/demo.gpkg: | build
	$(BIN) new $@ --demo

run: build $(BUILD)/demo.gpkg
	$(BIN) open $(BUILD)/demo.gpkg

test: build test-unit fuzz
	@echo "make test: all tests passed"

test-unit:
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m ./...

fuzz:
	FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

bench: build
	@bash scripts/install-deps.sh --bench
	bash scripts/bench.sh

screenshot: build $(BUILD)/demo.gpkg
	CORRIDOR_BIN=$(BIN) bash scripts/screenshot.sh $(BUILD)/screenshot.png $(BUILD)/demo.gpkg

# fyne package bumps Build in FyneApp.toml; the tree is left as it was.
package: deps
	@mkdir -p $(BUILD) && cp FyneApp.toml $(BUILD)/FyneApp.toml.orig
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux -name Corridor -app-id org.corridor.app -icon assets/icon.png -release; \
	  status=$$?; mv -f $(BUILD)/FyneApp.toml.orig FyneApp.toml; exit $$status
	mv -f Corridor.tar.xz $(BUILD)/
	@echo "package: $(BUILD)/Corridor.tar.xz"

assets:
	$(GO) generate ./assets

clean:
	rm -rf $(BUILD)
