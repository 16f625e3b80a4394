package org.puaagent.agent.pipeline;

import org.puaagent.protocol.pua.SubscribeRequest;

import java.util.function.Consumer;

/**
 * A submitted subscribe. Created by the submitting thread, then owner thread only; completed exactly once.
 */
final class SubscribeCommand
{
    final SubscribeRequest request;
    /** {@code pua.unsubscribe}: an unknown subscription is {@code NoSuchSubscription}, not "nothing to remove". */
    final boolean unsubscribe;
    private final Consumer<SubscribeOutcome> completion;
    private boolean completed;

    SubscribeCommand(final SubscribeRequest request, final boolean unsubscribe,
        final Consumer<SubscribeOutcome> completion)
    {
        this.request = request;
        this.unsubscribe = unsubscribe;
        this.completion = completion;
    }

    /** Whether the command ends the subscription (expires 0 or {@code pua.unsubscribe}). */
    boolean isRemoval()
    {
        return unsubscribe || 0 == request.expires();
    }

    boolean isCompleted()
    {
        return completed;
    }

    /** Calls the completion unless it was already called; a throwing completion runs {@code onCallbackError}. */
    boolean completeOnce(final SubscribeOutcome outcome, final Runnable onCallbackError)
    {
        if (completed)
        {
            return false;
        }
        completed = true;
        try
        {
            completion.accept(outcome);
        }
        catch (final RuntimeException ex)
        {
            onCallbackError.run();
        }
        return true;
    }
}
