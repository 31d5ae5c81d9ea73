package io.ttgateway.outbox;

/**
 * How the text of a pro message delivered by Thumbtack is compared with the text of a send of this
 * service, to tell a possible echo (one whose send has not recorded its messageID yet) from a message
 * the pro typed. Thumbtack may hand back the text as it stored it: its line endings normalised and
 * trailing whitespace dropped. So both sides are compared normalised, the same way everywhere: CRLF and
 * CR become LF, spaces and tabs before a line end go, and so does whitespace at the end of the text.
 * The comparison runs in SQL, where both texts are; this class is its only definition.
 */
public final class EchoText {

    private EchoText() {}

    /** A SQL condition: the texts {@code a} and {@code b} (SQL expressions) are the same once normalised. */
    public static String same(String a, String b) {
        return normalised(a) + " = " + normalised(b);
    }

    /** The SQL expression of {@code text} normalised (PostgreSQL regular expressions). */
    static String normalised(String text) {
        return "regexp_replace(regexp_replace(regexp_replace(" + text + ", '\\r\\n?', E'\\n', 'g'),"
                + " '[ \\t]+\\n', E'\\n', 'g'), '\\s+$', '')";
    }
}
