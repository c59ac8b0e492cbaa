package io.durablebench.video.testbed;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The injected chunk-failure decision, implemented a second time from its rule, so that the tests
 * expect failures from an oracle that is not the functions' own code
 * ({@code FaultInjection.chunkAttemptFails}). The rule: attempt {@code a} (from 1) of chunk {@code i}
 * of job {@code j}, under seed {@code s} and failure probability {@code p}, fails
 * <ul>
 *   <li>never if {@code p <= 0}, always if {@code p >= 1};</li>
 *   <li>otherwise iff {@code u < p}, where {@code u} is the top 53 bits of {@code h} divided by 2^53 and
 *       {@code h = F(F(F(s XOR H(j)) XOR i) XOR (a * 2^32))}, all in unsigned 64-bit arithmetic:
 *       {@code H} is the 64-bit FNV-1a hash of the id's UTF-8 bytes (offset basis 14695981039346656037,
 *       prime 1099511628211) and {@code F} the output function of SplitMix64 (Steele, Lea and Flood,
 *       2014: {@code z ^= z >>> 30; z *= 0xbf58476d1ce4e5b9; z ^= z >>> 27; z *= 0x94d049bb133111eb;
 *       z ^= z >>> 31}).</li>
 * </ul>
 * Written with {@link BigInteger} arithmetic modulo 2^64 rather than Java's wrapping {@code long}s, and
 * checked against the published FNV-1a and SplitMix64 reference outputs ({@code InjectedFailureRuleTest}).
 */
public final class InjectedFailureRule {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger FNV_OFFSET = new BigInteger("14695981039346656037");
    private static final BigInteger FNV_PRIME = new BigInteger("1099511628211");
    private static final BigInteger MIX_1 = new BigInteger("bf58476d1ce4e5b9", 16);
    private static final BigInteger MIX_2 = new BigInteger("94d049bb133111eb", 16);

    private InjectedFailureRule() {
    }

    /** Whether attempt {@code attempt} (from 1) of chunk {@code chunk} of job {@code jobId} fails. */
    public static boolean fails(double probability, long seed, String jobId, int chunk, int attempt) {
        if (probability <= 0) {
            return false;
        }
        if (probability >= 1) {
            return true;
        }
        BigInteger h = splitMixOutput(unsigned(seed).xor(fnv1a64(jobId)));
        h = splitMixOutput(h.xor(unsigned(chunk)));
        h = splitMixOutput(h.xor(unsigned(attempt).shiftLeft(32).mod(TWO_64)));
        double u = h.shiftRight(11).doubleValue() / Math.pow(2, 53);
        return u < probability;
    }

    /** The attempt at which the chunk succeeds: the first that does not fail. */
    public static int attemptsUntilSuccess(double probability, long seed, String jobId, int chunk) {
        if (probability >= 1) {
            throw new IllegalArgumentException("every attempt fails at probability " + probability);
        }
        int a = 1;
        while (fails(probability, seed, jobId, chunk, a)) {
            a++;
        }
        return a;
    }

    /** 64-bit FNV-1a of the UTF-8 bytes. */
    static BigInteger fnv1a64(String s) {
        BigInteger h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = h.xor(BigInteger.valueOf(b & 0xff)).multiply(FNV_PRIME).mod(TWO_64);
        }
        return h;
    }

    /** SplitMix64's output function of a state. */
    static BigInteger splitMixOutput(BigInteger z) {
        z = z.xor(z.shiftRight(30)).multiply(MIX_1).mod(TWO_64);
        z = z.xor(z.shiftRight(27)).multiply(MIX_2).mod(TWO_64);
        return z.xor(z.shiftRight(31));
    }

    /** A Java integer read as unsigned 64 bits (two's complement for a negative one). */
    static BigInteger unsigned(long v) {
        return BigInteger.valueOf(v).mod(TWO_64);
    }
}
