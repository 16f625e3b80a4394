package org.puaagent.agent.rpc;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * The methods clients rely on besides pua: {@code system.*} (kamcmd's {@code help}, {@code ls} and interactive
 * completion use them), {@code core.version}, {@code core.uptime}, {@code core.echo}, and the counters
 * ({@code agent.stats}, and Kamailio's {@code stats.get_statistics} shape). Stateless apart from the start
 * time; every method answers synchronously on the caller's thread.
 */
public final class CoreMethods
{
    /** What {@code core.version} answers. */
    public static final String VERSION = "pua-agent 0.1.0 (java/" + System.getProperty("java.specification.version") + ")";

    private static final DateTimeFormatter CTIME =
        DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private final Dispatcher dispatcher;
    private final Instant started;
    private final List<CounterSource> sources;

    /** Something whose counters {@code agent.stats} shows. Any thread. */
    @FunctionalInterface
    public interface CounterSource
    {
        Map<String, Long> counters();
    }

    public CoreMethods(final Dispatcher dispatcher, final Instant started, final List<CounterSource> sources)
    {
        this.dispatcher = dispatcher;
        this.started = started;
        this.sources = List.copyOf(sources);
    }

    /** Registers every method of this class. */
    public void registerAll()
    {
        dispatcher.register(new MethodEntry("system.listMethods", "Lists all RPC methods supported by the server.",
            "", true, this::listMethods));
        dispatcher.register(new MethodEntry("system.methodSignature", "Returns signature of given method.",
            "method name", false, this::methodSignature));
        dispatcher.register(new MethodEntry("system.methodHelp", "Print the help string for given method.",
            "method name", false, this::methodHelp));
        dispatcher.register(new MethodEntry("core.version", "Returns the version string of the server.",
            "", false, call -> call.reply(RpcReply.of(new RpcString(VERSION)))));
        dispatcher.register(new MethodEntry("core.uptime", "Returns uptime of the server.",
            "", false, this::uptime));
        dispatcher.register(new MethodEntry("core.echo", "Returns back its parameters.",
            "any...", true, call -> call.reply(RpcReply.array(call.request().params()))));
        dispatcher.register(new MethodEntry("agent.stats", "Returns every counter of the agent as a structure.",
            "", false, this::agentStats));
        dispatcher.register(new MethodEntry("stats.get_statistics",
            "Returns the counters as \"group:name = value\" strings; parameter: all, a group ('pua-agent:') or names.",
            "[all|group:|name]...", true, this::getStatistics));
    }

    private void listMethods(final RpcCall call)
    {
        final List<RpcValue> names = new ArrayList<>();
        for (final String name : dispatcher.methodNames())
        {
            names.add(new RpcString(name));
        }
        call.reply(RpcReply.array(names));
    }

    private MethodEntry named(final RpcCall call)
    {
        final List<RpcValue> params = call.request().params();
        if (params.isEmpty() || !(params.get(0) instanceof RpcString name))
        {
            call.fault(400, "Method Name Expected");
            return null;
        }
        final MethodEntry entry = dispatcher.method(name.value());
        if (null == entry)
        {
            call.fault(400, "command not found");
        }
        return entry;
    }

    private void methodHelp(final RpcCall call)
    {
        final MethodEntry entry = named(call);
        if (null != entry)
        {
            call.reply(RpcReply.of(new RpcString(entry.help())));
        }
    }

    private void methodSignature(final RpcCall call)
    {
        final MethodEntry entry = named(call);
        if (null != entry)
        {
            call.reply(RpcReply.of(new RpcString(entry.signature())));
        }
    }

    private void uptime(final RpcCall call)
    {
        final Instant now = Instant.now();
        final ZoneId zone = ZoneId.systemDefault();
        call.reply(RpcReply.of(RpcStruct.builder()
            .add("now", CTIME.format(now.atZone(zone)))
            .add("up_since", CTIME.format(started.atZone(zone)))
            .add("uptime", (int) (now.getEpochSecond() - started.getEpochSecond()))
            .build()));
    }

    private Map<String, Long> allCounters()
    {
        final Map<String, Long> all = new java.util.TreeMap<>(dispatcher.counters().snapshot());
        for (final CounterSource source : sources)
        {
            all.putAll(source.counters());
        }
        return all;
    }

    private void agentStats(final RpcCall call)
    {
        final RpcStruct.Builder b = RpcStruct.builder();
        allCounters().forEach((k, v) -> b.add(k, clamp(v)));
        call.reply(RpcReply.of(b.build()));
    }

    private void getStatistics(final RpcCall call)
    {
        final List<String> wanted = new ArrayList<>();
        for (final RpcValue v : call.request().params())
        {
            if (v instanceof RpcString s)
            {
                wanted.add(s.value());
            }
        }
        if (wanted.isEmpty())
        {
            wanted.add("all");
        }
        final List<RpcValue> lines = new ArrayList<>();
        allCounters().forEach((k, v) ->
        {
            for (final String w : wanted)
            {
                if (w.equals("all") || w.equals("pua-agent:") || w.equals(k) || w.equals("pua-agent:" + k))
                {
                    lines.add(new RpcString("pua-agent:" + k + " = " + v));
                    break;
                }
            }
        });
        call.reply(RpcReply.array(lines));
    }

    private static RpcValue clamp(final long v)
    {
        return RpcInt.of((int) Math.min(Integer.MAX_VALUE, v));
    }

}
