package org.puaagent.protocol.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A structure: members in order, names may repeat. A member may have no name ({@code null}): that is how
 * Kamailio's binrpc server sends the items of an "array" (a struct whose members are plain values), and
 * decoders must accept it. Immutable.
 */
public record RpcStruct(List<Member> members) implements RpcValue
{
    /** One member; {@code name} is {@code null} for an unnamed (array-style) member. */
    public record Member(String name, RpcValue value)
    {
        public Member
        {
            Objects.requireNonNull(value, "value");
        }
    }

    public RpcStruct
    {
        members = List.copyOf(members);
    }

    /** The value of the first member with that name, or {@code null}. */
    public RpcValue get(final String name)
    {
        for (final Member m : members)
        {
            if (name.equals(m.name()))
            {
                return m.value();
            }
        }
        return null;
    }

    @Override
    public String typeName()
    {
        return "structure";
    }

    /** Builds a struct member by member, in order. Not thread-safe; use on one thread. */
    public static final class Builder
    {
        private final List<Member> members = new ArrayList<>();

        public Builder add(final String name, final RpcValue value)
        {
            members.add(new Member(name, value));
            return this;
        }

        public Builder add(final String name, final String value)
        {
            return add(name, new RpcString(value));
        }

        public Builder add(final String name, final int value)
        {
            return add(name, RpcInt.of(value));
        }

        public RpcStruct build()
        {
            return new RpcStruct(members);
        }
    }

    public static Builder builder()
    {
        return new Builder();
    }
}
