# Aggregates `jfr print --events jdk.ExecutionSample` output: samples by thread, by top frame, and by the first
# frame of the project's own code (org.puaagent), each as a share of all samples. POSIX awk.
function top(arr, title, total, limit,    k, line, n, i, j, t, keys, counts)
{
    n = 0
    for (k in arr) { n++; keys[n] = k; counts[n] = arr[k] }
    for (i = 2; i <= n; i++)
    {
        t = counts[i]; line = keys[i]
        for (j = i - 1; j >= 1 && counts[j] < t; j--) { counts[j + 1] = counts[j]; keys[j + 1] = keys[j] }
        counts[j + 1] = t; keys[j + 1] = line
    }
    print title
    for (i = 1; i <= n && i <= limit; i++) printf "  %5.1f %%  %6d  %s\n", 100 * counts[i] / total, counts[i], keys[i]
}
/^jdk.ExecutionSample/ { inStack = 0; first = ""; own = ""; thread = "" }
/sampledThread = / { thread = $0; sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread) }
/stackTrace = \[/ { inStack = 1; next }
inStack && /^[ \t]*\]/ {
    inStack = 0
    samples++
    byThread[thread]++
    byTop[first]++
    byOwn[own == "" ? "(no org.puaagent frame in the top 12)" : own]++
    next
}
inStack {
    f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f)
    if (first == "") first = f
    if (own == "" && f ~ /^org\.puaagent\./) own = f
}
END {
    if (samples == 0) { print "no execution samples"; exit }
    printf "JFR execution samples: %d\n", samples
    top(byThread, "by thread:", samples, 10)
    top(byTop, "by top frame:", samples, 20)
    top(byOwn, "by first org.puaagent frame:", samples, 15)
}
