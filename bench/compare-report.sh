#!/usr/bin/env bash
# compare-report.sh DIR: the table of a bench/compare.sh run from DIR/runs.tsv and DIR/meta.env (written by the
# run): prints it, with a line naming the runs that something else on the machine disturbed, writes
# DIR/results.md and, with BENCH_WRITE=1, puts it into BENCHMARKS.md. Can be run again on an old run's directory.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$1
# shellcheck disable=SC1091
. "$OUT/meta.env"
awk -F'\t' -v concs="$CONCURRENCIES" -v transports="$TRANSPORTS" -f bench/compare-table.awk "$OUT/runs.tsv" \
  > "$OUT/table.md"
# runs that something outside the three processes disturbed: other CPU above 10 % or steal above 5 % of a core
awk -F'\t' 'NR > 1 && ($15 > 10 || $20 + 0 > 5) {
    d = d sprintf("%s%s %s c=%s rep %s (other %s %%, steal %s %%)", n++ ? "; " : "", $1, $2, $3, $4, $15, $20 + 0) }
  END { if (n) printf "\nDisturbed runs (other CPU above 10 %% or steal above 5 %% of a core): %s. Their cells'"'"' medians" \
    " may be low; run again on a quieter machine.\n", d }' "$OUT/runs.tsv" >> "$OUT/table.md"
cat "$OUT/table.md"
{
  echo "Run of $STARTED: \`$COMMAND\`; $REPS repetitions of $WARMUP s warm-up + $DURATION s measured per cell,"
  echo "runs interleaved (Kamailio, agent HTTP, agent binrpc at each concurrency in turn) after $PRIME s of unrecorded"
  echo "load at 16 clients per system and transport; medians of the repetitions, lost requests summed over them."
  echo "$PRESENTITIES presentities, PIDF of about $BODY_BYTES bytes, expires 3600."
  echo
  echo "- machine: $NCPU CPUs ($CPU_MODEL), kernel $KERNEL; $JAVA_VERSION; $KAM_VERSION"
  echo "- load average (1, 5, 15 min) at start: $LOAD_START; at end: $LOAD_END. Column \"other CPU\": CPU used by"
  echo "  everything else on the machine during the runs of that row (median, % of one core); \"steal\": time the"
  echo "  hypervisor gave the machine's CPUs to other guests (median, % of one core); \"load\": the 1-min load"
  echo "  average during them (it counts the benchmark's own busy threads and processes too)"
  echo "- Kamailio: children=$KAM_CHILDREN, tcp_children=$KAM_CHILDREN, -m $KAM_SHM (shared memory MiB), -M $KAM_PKG"
  echo "  (private memory MiB); pua.publish over binrpc (kamcmd): \`$KAM_BINRPC\`"
  echo "- agent: \`java $AGENT_JAVA_OPTS -jar pua-agent.jar\`; load generator: \`java $BENCH_JAVA_OPTS -jar"
  echo "  pua-agent.jar bench --concurrency N --warmup $WARMUP --duration $DURATION --presentities $PRESENTITIES --body-bytes $BODY_BYTES\`"
  echo "- CPU in % of one core (the machine has $((NCPU * 100)) %), inside the measured window; \"CPU µs per request\" is"
  echo "  the server's CPU time divided by the requests it answered"
  echo
  cat "$OUT/table.md"
  echo
  echo "<details><summary>Every run (runs.tsv)</summary>"
  echo
  echo '```'
  column -t -s $'\t' "$OUT/runs.tsv" 2> /dev/null || cat "$OUT/runs.tsv"
  echo '```'
  echo
  echo "</details>"
} > "$OUT/results.md"
if [ "${BENCH_WRITE:-0}" = 1 ]; then
  bash bench/write-results.sh BENCHMARKS.md bench-compare "$OUT/results.md" && echo "results written into BENCHMARKS.md"
else
  echo "(BENCHMARKS.md left as it is: a quick run; BENCH_WRITE=1 writes it anyway) results in $OUT/results.md"
fi
