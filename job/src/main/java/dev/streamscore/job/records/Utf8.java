package dev.streamscore.job.records;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {
    private Utf8() {}

    /** The offset of the first byte that does not start a valid UTF-8 sequence, or -1 when all are valid. */
    static int firstInvalid(byte[] b) {
        return firstInvalid(b, b.length);
    }

    /** As {@link #firstInvalid(byte[])} for the first {@code n} bytes. */
    static int firstInvalid(byte[] b, int n) {
        int i = 0;
        while (i < n) {
            int len = sequenceLength(b, i, n);
            if (len == 0) {
                return i;
            }
            i += len;
        }
        return -1;
    }

    /**
     * The length (1 to 4) of the valid UTF-8 sequence starting at {@code b[i]} and ending before
     * {@code n}, or 0 when there is none.
     */
    static int sequenceLength(byte[] b, int i, int n) {
        int c = b[i] & 0xff;
        if (c < 0x80) {
            return 1;
        }
        int len;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            lo = c == 0xe0 ? 0xa0 : 0x80; // no overlong 3-byte forms
            hi = c == 0xed ? 0x9f : 0xbf; // no UTF-16 surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            lo = c == 0xf0 ? 0x90 : 0x80; // no overlong 4-byte forms
            hi = c == 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
        } else {
            return 0;
        }
        if (i + len > n) {
            return 0;
        }
        int second = b[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return 0;
        }
        for (int k = 2; k < len; k++) {
            int next = b[i + k] & 0xff;
            if (next < 0x80 || next > 0xbf) {
                return 0;
            }
        }
        return len;
    }

    /** True when every byte sequence is valid UTF-8. */
    static boolean isValid(byte[] b) {
        return firstInvalid(b) < 0;
    }

    /** True when the first {@code n} bytes are valid UTF-8. */
    static boolean isValid(byte[] b, int n) {
        return firstInvalid(b, n) < 0;
    }

    /**
     * The largest cut at or before {@code n} that does not split a character: {@code n} moved back
     * to the lead byte of the character that starts before {@code n} and ends after it, if there
     * is one. Continuation bytes (10xxxxxx) that follow no lead byte within a character's length
     * belong to no character (the value is not UTF-8 there), so they do not move the cut.
     */
    static int boundary(byte[] b, int n) {
        if (n >= b.length) {
            return b.length;
        }
        for (int start = n; start > 0 && start > n - 4; start--) {
            int c = b[start - 1] & 0xff;
            if ((c & 0xc0) != 0x80) {
                int length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
                return start - 1 + length > n ? start - 1 : n;
            }
        }
        return n;
    }
}
