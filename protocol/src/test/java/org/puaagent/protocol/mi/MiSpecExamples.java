package org.puaagent.protocol.mi;

import java.util.Arrays;
import java.util.List;

/** The worked examples of mi-fifo.md section 4, byte for byte, and the values they carry. */
final class MiSpecExamples
{
    static final String PIDF_SINGLE_QUOTES = "<?xml version='1.0'?><presence xmlns='urn:ietf:params:xml:ns:pidf' "
        + "entity='sip:alice@example.com'><tuple id='t1'><status><basic>open</basic></status></tuple></presence>";

    static final String PIDF_DOUBLE_QUOTES = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" "
        + "entity=\"sip:alice@example.com\"><tuple id=\"t1\"><status><basic>open</basic></status></tuple></presence>";

    /** 4.1: pua_publish, presence, body with single-quoted attributes (unquoted value). */
    static final String PUBLISH_41 = ":pua_publish:fifo_reply_1\n"
        + "sip:alice@example.com\n"
        + "3600\n"
        + "presence\n"
        + "application/pidf+xml\n"
        + ".\n"
        + ".\n"
        + ".\n"
        + PIDF_SINGLE_QUOTES + "\n"
        + "\n";

    static final List<String> PUBLISH_41_VALUES = Arrays.asList("sip:alice@example.com", "3600", "presence",
        "application/pidf+xml", ".", ".", ".", PIDF_SINGLE_QUOTES);

    /** 4.1, the same body with double quotes, as a quoted value. */
    static final String PUBLISH_41_QUOTED = ":pua_publish:fifo_reply_1\n"
        + "sip:alice@example.com\n"
        + "3600\n"
        + "presence\n"
        + "application/pidf+xml\n"
        + ".\n"
        + ".\n"
        + ".\n"
        + "\"<presence xmlns=\\\"urn:ietf:params:xml:ns:pidf\\\" entity=\\\"sip:alice@example.com\\\">"
        + "<tuple id=\\\"t1\\\"><status><basic>open</basic></status></tuple></presence>\"\n"
        + "\n";

    static final List<String> PUBLISH_41_QUOTED_VALUES = Arrays.asList("sip:alice@example.com", "3600",
        "presence", "application/pidf+xml", ".", ".", ".", PIDF_DOUBLE_QUOTES);

    /** 4.4: refresh without body, with outbound proxy (publish_with_ob_proxy=1). */
    static final String PUBLISH_44 = ":pua_publish:fifo_reply_1\n"
        + "sip:alice@example.com\n"
        + "3600\n"
        + "presence\n"
        + ".\n"
        + ".\n"
        + "a.1795791743.32696.2.0\n"
        + "sip:127.0.0.1:5070\n"
        + ".\n"
        + "\n";

    static final List<String> PUBLISH_44_VALUES = Arrays.asList("sip:alice@example.com", "3600", "presence",
        ".", ".", "a.1795791743.32696.2.0", "sip:127.0.0.1:5070", ".");

    /** 4.5: message-summary, multi-line body and an extra header. */
    static final String PUBLISH_45 = ":pua_publish:fifo_reply_1\n"
        + "sip:carol@example.com\n"
        + "3600\n"
        + "message-summary\n"
        + ".\n"
        + ".\n"
        + ".\n"
        + "\"X-Bridge: test\n"
        + "\"\n"
        + "\"Messages-Waiting: yes\n"
        + "Voice-Message: 2/8 (0/2)\n"
        + "\"\n"
        + "\n";

    static final List<String> PUBLISH_45_VALUES = Arrays.asList("sip:carol@example.com", "3600",
        "message-summary", ".", ".", ".", "X-Bridge: test\n", "Messages-Waiting: yes\nVoice-Message: 2/8 (0/2)\n");

    /** 4.6, last row: a body with a bare " unquoted. */
    static final String PUBLISH_46_BARE_QUOTE = ":pua_publish:fifo_reply_1\n"
        + "sip:alice@example.com\n"
        + "3600\n"
        + "presence\n"
        + "application/pidf+xml\n"
        + ".\n"
        + ".\n"
        + ".\n"
        + PIDF_DOUBLE_QUOTES + "\n"
        + "\n";

    /** 4.7: pua_subscribe. */
    static final String SUBSCRIBE_47 = ":pua_subscribe:fifo_reply_1\n"
        + "sip:alice@example.com\n"
        + "sip:bob@example.com\n"
        + "presence\n"
        + "3600\n"
        + "\n";

    static final List<String> SUBSCRIBE_47_VALUES = Arrays.asList("sip:alice@example.com", "sip:bob@example.com",
        "presence", "3600");

    /** 4.8: the same over MI datagram. */
    static final String SUBSCRIBE_48_DATAGRAM = ":pua_subscribe:\nsip:alice@example.com\nsip:bob@example.com\n"
        + "presence\n3600\n";

    private MiSpecExamples()
    {
    }
}
