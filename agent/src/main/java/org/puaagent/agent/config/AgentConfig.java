package org.puaagent.agent.config;

import java.util.List;

import org.puaagent.agent.notify.DeliveryConfig;
import org.puaagent.agent.pipeline.SubscribeContact;
import org.puaagent.agent.transport.StreamLimits;
import org.puaagent.agent.transport.http.HttpOptions;
import org.puaagent.agent.sip.ResponseSources;
import org.puaagent.agent.runtime.Limits;

/**
 * Everything the agent is started with. Built by {@link CommandLine} from the command line and an optional
 * {@code --config} file; defaults bind only loopback addresses and unix sockets under /tmp. Immutable.
 *
 * @param binrpc             binrpc listen addresses in Kamailio's ctl syntax ({@code unixs:/path}, {@code tcp:host:port}, {@code udp:host:port})
 * @param unixSocketMode     file mode of created unix sockets and FIFOs (octal), default 0660
 * @param jsonrpcHttp        host:port of the JSON-RPC HTTP server ({@code /RPC} and {@code /jsonrpc}), or null
 * @param jsonrpcFifo        path of the JSON-RPC FIFO, or null
 * @param jsonrpcReplyDir    directory of JSON-RPC reply fifos (jsonrpcs' {@code fifo_reply_dir}), default /tmp/
 * @param jsonPretty         tab-formatted JSON replies (jsonrpcs {@code pretty_format}), default true
 * @param miFifo             path of the MI FIFO, or null
 * @param miReplyDir         directory of MI reply fifos (mi_fifo {@code reply_dir}), default /tmp/
 * @param sipListen          SIP address the agent sends from and listens on ({@code udp:host:port})
 * @param outboundProxy      default next hop for PUBLISH (SIP URI) or null: then the embedded presence server runs
 * @param publishWithObProxy MI {@code pua_publish} arity switch (pua_mi {@code publish_with_ob_proxy})
 * @param presenceListen     where the embedded presence server listens ({@code udp:host:port})
 * @param commandQueue       capacity of the pipeline's command queue (full: 503 at once)
 * @param transactionTimeoutMs SIP transaction timeout (Timer F), default 32000
 * @param delivery           where notifications of subscriptions go: the SSE stream's ring and heartbeat, webhooks
 * @param subscribeContact   who subscribes: {@code AGENT} (default: the agent's Contact, dialogs kept, NOTIFYs
 *                           delivered) or {@code WATCHER} (Kamailio's behaviour: Contact = watcher URI)
 * @param transportThread    which thread serves the binrpc stream listeners (null: {@code AUTO})
 * @param http               limits and browser access rules of the HTTP listener (null: defaults)
 * @param binrpcLimits       limits of each binrpc stream listener and its connections (null: defaults)
 * @param fifoReplyTimeoutMs how long a FIFO client has to take its reply once it is ready (both FIFOs), default 5000
 * @param acceptResponsesFrom from where SIP responses are taken: {@code NEXT_HOP} (default: the address the
 *                           request went to) or {@code ANY} (null: {@code NEXT_HOP})
 * @param presenceFailureUsers whether the embedded presence server answers the failure users (R-URI users
 *                           starting with e412, e423, e503, timeout, noetag) with their failures; default false
 * @param limits             the byte limits of what grows with input, and the JSON-RPC batch limit (null: the
 *                           defaults for this JVM's heap, {@link Limits#defaults()})
 */
public record AgentConfig(
    List<String> binrpc,
    int unixSocketMode,
    String jsonrpcHttp,
    String jsonrpcFifo,
    String jsonrpcReplyDir,
    boolean jsonPretty,
    String miFifo,
    String miReplyDir,
    String sipListen,
    String outboundProxy,
    boolean publishWithObProxy,
    String presenceListen,
    int commandQueue,
    int transactionTimeoutMs,
    DeliveryConfig delivery,
    SubscribeContact subscribeContact,
    TransportThread transportThread,
    HttpOptions http,
    StreamLimits binrpcLimits,
    int fifoReplyTimeoutMs,
    ResponseSources acceptResponsesFrom,
    boolean presenceFailureUsers,
    Limits limits)
{
    public AgentConfig
    {
        binrpc = List.copyOf(binrpc);
        delivery = null == delivery ? DeliveryConfig.defaults() : delivery;
        transportThread = null == transportThread ? TransportThread.AUTO : transportThread;
        http = null == http ? HttpOptions.defaults() : http;
        binrpcLimits = null == binrpcLimits ? StreamLimits.defaults() : binrpcLimits;
        acceptResponsesFrom = null == acceptResponsesFrom ? ResponseSources.NEXT_HOP : acceptResponsesFrom;
        limits = null == limits ? Limits.defaults() : limits;
    }

    /** Whether the agent starts its embedded presence server (no outbound proxy configured). */
    public boolean embeddedPresenceServer()
    {
        return null == outboundProxy;
    }
}
