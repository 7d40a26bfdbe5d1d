package org.jtrain.train;

import java.util.Random;

/** Random generators derived from a seed, one per purpose. */
public final class Seeds {

    /** The seed of a new session, and of library calls that are given none. */
    public static final long DEFAULT = 42;

    private Seeds() {
    }

    /** A generator for one purpose, so that adding a use of randomness elsewhere does not shift this one. */
    public static Random random(long seed, String purpose) {
        return new Random(seed * 31 + purpose.hashCode());
    }
}
