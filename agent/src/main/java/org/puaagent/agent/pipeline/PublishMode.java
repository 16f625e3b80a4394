package org.puaagent.agent.pipeline;

/**
 * When the completion of a submitted publish is called. Immutable.
 */
public enum PublishMode
{
    /**
     * Complete with the final SIP outcome ({@link PublishOutcome.Published}, {@link PublishOutcome.Failed}
     * including the local timeout 408, ...), after any recovery the pipeline does (412, 423).
     */
    FINAL_REPLY,
    /**
     * Complete with {@link PublishOutcome.HandedOff} as soon as the pipeline has taken charge of the
     * PUBLISH: when it is handed to the SIP layer, or when it is queued behind a PUBLISH of the same series
     * that is still in flight (the pipeline then sends it in order; its outcome only updates the series).
     * Refusals found before that (wrong ETag, nothing to remove, no body, not publishable, unroutable)
     * complete with their own outcome.
     */
    HANDED_OFF
}
