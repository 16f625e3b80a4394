package org.puaagent.protocol.binrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * A captured kamcmd command line ({@code .cmd}) and what kamcmd sends and prints for it: the method after
 * alias resolution, the typed parameters (kamcmd's rules via {@link KamcmdArguments}) and the output format.
 * Arguments the capture abbreviated ({@code <N-byte argument: prefix...>}) are kept as {@link Abbreviated}.
 */
final class KamcmdCommand
{
    private static final Pattern ABBREVIATED = Pattern.compile("<(\\d+)-byte argument: (.*)\\.\\.\\.>$");
    private static final String ABBREVIATED_WORD = "\u0000abbreviated\u0000";

    /** An argument shown only by its byte length and the beginning of its text. */
    record Abbreviated(int byteLength, String prefix)
    {
    }

    final String method;
    final List<Object> params;
    final String format;
    final boolean helpListing;

    private KamcmdCommand(final String method, final List<Object> params, final String format, final boolean helpListing)
    {
        this.method = method;
        this.params = params;
        this.format = format;
        this.helpListing = helpListing;
    }

    static KamcmdCommand parse(final String line)
    {
        String text = line.strip();
        Abbreviated abbreviated = null;
        final Matcher m = ABBREVIATED.matcher(text);
        if (m.find())
        {
            abbreviated = new Abbreviated(Integer.parseInt(m.group(1)), shellWords(m.group(2)).get(0));
            text = text.substring(0, m.start()) + "'" + ABBREVIATED_WORD + "'";
        }
        final List<String> words = shellWords(text);
        if (!words.get(0).equals("kamcmd"))
        {
            throw new IllegalArgumentException(line);
        }
        String format = null;
        int i = 1;
        while (i < words.size() && words.get(i).startsWith("-"))
        {
            final String option = words.get(i++);
            if (option.equals("--"))
            {
                break;
            }
            if (option.equals("-s"))
            {
                i++;
            }
            else if (option.equals("-f"))
            {
                format = KamcmdPrinter.expandEscapes(words.get(i++));
            }
            else
            {
                throw new IllegalArgumentException("option " + option + " in " + line);
            }
        }
        final String command = words.get(i);
        final List<String> args = words.subList(i + 1, words.size());
        String method = command;
        boolean helpListing = false;
        switch (command)
        {
            case "ls", "list" -> method = "system.listMethods";
            case "ver", "version" -> method = "core.version";
            case "listen" ->
            {
                method = "ctl.listen";
                format = null == format ? "[%v] %v: %v %v\n" : format;
            }
            case "help", "?" ->
            {
                method = args.isEmpty() ? "system.listMethods" : "system.methodHelp";
                helpListing = args.isEmpty();
            }
            default ->
            {
            }
        }
        final List<Object> params = new ArrayList<>();
        for (final String a : args)
        {
            if (a.equals(ABBREVIATED_WORD))
            {
                params.add(abbreviated);
            }
            else
            {
                params.add(command.equals("help") ? new RpcString(a) : KamcmdArguments.type(a));
            }
        }
        return new KamcmdCommand(method, params, format, helpListing);
    }

    /** True if the params list holds values only (no abbreviated argument). */
    boolean fullyKnown()
    {
        return params.stream().allMatch(p -> p instanceof RpcValue);
    }

    /** POSIX shell word splitting with backslash, single and double quotes (enough for the captures). */
    static List<String> shellWords(final String s)
    {
        final List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == ' ' || c == '\t')
            {
                if (null != word)
                {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (null == word)
            {
                word = new StringBuilder();
            }
            if (c == '\\' && i + 1 < s.length())
            {
                word.append(s.charAt(++i));
            }
            else if (c == '\'')
            {
                final int end = s.indexOf('\'', i + 1);
                word.append(s, i + 1, end);
                i = end;
            }
            else if (c == '"')
            {
                int j = i + 1;
                while (s.charAt(j) != '"')
                {
                    if (s.charAt(j) == '\\' && "\"\\$`".indexOf(s.charAt(j + 1)) >= 0)
                    {
                        j++;
                    }
                    word.append(s.charAt(j++));
                }
                i = j;
            }
            else
            {
                word.append(c);
            }
        }
        if (null != word)
        {
            words.add(word.toString());
        }
        return words;
    }
}
