package org.puaagent.protocol.jsonrpc;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RequestId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayedReplyIdTest
{
    @Test
    void onlyRequestsWithAnIdAndShortTextIdsCanWait()
    {
        assertFalse(DelayedReplyId.allows(RequestId.None.INSTANCE));
        assertTrue(DelayedReplyId.allows(RequestId.JsonNull.INSTANCE));
        assertTrue(DelayedReplyId.allows(new RequestId.JsonNumber(1.5)));
        assertTrue(DelayedReplyId.allows(new RequestId.JsonText("x".repeat(63))));
        assertFalse(DelayedReplyId.allows(new RequestId.JsonText("x".repeat(64))));
        assertTrue(DelayedReplyId.allows(new RequestId.JsonText("\u00e9".repeat(31) + "x")));
        assertFalse(DelayedReplyId.allows(new RequestId.JsonText("\u00e9".repeat(32))));
    }

    @Test
    void numericIdsBecomeIntegers()
    {
        assertEquals(new RequestId.JsonNumber(1), DelayedReplyId.of(new RequestId.JsonNumber(1.5)));
        assertEquals(new RequestId.JsonNumber(-1), DelayedReplyId.of(new RequestId.JsonNumber(-1.9)));
        assertEquals(new RequestId.JsonNumber(12345678901.0), DelayedReplyId.of(new RequestId.JsonNumber(
            12345678901.0)));
        assertEquals(new RequestId.JsonNumber(0), DelayedReplyId.of(RequestId.JsonNull.INSTANCE));
        assertEquals(new RequestId.JsonText("a"), DelayedReplyId.of(new RequestId.JsonText("a")));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1}", new String(JsonRpcResponseWriter.kamailio(
            JsonLayout.COMPACT).write(org.puaagent.protocol.rpc.RpcReply.empty(),
                DelayedReplyId.of(new RequestId.JsonNumber(1.5))), java.nio.charset.StandardCharsets.UTF_8));
    }
}
