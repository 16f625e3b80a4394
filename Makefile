# pua-agent: the commands README.md promises. Everything runs on 127.0.0.1 and unix sockets only.
MVN ?= mvn -B -ntp
JAR := agent/target/pua-agent.jar
# measured (agent/BENCH-NOTES.md): G1 with a fixed 1 GiB heap: GC under 1 % of the time, best p99
JAVA_OPTS ?= -Xms1g -Xmx1g -XX:+UseG1GC

.PHONY: all build test run interop bench-codec clean

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

## bench-codec: JMH benchmarks of the codecs (not part of make test); JMH_ARGS replaces the default "-prof gc"
bench-codec: JMH_ARGS ?= -prof gc
bench-codec:
	$(MVN) -q -Pbench -pl bench -am -DskipTests package
	java -jar bench/target/benchmarks.jar $(JMH_ARGS)

clean:
	$(MVN) -q clean
