package org.puaagent.agent.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LinuxOpenFlagsTest
{
    @Test
    void theFlagsOfEachSupportedArchitecture()
    {
        final LinuxOpenFlags x86 = LinuxOpenFlags.of("Linux", "amd64");
        assertEquals(0400000, x86.noFollow());
        assertEquals(01 | 04000 | 0400000 | 02000000 | 0400, x86.replyFifo());
        assertEquals(02 | 04000 | 02000000 | 0400, x86.requestFifo());
        assertEquals(0100000, LinuxOpenFlags.of("Linux", "aarch64").noFollow(), "ARM numbers O_NOFOLLOW apart");
        assertEquals(x86, LinuxOpenFlags.of("linux", "x86_64"));
    }

    @Test
    void noGuessElsewhere()
    {
        assertNull(LinuxOpenFlags.of("Mac OS X", "aarch64"));
        assertNull(LinuxOpenFlags.of("Linux", "ppc64le"));
        assertNull(LinuxOpenFlags.of("Linux", "riscv64"));
    }

    @Test
    void thisMachineCanMakeTheCalls()
    {
        assertNotNull(LinuxOpenFlags.current(), "tests run on a supported machine");
        assertNull(Posix.unavailable());
        assertEquals(-Errno.ENOENT, Posix.open("/nonexistent/x\0".getBytes(), LinuxOpenFlags.current().replyFifo()),
            "a failure comes back as -errno");
    }
}
