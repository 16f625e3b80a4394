package org.puaagent.agent.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReplySink} that keeps what it is given, for tests of the transports' framing. Thread-safe (answers
 * may come from the pipeline's thread).
 */
final class RecordingReplies implements ReplySink
{
    /** One reply as handed to the sink. */
    record Sent(String path, String body)
    {
    }

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized boolean submit(final ReplyPath path, final byte[] body)
    {
        sent.add(new Sent(path.text(), new String(body, StandardCharsets.UTF_8)));
        return true;
    }

    /** What was sent so far, and forgets it. */
    synchronized List<Sent> take()
    {
        final List<Sent> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }
}
