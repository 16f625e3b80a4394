package org.puaagent.agent;

/** Command line entry point of the agent. */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args)
    {
        System.out.println("pua-agent: not yet runnable");
    }
}
