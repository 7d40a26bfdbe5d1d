package org.jtrain.train;

import java.util.Random;

/** The session's seed, behind {@code %seed}: every split, model and network jtrain creates derives from it. */
public final class Seeds {

    private static volatile long seed = 42;

    private Seeds() {
    }

    public static long current() {
        return seed;
    }

    public static void set(long value) {
        seed = value;
    }

    /** A generator for one purpose, so that adding a use of randomness elsewhere does not shift this one. */
    public static Random random(String purpose) {
        return new Random(seed * 31 + purpose.hashCode());
    }
}
