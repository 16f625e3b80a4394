package org.puaagent.protocol.binrpc;

/** Hex strings such as {@code "a1 03 0f"} to bytes, for hand-written test packets. */
final class Hex
{
    private Hex()
    {
    }

    static byte[] bytes(final String hex)
    {
        final String s = hex.replace(" ", "");
        final byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++)
        {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** A request packet with a minimal header around the given body. */
    static byte[] request(final int cookie, final String bodyHex)
    {
        return packet(BinRpcPacketType.REQUEST, cookie, bytes(bodyHex));
    }

    /** A packet with a minimal header (built independently of {@link BinRpcWriter}) around the body. */
    static byte[] packet(final BinRpcPacketType type, final int cookie, final byte[] body)
    {
        final int lengthBytes = Math.max(1, BinRpcWriter.significantBytes(body.length));
        final int cookieBytes = Math.max(1, BinRpcWriter.significantBytes(cookie));
        final byte[] out = new byte[2 + lengthBytes + cookieBytes + body.length];
        out[0] = (byte) 0xA1;
        out[1] = (byte) ((type.code() << 4) | ((lengthBytes - 1) << 2) | (cookieBytes - 1));
        int p = 2;
        for (int i = lengthBytes - 1; i >= 0; i--)
        {
            out[p++] = (byte) (body.length >>> (8 * i));
        }
        for (int i = cookieBytes - 1; i >= 0; i--)
        {
            out[p++] = (byte) (cookie >>> (8 * i));
        }
        System.arraycopy(body, 0, out, p, body.length);
        return out;
    }
}
