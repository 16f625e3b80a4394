/**
 * binrpc, Kamailio's binary RPC protocol as the ctl module (5.6.3) serves it and kamcmd (1.5) speaks it,
 * byte for byte, both directions.
 *
 * <ul>
 * <li>Framing: {@link org.puaagent.protocol.binrpc.BinRpcStreamDecoder} (TCP/unix stream: incremental,
 * bounded, never consumes a partial packet) and {@link org.puaagent.protocol.binrpc.BinRpcDatagramDecoder}
 * (one packet per datagram); both hand out {@link org.puaagent.protocol.binrpc.BinRpcPacket} views.</li>
 * <li>Records: {@link org.puaagent.protocol.binrpc.BinRpcReader}, an allocation-free cursor (the hot path),
 * and {@link org.puaagent.protocol.binrpc.BinRpcDecoder}, which builds the shared value model
 * ({@code org.puaagent.protocol.rpc}).</li>
 * <li>Writing: {@link org.puaagent.protocol.binrpc.BinRpcWriter} (records into a reusable buffer) and
 * {@link org.puaagent.protocol.binrpc.BinRpcEncoder} (requests, replies, faults).</li>
 * <li>Errors are values: {@link org.puaagent.protocol.binrpc.BinRpcError},
 * {@link org.puaagent.protocol.binrpc.BinRpcFailure}, and the server's reaction to each (Kamailio's exact
 * faults, close or not) in {@link org.puaagent.protocol.binrpc.BinRpcServerFaults}.</li>
 * <li>kamcmd's client behaviour: argument typing ({@link org.puaagent.protocol.binrpc.KamcmdArguments}) and
 * output ({@link org.puaagent.protocol.binrpc.KamcmdPrinter}).</li>
 * </ul>
 *
 * <p>Strings: binrpc strings are byte strings. The value model holds Java Strings, so str records are
 * decoded as UTF-8 and invalid sequences become U+FFFD; written strings are UTF-8 (lone surrogates as '?').
 * An embedded U+0000 is written as is (Kamailio would cut the string there). Doubles are fixed point: only
 * three decimals (truncated) cross the wire.
 */
package org.puaagent.protocol.binrpc;
