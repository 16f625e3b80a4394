# Reads runs.tsv of bench/compare.sh (header line, one line per run) and prints the Markdown table of medians:
# one row per concurrency x transport, Kamailio and the agent side by side. POSIX awk (mawk is enough).
# Variables: concs ("1 16 128"), transports ("http binrpc").

function median(list,    v, n, i, j, t)
{
    n = split(list, v, " ")
    if (n == 0) return ""
    for (i = 2; i <= n; i++)
    {
        t = v[i] + 0
        for (j = i - 1; j >= 1 && v[j] + 0 > t; j--) v[j + 1] = v[j]
        v[j + 1] = t
    }
    return n % 2 ? v[(n + 1) / 2] + 0 : (v[n / 2] + v[n / 2 + 1]) / 2
}
function add(key, field, value) { val[key, field] = val[key, field] " " value }
function med(key, field) { return median(val[key, field]) }
function rate(x) { return sprintf("%.0f", x) }
function lost(key,    s)
{
    s = sprintf("%d", lostSum[key])
    if (faultSum[key] + brokenSum[key] > 0)
        s = s sprintf(" (%d faults, %d broken)", faultSum[key], brokenSum[key])
    return s
}

NR == 1 { next }
{
    key = $1 SUBSEP $2 SUBSEP $3
    runs[key]++
    add(key, "rps", $5); add(key, "p50", $6); add(key, "p99", $7)
    add(key, "cpu", $12); add(key, "sipp", $13); add(key, "bench", $14)
    if ($5 > 0) add(key, "us", $12 * 10000 / $5)
    row = $2 SUBSEP $3
    add(row, "other", $15); add(row, "load", $16); add(row, "steal", $20 + 0)
    lostSum[key] += $8 - $9
    faultSum[key] += $10
    brokenSum[key] += $11
}
END {
    print "| clients | transport | Kamailio req/s | agent req/s | agent / Kamailio | Kamailio p50 / p99 ms" \
        " | agent p50 / p99 ms | CPU % Kamailio / sipp / bench | CPU % agent / sipp / bench" \
        " | CPU µs per request Kamailio / agent | lost Kamailio | lost agent | other CPU %, steal %, load" \
        " | bar (x3, p99, 0 lost) |"
    print "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    nc = split(concs, cs, " ")
    nt = split(transports, ts, " ")
    for (i = 1; i <= nc; i++)
    {
        for (j = 1; j <= nt; j++)
        {
            c = cs[i]; t = ts[j]
            k = "kamailio" SUBSEP t SUBSEP c
            a = "agent" SUBSEP t SUBSEP c
            ref = "kamailio" SUBSEP "http" SUBSEP c
            if (!(k in runs) && !(a in runs)) continue
            hasK = (k in runs); hasA = (a in runs); hasRef = (ref in runs)
            if (hasK)
            {
                kRate = rate(med(k, "rps"))
                kLat = sprintf("%.3f / %.3f", med(k, "p50"), med(k, "p99"))
                kCpu = sprintf("%.0f / %.0f / %.0f", med(k, "cpu"), med(k, "sipp"), med(k, "bench"))
                kLost = lost(k)
            }
            else
            {
                kRate = t == "binrpc" ? "n/a (fault 600)" : "-"
                kLat = "-"; kCpu = "-"; kLost = "-"
            }
            aRate = hasA ? rate(med(a, "rps")) : "-"
            aLat = hasA ? sprintf("%.3f / %.3f", med(a, "p50"), med(a, "p99")) : "-"
            aCpu = hasA ? sprintf("%.0f / %.0f / %.0f", med(a, "cpu"), med(a, "sipp"), med(a, "bench")) : "-"
            aLost = hasA ? lost(a) : "-"
            us = sprintf("%s / %s", hasK ? sprintf("%.0f", med(k, "us")) : "-", hasA ? sprintf("%.0f", med(a, "us")) : "-")
            ratio = "-"
            if (hasA && hasK && med(k, "rps") > 0)
                ratio = sprintf("**%.2f**", med(a, "rps") / med(k, "rps"))
            else if (hasA && hasRef && med(ref, "rps") > 0)
                ratio = sprintf("n/a (**%.2f** x Kamailio HTTP)", med(a, "rps") / med(ref, "rps"))
            bar = "-"
            if (c > 1 && hasA && hasRef)
            {
                why = ""
                if (med(a, "rps") < 3 * med(ref, "rps")) why = why ", x" sprintf("%.2f", med(a, "rps") / med(ref, "rps"))
                if (med(a, "p99") > med(ref, "p99")) why = why ", p99 higher"
                if (lostSum[a] > 0) why = why ", lost"
                bar = why == "" ? "met" : "**not met**" why
            }
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f, %.0f, %.1f | %s |\n", c, t, kRate,
                aRate, ratio, kLat, aLat, kCpu, aCpu, us, kLost, aLost, median(val[t, c, "other"]),
                median(val[t, c, "steal"]), median(val[t, c, "load"]), bar
        }
    }
}
