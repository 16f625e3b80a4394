package org.puaagent.agent.pipeline;

/**
 * Which command created a publication. Kamailio's pua keeps the publications of each source as separate
 * series even for the same presentity, event and id (spec pua.md section 3.2, capture sip/17): a
 * {@code pua.send_publish} after a {@code pua.publish} for the same presentity starts a new publication.
 * Immutable.
 */
public enum PublishSource
{
    /** {@code pua.publish} (JSON-RPC/binrpc, final SIP outcome reported). */
    RPC_PUBLISH,
    /** {@code pua.send_publish} (answered once the PUBLISH is handed to SIP). */
    RPC_SEND_PUBLISH,
    /** {@code pua_publish} of the Kamailio 4.x MI FIFO interface. */
    MI_PUBLISH
}
