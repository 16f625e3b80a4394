# pua-agent: the commands README.md promises. Everything runs on 127.0.0.1 and unix sockets only.
MVN ?= mvn -B -ntp
JAR := agent/target/pua-agent.jar
# measured (agent/BENCH-NOTES.md): G1 with a fixed 1 GiB heap: GC under 1 % of the time, best p99;
# ExitOnOutOfMemoryError: an OutOfMemoryError anywhere, Undertow's own code included, ends the process (README)
JAVA_OPTS ?= -Xms1g -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError

.PHONY: all build test run interop soak bench-codec clean

all: build

## build: compile everything and leave the runnable jar at agent/target/pua-agent.jar
build:
	$(MVN) -DskipTests install

## test: build every module and run all unit, property, fuzz and in-process integration tests
test:
	$(MVN) install

## run: the agent with an embedded presence server (no external SIP server needed)
run: build
	java $(JAVA_OPTS) -jar $(JAR) $(ARGS)

## interop: tests against the real tools (kamcmd, kamctl, Kamailio, sipp); installs them when missing
interop: build
	bash interop/run.sh

## soak: SOAK_SECONDS (600) of valid pua.publish load over HTTP and binrpc mixed with the hostile clients of
## interop/hostile/ in rotation, against one agent with sipp as the presence server (see interop/soak.sh for
## the options); needs the jar (make build): SOAK_SECONDS=60 make soak for a short run
soak: build
	bash interop/soak.sh

## bench-codec: JMH benchmarks of the codecs (not part of make test); JMH_ARGS replaces the default "-prof gc"
bench-codec: JMH_ARGS ?= -prof gc
bench-codec:
	$(MVN) -q -Pbench -pl bench -am -DskipTests package
	java -jar bench/target/benchmarks.jar $(JMH_ARGS)

clean:
	$(MVN) -q clean

.PHONY: bench-compare bench-memory

## bench-compare: final-reply pua.publish/s of Kamailio 5.6 pua_rpc and of the agent side by side, with sipp as
## the presence server (installs kamailio and sip-tester when missing; see bench/compare.sh for the options,
## e.g. BENCH_REPS=1 BENCH_SECONDS=5 make bench-compare for a quick run); a full run refreshes BENCHMARKS.md
bench-compare:
	MVN="$(MVN)" bash bench/compare.sh

## bench-memory: heap per active publication with 100,000 and 1,000,000 publications held and refreshing
## (sipp as the presence server; see bench/memory.sh); refreshes BENCHMARKS.md
bench-memory:
	MVN="$(MVN)" bash bench/memory.sh
