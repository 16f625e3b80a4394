package org.puaagent.agent.sip;

/**
 * Receives the end of a client transaction. Called on the owner thread; exactly one of the two methods is
 * called per transaction (none after {@link ClientTransactions#abortAll}).
 */
public interface TransactionUser
{
    /** The first final (&gt;= 200) response arrived; the transaction has ended. */
    void onFinalResponse(ClientTransaction transaction, ReceivedResponse response);

    /** Timer F fired without a final response (a local 408); the transaction has ended. */
    void onTimeout(ClientTransaction transaction);
}
