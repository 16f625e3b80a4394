package org.puaagent.protocol.jsonrpc;

/**
 * Kamailio's two output layouts (jsonrpcs {@code pretty_format}). Immutable.
 *
 * <p>{@link #PRETTY} (depth 0 = the reply object): an object is an opening brace and a newline, then each member
 * as (depth+1) tabs, {@code "name":}, a tab and the value, with a comma and a newline between members and a
 * newline after the last, then depth tabs and the closing brace; an empty object at depth d is
 * <code>&#123;</code>, a newline, d tabs, <code>&#125;</code>. An array stays on one line, {@code [a, b]}, its
 * items printed at depth+1. {@link #COMPACT} has no white space at all. Neither ends with a newline.
 */
public enum JsonLayout
{
    /** {@code pretty_format=1}, Kamailio's default: tabs and newlines. */
    PRETTY,
    /** {@code pretty_format=0}: no white space. */
    COMPACT
}
