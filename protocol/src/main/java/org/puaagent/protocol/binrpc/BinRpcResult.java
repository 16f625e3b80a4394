package org.puaagent.protocol.binrpc;

import java.util.Objects;

/**
 * The outcome of decoding a packet into the value model: the decoded value or a typed failure.
 * Immutable if the value is.
 *
 * @param <T> the decoded type
 */
public sealed interface BinRpcResult<T> permits BinRpcResult.Decoded, BinRpcResult.Failed
{
    /** Decoding succeeded. */
    record Decoded<T>(T value) implements BinRpcResult<T>
    {
        public Decoded
        {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Decoding failed. */
    record Failed<T>(BinRpcFailure failure) implements BinRpcResult<T>
    {
        public Failed
        {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** True for {@link Decoded}. */
    default boolean isDecoded()
    {
        return this instanceof Decoded;
    }

    /** The value; throws {@link IllegalStateException} for a failure (a caller's bug: check first). */
    default T value()
    {
        if (this instanceof Decoded<T> d)
        {
            return d.value();
        }
        throw new IllegalStateException("not decoded: " + ((Failed<T>) this).failure());
    }

    /** The failure; throws {@link IllegalStateException} if decoding succeeded. */
    default BinRpcFailure failure()
    {
        if (this instanceof Failed<T> f)
        {
            return f.failure();
        }
        throw new IllegalStateException("decoded, no failure");
    }
}
