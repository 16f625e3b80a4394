package org.puaagent.protocol.mi;

import java.util.List;
import java.util.Objects;

/**
 * One node of an MI tree: a request parameter line or a reply line.
 *
 * <p>In a request every parameter line becomes one node without kids: {@code name} is the text before
 * {@code ::} ({@code null} when the line has none, or when it is empty), {@code value} the parameter text
 * ({@code null} only for a {@code name::} line without a value, which Kamailio treats as "absent").
 * In a reply a node is printed {@code [indent*level][name:: ][value][ attr=val...]} and its kids follow
 * one level deeper.
 *
 * <p>Immutable (lists are copied).
 *
 * @param name       the node name, or {@code null}
 * @param value      the node value, or {@code null}
 * @param attributes attributes written after the value (replies only; pua never uses them)
 * @param kids       child nodes (replies only)
 */
public record MiNode(String name, String value, List<MiAttribute> attributes, List<MiNode> kids)
{
    /** One {@code name=value} attribute of a reply node. Immutable. */
    public record MiAttribute(String name, String value)
    {
        public MiAttribute
        {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public MiNode
    {
        attributes = List.copyOf(attributes);
        kids = List.copyOf(kids);
    }

    /** A node with a value and no name. */
    public static MiNode of(final String value)
    {
        return new MiNode(null, value, List.of(), List.of());
    }

    /** A node {@code name:: value}; either may be {@code null}. */
    public static MiNode of(final String name, final String value)
    {
        return new MiNode(name, value, List.of(), List.of());
    }

    /** A reply node with children. */
    public static MiNode of(final String name, final String value, final List<MiNode> kids)
    {
        return new MiNode(name, value, List.of(), kids);
    }

    /** Whether the value is absent ({@code name::}) or the empty string: what pua_mi calls "empty". */
    public boolean isEmpty()
    {
        return value == null || value.isEmpty();
    }
}
