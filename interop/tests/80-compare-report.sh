# bench-compare's report (bench/compare-report.sh) on recorded runs: medians, ratio and the bar per cell, the
# steal column, and the line that names the runs something else on the machine disturbed (none when none was).
CR=$W/compare-report
mkdir -p "$CR/disturbed" "$CR/quiet"
for d in disturbed quiet; do
  cat >"$CR/$d/meta.env" <<'META'
STARTED=2026-11-28\ 00:00\ UTC
LOAD_START=1\ 1\ 1
LOAD_END=2\ 2\ 2
KAM_BINRPC=error:\ 600
COMMAND=make\ bench-compare
REPS=3
WARMUP=5
DURATION=20
PRIME=10
PRESENTITIES=10000
BODY_BYTES=500
CONCURRENCIES=16
TRANSPORTS=http\ binrpc
KAM_CHILDREN=8
KAM_SHM=2048
KAM_PKG=8
AGENT_JAVA_OPTS=-Xms1g
BENCH_JAVA_OPTS=-Xms256m
NCPU=2
CPU_MODEL=test
KERNEL=test
JAVA_VERSION=test
KAM_VERSION=test
META
done
header='system\ttransport\tconcurrency\trep\trps\tp50_ms\tp99_ms\trequests\tok\tfaults\ttransport_errors\tcpu_server\tcpu_sipp\tcpu_bench\tcpu_other\tload1\texit\tp999_ms\tmax_ms\tcpu_steal\n'
row() { printf '%s\t%s\t16\t%s\t%s\t0.9\t%s\t1000\t1000\t0\t0\t100\t40\t20\t%s\t4\t0\t5\t9\t%s\n' "$@"; }
{ printf "$header"
  for rep in 1 2 3; do
    row kamailio http "$rep" 15000 2.3 3 0
    row agent http "$rep" $((40000 + rep * 1000)) 0.9 3 0
    row agent binrpc "$rep" $((46000 + rep * 1000)) 0.7 "$([ "$rep" = 2 ] && echo 19 || echo 3)" "$([ "$rep" = 3 ] && echo 7 || echo 0)"
  done; } >"$CR/disturbed/runs.tsv"
# the quiet run has the 19 columns of a runs.tsv written before steal had its own column
{ printf "$header" | cut -f1-19
  for rep in 1 2 3; do row kamailio http "$rep" 15000 2.3 3 0; row agent binrpc "$rep" 47000 0.7 3 0; done | cut -f1-19
} >"$CR/quiet/runs.tsv"
out=$(BENCH_WRITE=0 bash "$ROOT/bench/compare-report.sh" "$CR/disturbed" 2>&1)
check "compare report: HTTP cell, medians, ratio and the bar" "$out" \
  '\| 16 \| http \| 15000 \| 42000 \| \*\*2\.80\*\* \|.*\| \*\*not met\*\*, x2\.80 \|'
check "compare report: binrpc cell against Kamailio HTTP, other / steal / load medians" "$out" \
  '\| 16 \| binrpc \| n/a \(fault 600\) \| 48000 \| n/a \(\*\*3\.20\*\* x Kamailio HTTP\) \|.*\| 3, 0, 4\.0 \| met \|'
check "compare report: the disturbed runs are named" "$out" \
  'Disturbed runs \(other CPU above 10 % or steal above 5 % of a core\): agent binrpc c=16 rep 2 \(other 19 %, steal 0 %\); agent binrpc c=16 rep 3 \(other 3 %, steal 7 %\)\.'
check_not "compare report: a run within the limits is not named" "$out" 'rep 1 \(other'
out=$(BENCH_WRITE=0 bash "$ROOT/bench/compare-report.sh" "$CR/quiet" 2>&1)
check "compare report: a runs.tsv without the steal column still gives the table" "$out" \
  '\| 16 \| binrpc \| n/a \(fault 600\) \| 47000 \|.*\| 3, 0, 4\.0 \| met \|'
check_not "compare report: no disturbed-runs line when no run was disturbed" "$out" 'Disturbed runs'
