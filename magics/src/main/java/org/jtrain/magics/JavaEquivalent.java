package org.jtrain.magics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a magic does, written with the public library: the last lines of its {@code --help}, so that whatever a magic
 * does can be done in plain Java. Each line is Java (or a Java comment); a test compiles them all.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface JavaEquivalent {

    String[] value();
}
