package org.puaagent.agent.transport;

/** The same transports with each stream listener on a selector thread of its own ({@code --transport-thread own}). */
class AgentTransportsOwnThreadTest extends AgentTransportsTest
{
    @Override
    String transportThread()
    {
        return "own";
    }
}
