package org.puaagent.agent.transport;

import java.util.concurrent.atomic.LongAdder;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * The counters of both FIFO transports (JSON-RPC and MI), taken once from {@link AgentCounters} so that counting
 * is one {@link LongAdder} add; shown by {@code agent.stats}. docs/fifo.md lists what each one counts.
 * Any thread.
 */
final class FifoCounters
{
    /** A fragment dropped: the start of a document or request whose end never came. */
    final LongAdder truncated;
    /** A document or request over the size limit. */
    final LongAdder oversized;
    /** A document or request holding a NUL byte. */
    final LongAdder nul;
    /** A run of bytes outside any JSON-RPC document that are not white space. */
    final LongAdder garbage;
    /** A reply name the name rule refuses. */
    final LongAdder badReplyName;
    /** A JSON-RPC document without a usable {@code reply_name}: its answer has nowhere to go. */
    final LongAdder noReplyName;
    /** A reply FIFO that had no reader until the deadline. */
    final LongAdder replyNoReader;
    /** A reply FIFO whose reader did not take the whole reply before the deadline. */
    final LongAdder replyTimeout;
    /** The named reply file does not exist. */
    final LongAdder replyMissing;
    /** The named reply file is not a FIFO (a regular file, a directory, a device). */
    final LongAdder replyNotFifo;
    /** The named reply FIFO is a symbolic link, is hard-linked, or changed between open and check. */
    final LongAdder replyUnsafe;
    /** The reader of a reply FIFO went away before the whole reply (EPIPE). */
    final LongAdder replyReaderLeft;
    /** Any other error opening or writing a reply FIFO. */
    final LongAdder replyWrite;
    /** A reply refused because the pending replies were at their limit in count or bytes. */
    final LongAdder replyRefused;
    /** A reply written whole. */
    final LongAdder replyWritten;
    /** A failed read of a request FIFO. */
    final LongAdder read;
    /** An unexpected exception in a FIFO thread (counted and survived). */
    final LongAdder internal;

    FifoCounters(final AgentCounters counters)
    {
        truncated = counters.adder("errors.fifo_truncated");
        oversized = counters.adder("errors.fifo_oversized");
        nul = counters.adder("errors.fifo_nul");
        garbage = counters.adder("errors.fifo_garbage");
        badReplyName = counters.adder("errors.fifo_bad_reply_name");
        noReplyName = counters.adder("errors.fifo_no_reply_name");
        replyNoReader = counters.adder("errors.fifo_reply_no_reader");
        replyTimeout = counters.adder("errors.fifo_reply_timeout");
        replyMissing = counters.adder("errors.fifo_reply_missing");
        replyNotFifo = counters.adder("errors.fifo_reply_not_fifo");
        replyUnsafe = counters.adder("errors.fifo_reply_unsafe");
        replyReaderLeft = counters.adder("errors.fifo_reply_reader_left");
        replyWrite = counters.adder("errors.fifo_reply_write");
        replyRefused = counters.adder("errors.fifo_reply_refused");
        replyWritten = counters.adder("replies.fifo_written");
        read = counters.adder("errors.fifo_read");
        internal = counters.adder("errors.internal");
    }
}
