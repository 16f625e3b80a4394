# pua-agent: the commands README.md promises. Everything runs on 127.0.0.1 and unix sockets only.
MVN ?= mvn -B -ntp
JAR := agent/target/pua-agent.jar

.PHONY: all build test run interop bench-codec clean

all: build

## build: compile everything and leave the runnable jar at agent/target/pua-agent.jar
build:
	$(MVN) -DskipTests install

## test: build every module and run all unit, property, fuzz and in-process integration tests
test:
	$(MVN) install

## run: the agent with an embedded presence server (no external SIP server needed)
run: $(JAR)
	java -jar $(JAR) $(ARGS)

$(JAR):
	$(MVN) -q -DskipTests install

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
