package org.puaagent.agent.sip;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;

import java.util.Properties;

/**
 * A JAIN-SIP {@link StackLogger} that logs nothing and says so cheaply. Without a stack, JAIN-SIP's
 * {@link CommonLogger} would otherwise create a log4j logger wrapper on every {@code isLoggingEnabled}
 * call made by the parser. Immutable; any thread.
 */
public final class QuietStackLogger implements StackLogger
{
    private static final QuietStackLogger INSTANCE = new QuietStackLogger();

    private QuietStackLogger()
    {
    }

    /** Installs the quiet logger as JAIN-SIP's process-wide legacy logger, unless one is already set. */
    public static synchronized void install()
    {
        if (null == CommonLogger.legacyLogger)
        {
            CommonLogger.useLegacyLogger = true;
            CommonLogger.legacyLogger = INSTANCE;
        }
    }

    @Override
    public void logStackTrace()
    {
    }

    @Override
    public void logStackTrace(final int traceLevel)
    {
    }

    @Override
    public int getLineCount()
    {
        return 0;
    }

    @Override
    public void logException(final Throwable ex)
    {
    }

    @Override
    public void logDebug(final String message)
    {
    }

    @Override
    public void logDebug(final String message, final Exception ex)
    {
    }

    @Override
    public void logTrace(final String message)
    {
    }

    @Override
    public void logFatalError(final String message)
    {
    }

    @Override
    public void logError(final String message)
    {
    }

    @Override
    public boolean isLoggingEnabled()
    {
        return false;
    }

    @Override
    public boolean isLoggingEnabled(final int logLevel)
    {
        return false;
    }

    @Override
    public void logError(final String message, final Exception ex)
    {
    }

    @Override
    public void logWarning(final String message)
    {
    }

    @Override
    public void logInfo(final String message)
    {
    }

    @Override
    public void disableLogging()
    {
    }

    @Override
    public void enableLogging()
    {
    }

    @Override
    public void setBuildTimeStamp(final String buildTimeStamp)
    {
    }

    @Override
    public void setStackProperties(final Properties stackProperties)
    {
    }

    @Override
    public String getLoggerName()
    {
        return "quiet";
    }
}
