package org.puaagent.agent.pipeline;

import org.puaagent.agent.runtime.Fatal;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;

import java.util.function.Consumer;

/**
 * A submitted publish on its way through the pipeline. Created by the submitting thread, published to the
 * owner through the command queue, then owner thread only. It is completed exactly once. A {@code presence}
 * body is scanned by the submitting thread ({@link PresenceDocument#scan}), so that the owner only applies
 * the series' tuple id. Its estimated size ({@link #charge}, {@link RecordSizes#command}) is reserved in the
 * {@link CommandBudget} by the submitter and given back by the owner once the command is finished
 * ({@link #release}).
 */
final class PublishCommand
{
    final PublishRequest request;
    final PublishSource source;
    final PublishMode mode;
    /** The scan of a presence body, or {@code null} (other events, no body). */
    final PresenceDocument.Scan presenceScan;
    /** The bytes reserved for it in the command budget. */
    final long charge;
    /** Owner thread: taken by the publisher and not yet finished (in flight or waiting in its series). */
    boolean pending;
    private final Consumer<PublishOutcome> completion;
    private boolean completed;
    private boolean released;

    /** Scans a presence body on the calling thread (the submitter). */
    PublishCommand(final PublishRequest request, final PublishSource source, final PublishMode mode,
        final Consumer<PublishOutcome> completion)
    {
        this.request = request;
        this.source = source;
        this.mode = mode;
        this.completion = completion;
        this.presenceScan = EventPackage.PRESENCE == request.event() && request.hasBody()
            ? PresenceDocument.forThisThread().scan(request.body()) : null;
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

    /** Whether the completion has been called. */
    boolean isCompleted()
    {
        return completed;
    }

    /**
     * Calls the completion unless it was already called.
     *
     * @param outcome         the outcome
     * @param onCallbackError run when the completion throws (it is counted, never propagated; an Error ends the
     *                        process, {@link Fatal#check})
     * @return false when it had been called before (nothing happens then)
     */
    boolean completeOnce(final PublishOutcome outcome, final Runnable onCallbackError)
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
