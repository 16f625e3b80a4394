package org.puaagent.agent.rpc;

/** Which transport a call came in on; methods and counters use it. Immutable. */
public enum TransportKind
{
    BINRPC_STREAM("binrpc"),
    BINRPC_DATAGRAM("binrpc_udp"),
    JSONRPC_HTTP("jsonrpc_http"),
    JSONRPC_FIFO("jsonrpc_fifo"),
    MI_FIFO("mi_fifo"),
    IN_PROCESS("in_process");

    private final String counterName;

    TransportKind(final String counterName)
    {
        this.counterName = counterName;
    }

    /** The name used in counter keys, e.g. {@code requests.binrpc.pua.publish}. */
    public String counterName()
    {
        return counterName;
    }
}
