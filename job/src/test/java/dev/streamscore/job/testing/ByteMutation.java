package dev.streamscore.job.testing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One edit of a byte string, for the fuzz generators: where ({@code at}, a fraction of the
 * length, so an edit still applies after the ones before it changed the length), what, and an
 * argument. A list of edits prints as what it does, for failure reports.
 *
 * @param kind the edit
 * @param at   the position, as a fraction in [0, 1) of the current length
 * @param arg  the edit's argument in [0, 4096): a bit, a byte, a length or a token's index
 */
public record ByteMutation(Kind kind, double at, int arg) {
    /** The edits. */
    public enum Kind {
        /** Flip bit {@code arg % 8} of the byte at the position. */
        FLIP_BIT,
        /** Set the byte at the position to {@code arg}. */
        SET_BYTE,
        /** Insert byte {@code arg}. */
        INSERT_BYTE,
        /** Delete {@code 1 + arg % 16} bytes. */
        DELETE,
        /** Cut everything from the position on. */
        TRUNCATE,
        /** Repeat the {@code 1 + arg % 32} bytes that start at the position. */
        DUPLICATE,
        /** Insert token {@code arg % tokens} of the generator's table. */
        INSERT_TOKEN,
        /** Replace the {@code 1 + arg % 8} bytes at the position by a token of the table. */
        REPLACE_WITH_TOKEN,
    }

    /** A list of 1 to {@code max} edits. */
    public static List<ByteMutation> list(RandomGenerator r, int max) {
        return Draw.list(r, 1, max, ByteMutation::draw);
    }

    /** One edit: any kind, a position with 4 decimals, an argument in [0, 4096). */
    static ByteMutation draw(RandomGenerator r) {
        return new ByteMutation(Draw.pick(r, Kind.values()), r.nextInt(10_000) / 10_000.0, r.nextInt(4096));
    }

    /** {@code bytes} with every edit applied in order; {@code tokens} is the table INSERT_TOKEN draws from. */
    public static byte[] apply(byte[] bytes, List<ByteMutation> edits, List<byte[]> tokens) {
        byte[] b = bytes;
        for (ByteMutation m : edits) {
            b = m.apply(b, tokens);
        }
        return b;
    }

    /** This edit applied to {@code b} (a new array; {@code b} is not modified). */
    public byte[] apply(byte[] b, List<byte[]> tokens) {
        int n = b.length;
        int pos = Math.min(n, (int) (at * n));
        byte[] token = tokens.get(arg % tokens.size());
        return switch (kind) {
            case FLIP_BIT -> n == 0 ? b : set(b, Math.min(pos, n - 1), (byte) (b[Math.min(pos, n - 1)] ^ (1 << (arg % 8))));
            case SET_BYTE -> n == 0 ? b : set(b, Math.min(pos, n - 1), (byte) arg);
            case INSERT_BYTE -> splice(b, pos, pos, new byte[] {(byte) arg});
            case DELETE -> splice(b, pos, Math.min(n, pos + 1 + arg % 16), new byte[0]);
            case TRUNCATE -> Arrays.copyOf(b, pos);
            case DUPLICATE -> splice(b, pos, pos, Arrays.copyOfRange(b, pos, Math.min(n, pos + 1 + arg % 32)));
            case INSERT_TOKEN -> splice(b, pos, pos, token);
            case REPLACE_WITH_TOKEN -> splice(b, pos, Math.min(n, pos + 1 + arg % 8), token);
        };
    }

    private static byte[] set(byte[] b, int i, byte v) {
        byte[] c = b.clone();
        c[i] = v;
        return c;
    }

    /** {@code b} with bytes [from, to) replaced by {@code insert}. */
    static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, from);
        out.write(insert, 0, insert.length);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }
}
