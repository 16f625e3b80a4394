package org.puaagent.protocol.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feeds chunks to a decoder and records what it delivers; checks the memory bound after every chunk. */
final class Recorder implements HttpRequestHandler
{
    /** Slack allowed above maxHeadBytes + maxBodyBytes for the internal buffers. */
    static final int SLACK = 512;

    /** The observable result of decoding a stream (continues depend on the chunking, so they are apart). */
    record Outcome(List<HttpRequest> requests, HttpRequestDecoder.Status status, HttpFailure failure)
    {
    }

    final HttpRequestDecoder decoder;
    final List<HttpRequest> requests = new ArrayList<>();
    /** "continue" or "request" per call, in order. */
    final List<String> events = new ArrayList<>();
    private final int maxHead;
    private final int maxBody;

    Recorder(final int maxHead, final int maxBody)
    {
        this.decoder = new HttpRequestDecoder(maxHead, maxBody);
        this.maxHead = maxHead;
        this.maxBody = maxBody;
    }

    @Override
    public void onRequest(final HttpRequest request)
    {
        requests.add(request);
        events.add("request");
    }

    @Override
    public void onContinue()
    {
        events.add("continue");
    }

    /** Feeds the chunk at an odd offset inside a larger array (the decoder must honour offset/length). */
    Recorder feed(final byte[] chunk)
    {
        final byte[] padded = new byte[chunk.length + 6];
        Arrays.fill(padded, (byte) 'X');
        System.arraycopy(chunk, 0, padded, 3, chunk.length);
        decoder.feed(padded, 3, chunk.length, this);
        checkBound();
        return this;
    }

    Recorder feed(final String chunk)
    {
        return feed(chunk.getBytes(StandardCharsets.ISO_8859_1));
    }

    Recorder feedBuffer(final byte[] chunk, final boolean direct)
    {
        final ByteBuffer b = direct ? ByteBuffer.allocateDirect(chunk.length + 2) : ByteBuffer.allocate(chunk.length + 2);
        b.put((byte) 'Y').put(chunk).put((byte) 'Z').flip();
        b.position(1).limit(1 + chunk.length);
        decoder.feed(b, this);
        assertTrue(!b.hasRemaining(), "buffer consumed");
        checkBound();
        return this;
    }

    Outcome outcome()
    {
        return new Outcome(List.copyOf(requests), decoder.status(), decoder.failure());
    }

    /** Each continue is followed by the request it belongs to (expectContinue) or is the last event. */
    void checkContinues()
    {
        for (int i = 0; i < events.size(); i++)
        {
            if (events.get(i).equals("continue"))
            {
                final int index = (int) events.subList(0, i).stream().filter("request"::equals).count();
                assertTrue(i + 1 == events.size() || events.get(i + 1).equals("request"), "continue twice: " + events);
                if (index < requests.size())
                {
                    assertTrue(requests.get(index).expectContinue(), "continue for a request without expect: " + events);
                }
            }
        }
    }

    private void checkBound()
    {
        assertTrue(decoder.bufferCapacity() <= maxHead + maxBody + SLACK,
            "buffer capacity " + decoder.bufferCapacity() + " above the bound");
    }
}
