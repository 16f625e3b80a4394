package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.puaagent.protocol.fifo.ReplyFifoName;

class ReplyDirectoryTest
{
    @Test
    void aNameIsJoinedToTheDirectoryAsNulTerminatedBytes()
    {
        final ReplyPath path = new ReplyDirectory("/tmp/").resolve("kamailio_rpc_reply.fifo");
        assertEquals("/tmp/kamailio_rpc_reply.fifo", path.text());
        assertArrayEquals("/tmp/kamailio_rpc_reply.fifo\0".getBytes(StandardCharsets.UTF_8), path.withNul());
        assertEquals(new ReplyDirectory("/tmp").resolve("kamailio_rpc_reply.fifo"), path,
            "a directory without its trailing slash gets one: never /tmpNAME");
    }

    @Test
    void thePathLimitCountsTheDirectory()
    {
        final ReplyDirectory deep = new ReplyDirectory("/" + "d".repeat(100) + "/");
        assertEquals(ReplyFifoName.Verdict.USABLE, deep.verdict("n".repeat(ReplyFifoName.MAX_PATH_BYTES - 102)));
        assertEquals(ReplyFifoName.Verdict.TOO_LONG, deep.verdict("n".repeat(ReplyFifoName.MAX_PATH_BYTES - 101)));
    }

    @Test
    void aRefusedNameNeverBecomesAPath()
    {
        final ReplyDirectory tmp = new ReplyDirectory("/tmp/");
        assertEquals(ReplyFifoName.Verdict.SEPARATOR, tmp.verdict("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> tmp.resolve("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> tmp.resolve(null));
    }
}
