package org.puaagent.agent.pipeline;

import org.puaagent.agent.runtime.Fatal;
import org.puaagent.protocol.pua.SubscribeRequest;

import java.util.function.Consumer;

/**
 * A submitted subscribe. Created by the submitting thread, then owner thread only; completed exactly once. Its
 * estimated size ({@link #charge}) is reserved in the {@link CommandBudget} by the submitter and given back by
 * the owner once the command is finished ({@link #release}).
 */
final class SubscribeCommand
{
    final SubscribeRequest request;
    /** {@code pua.unsubscribe}: an unknown subscription is {@code NoSuchSubscription}, not "nothing to remove". */
    final boolean unsubscribe;
    /** The bytes reserved for it in the command budget. */
    final long charge;
    /** Owner thread: taken by the subscriber and not yet finished (in flight or waiting). */
    boolean pending;
    private final Consumer<SubscribeOutcome> completion;
    private boolean completed;
    private boolean released;

    SubscribeCommand(final SubscribeRequest request, final boolean unsubscribe,
        final Consumer<SubscribeOutcome> completion)
    {
        this.request = request;
        this.unsubscribe = unsubscribe;
        this.completion = completion;
        this.charge = RecordSizes.command(request);
    }

    /** Gives its bytes back to the budget, once (later calls do nothing). Owner thread. */
    void release(final CommandBudget budget)
    {
        if (!released)
        {
            released = true;
            budget.release(charge);
        }
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

    /**
     * Calls the completion unless it was already called; a throwing completion runs {@code onCallbackError} (an
     * Error ends the process, {@link Fatal#check}).
     */
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
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            onCallbackError.run();
        }
        return true;
    }
}
