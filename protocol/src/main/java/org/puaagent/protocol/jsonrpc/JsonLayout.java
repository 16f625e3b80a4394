package org.puaagent.protocol.jsonrpc;

/**
 * Kamailio's two output layouts (jsonrpcs {@code pretty_format}). Immutable.
 *
 * <p>{@link #PRETTY} (depth 0 = the reply object): an object is {@code {}, a newline, each member as
 * (depth+1) tabs, {@code "name":}, a tab, the value, with {@code ,} and a newline between members and a newline
 * after the last, then depth tabs and {@code }}; an empty object is {@code {}, a newline, depth tabs,
 * {@code }}. An array stays on one line, {@code [a, b]}, its items printed at depth+1. {@link #COMPACT} has no
 * white space at all. Neither ends with a newline.
 */
public enum JsonLayout
{
    /** {@code pretty_format=1}, Kamailio's default: tabs and newlines. */
    PRETTY,
    /** {@code pretty_format=0}: no white space. */
    COMPACT
}
